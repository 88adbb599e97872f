import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percent } from '../../../server/web/format.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createDemoPages, type DemoPages, type PageClient } from '../../helpers/pages.ts';
import { decideDemoWeeks, forgetDemoDecisions, measureDemoWeeks, type DemoTrackRecord } from '../decisions/demoTrackRecord.ts';

const EVA = 'eva.horakova@northwind.example';
const NONE_CHECKED =
  'No prediction has been checked yet: decisions recorded with predicted effects are checked when their period has passed.';

/** The program page's track-record section alone. */
const sectionOf = (html: string) => /<section id="track-record"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
const rowOf = (html: string, useCaseId: string) => new RegExp(`<tr id="track-record-${useCaseId}">[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';

describe.each(databaseKinds)('the twin’s track record on the program page (%s)', (kind) => {
  let pages: DemoPages;
  let world: DemoTrackRecord;
  const path = () => `/programs/${pages.demo.programId}`;
  /** The sponsor signs in anew, as the clock moves on by weeks. */
  const sponsor = (): Promise<PageClient> => pages.as(EVA, 'sponsor');

  beforeAll(async () => {
    pages = await createDemoPages(kind);
    await forgetDemoDecisions(pages);
  }, 120_000);
  afterAll(async () => pages?.close());

  it('says nothing was checked yet, before any decision and while the predictions are pending', async () => {
    const before = await (await sponsor()).get(path());
    expect(before.status).toBe(200);
    expect(before.html).toContain('<a href="#track-record">Track record of the twin</a>');
    const section = sectionOf(before.html);
    expect(section).toContain('aria-labelledby="track-record-heading"');
    expect(section).toContain('<h2 id="track-record-heading">Track record of the twin</h2>');
    expect(section).toContain(NONE_CHECKED);
    expect(section).not.toContain('<table');
    world = await decideDemoWeeks(pages);
    const pending = sectionOf((await (await sponsor()).get(path())).html);
    expect(pending).toContain(NONE_CHECKED);
  });

  it('shows the figures all together and by use case once the weeks are measured, judged by the program’s rule', async () => {
    await measureDemoWeeks(pages, world);
    const page = await (await sponsor()).get(path());
    expect(page.status).toBe(200);
    const section = sectionOf(page.html);
    expect(section).not.toContain(NONE_CHECKED);
    // Four weeks of two use cases: the good one's four inside, the poor one's none.
    expect(section).toContain('8 decisions, 8 predictions');
    expect(section).toContain('4 of 8 (50 %) inside the range the twin gave');
    expect(section).toContain('1 of 2 use cases: the evidence that the twin can be relied on');
    expect(section).toMatch(/<table aria-label="Track record of each use case">[\s\S]*<th scope="col">Use case<\/th>/);

    const good = rowOf(section, world.good.id);
    expect(good).toContain(`<th scope="row"><a href="/use-cases/${world.good.id}#decisions">Buffer before hardening</a></th>`);
    expect(good).toContain('4 decisions, 4 predictions');
    expect(good).toContain(`<td class="num">${percent(1, 0)}</td>`);
    expect(good).toContain(`<td class="num">${percent(0.02, 1)}</td>`);
    expect(good).toContain('<span class="badge ok">good</span>');

    const poor = rowOf(section, world.poor.id);
    expect(poor).toContain(`<a href="/use-cases/${world.poor.id}#decisions">Next-shift constraint</a>`);
    expect(poor).toContain(`<td class="num">${percent(0, 0)}</td>`);
    expect(poor).toContain(`<td class="num">${percent(-0.12, 1)}</td>`);
    expect(poor).toContain('<span class="badge bad">poor</span>');
    // The rule, with the program's thresholds (its early-warning settings; here the defaults).
    expect(section).toContain('Poor with at least 4 checked and under 50 % inside');
  });

  it('is said in the sponsor’s language', async () => {
    const client = await sponsor();
    const page = await client.get(path(), { cookie: `${client.cookie}; tw_lang=de` });
    const section = sectionOf(page.html);
    expect(section).toContain('Bilanz des Zwillings');
    expect(section).toContain('1 von 2 Anwendungsfällen');
    expect(section).toContain('<span class="badge ok">gut</span>');
  });
});
