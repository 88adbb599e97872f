import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemViewer } from '../../../server/access/index.ts';
import { lineTrackRecord } from '../../../server/decisions/trackRecords.ts';
import { percent } from '../../../server/web/format.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createDemoPages, type DemoPages, type PageClient } from '../../helpers/pages.ts';
import { decideDemoWeeks, forgetDemoDecisions, measureDemoWeeks, type DemoTrackRecord } from '../decisions/demoTrackRecord.ts';

const planner = 'tomas.dvorak@northwind.example';
const NONE_CHECKED =
  'No prediction has been checked yet: decisions recorded with predicted effects are checked when their period has passed.';

/** The line page's track-record card alone. */
const cardOf = (html: string) => /<section id="line-track-record"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';

describe.each(databaseKinds)('the twin’s track record on the line page (%s)', (kind) => {
  let pages: DemoPages;
  let world: DemoTrackRecord;
  const path = () => `/lines/${world.crankLineId}`;
  /** The planner signs in anew, as the clock moves on by weeks. */
  const client = (): Promise<PageClient> => pages.as(planner, 'planner');

  beforeAll(async () => {
    pages = await createDemoPages(kind);
    await forgetDemoDecisions(pages);
    world = await decideDemoWeeks(pages);
  }, 120_000);
  afterAll(async () => pages?.close());

  it('says nothing was checked yet while the predictions are pending, outside the polled live part', async () => {
    const page = await (await client()).get(path());
    expect(page.status).toBe(200);
    const card = cardOf(page.html);
    expect(card).toContain('aria-labelledby="line-track-record-heading"');
    expect(card).toContain('<h2 id="line-track-record-heading">Track record of the twin on this line</h2>');
    expect(card).toContain(NONE_CHECKED);
    // The live part polls itself; the card comes after it closes and is not part of its answer.
    const live = page.html.indexOf('<div id="line-live"');
    expect(live).toBeGreaterThan(-1);
    expect(page.html.indexOf('<section id="line-track-record"')).toBeGreaterThan(page.html.indexOf('line-stops-heading'));
    const fragment = await (await client()).get(path(), { 'hx-request': 'true', 'hx-target': 'line-live' });
    expect(fragment.status).toBe(200);
    expect(fragment.html.startsWith('<div id="line-live"')).toBe(true);
    expect(fragment.html).not.toContain('line-track-record');
  });

  it('shows how the predictions about the line held once the weeks are measured', async () => {
    await measureDemoWeeks(pages, world);
    const record = await lineTrackRecord(pages.database.db, systemViewer, world.crankLineId, pages.clock());
    // Both use cases are of the line: four weeks each, half inside, a mean bias of (2 − 12) / 2 %.
    expect(record).toMatchObject({ decisionsChecked: 8, predictionsChecked: 8, inside: 4, insideShare: 0.5, verdict: 'fair' });
    expect(record.meanRelativeBias).toBeCloseTo(-0.05, 12);
    const card = cardOf((await (await client()).get(path())).html);
    expect(card).not.toContain(NONE_CHECKED);
    expect(card).toContain('<dd>8 decisions, 8 predictions</dd>');
    expect(card).toContain(`<dd>${percent(0.5, 0)}</dd>`);
    expect(card).toContain(`<dd>${percent(record.meanRelativeBias, 1)}</dd>`);
    expect(card).toContain('<span class="badge queued">fair</span>');
    expect(card).toContain('Poor with at least 4 checked');
  });

  it('is said in the planner’s language', async () => {
    const c = await client();
    const card = cardOf((await c.get(path(), { cookie: `${c.cookie}; tw_lang=cs` })).html);
    expect(card).toContain('Bilance dvojčete na této lince');
    expect(card).toContain('<span class="badge queued">průměrná</span>');
  });
});
