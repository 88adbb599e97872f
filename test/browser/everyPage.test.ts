import { asc, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalations, kpis, lines, milestones, people, programs, useCases } from '../../db/schema/index.ts';
import { launchChromium, screenshot, seriousViolations, signInAs, watchedContext, type PageProblems } from '../helpers/browser.ts';
import { startLivePlant, type LivePlant } from '../helpers/livePlant.ts';

/**
 * Every page of the application, opened in Chromium as the administrator (who may open them all)
 * on the living demo: no serious or critical axe-core violation, no script error, no CSP refusal.
 */
describe('every page in Chromium', () => {
  let plant: LivePlant;
  let browser: Browser;
  beforeAll(async () => {
    [plant, browser] = await Promise.all([startLivePlant('pglite', { backfillHours: 2 }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await plant?.stop();
  });

  async function check(page: Page, problems: PageProblems, path: string): Promise<string[]> {
    problems.list.length = 0;
    const res = await page.goto(`${plant.url}${path}`);
    await page.waitForLoadState('networkidle');
    const found = (await seriousViolations(page)).map((v) => `${path}: ${v.id} (${v.impact}) ${v.help} at ${v.targets.join(', ')}`);
    if (!res || res.status() >= 400) found.push(`${path}: status ${res?.status()}`);
    return [...found, ...problems.list.map((p) => `${path}: ${p}`)];
  }

  it('would see a violation: an unlabelled field and an image without text are reported', async () => {
    const page = await browser.newPage();
    await page.setContent('<html lang="en"><body><main><input type="text"><img src="data:,"></main></body></html>');
    const ids = (await seriousViolations(page)).map((v) => v.id).sort();
    expect(ids).toEqual(expect.arrayContaining(['image-alt', 'label']));
    await page.close();
  });

  it('has no serious accessibility violation and no script or CSP error on any page', async () => {
    const { db } = plant.deps;
    const [program] = await db.select().from(programs).limit(1);
    const [useCase] = await db.select().from(useCases).orderBy(asc(useCases.title)).limit(1);
    const [kpi] = await db.select().from(kpis).limit(1);
    const [milestone] = await db.select().from(milestones).limit(1);
    const [escalation] = await db.select().from(escalations).limit(1);
    const [line] = await db.select().from(lines).where(eq(lines.code, 'crankshaft-1'));
    const [gearbox] = await db.select().from(lines).where(eq(lines.code, 'gearbox-assembly'));
    const [person] = await db.select().from(people).where(eq(people.email, 'martin.novak@northwind.example'));
    const paths = [
      '/',
      `/programs/${program.id}`,
      `/programs/${program.id}/edit`,
      `/programs/${program.id}/groups`,
      `/programs/${program.id}/data-sources`,
      `/programs/${program.id}/use-cases/new`,
      `/programs/${program.id}/milestones/new`,
      `/milestones/${milestone.id}/edit`,
      '/programs/new',
      '/inbox',
      `/escalations/${escalation.id}`,
      `/use-cases/${useCase.id}`,
      `/use-cases/${useCase.id}/edit`,
      `/use-cases/${useCase.id}/kpis/new`,
      `/kpis/${kpi.id}/edit`,
      '/lines',
      `/lines/${line.id}`,
      `/lines/${line.id}/simulate`,
      `/lines/${line.id}/questions`,
      `/lines/${line.id}/model`,
      `/lines/${gearbox.id}/balance`,
      '/search?q=line',
      '/admin/people',
      '/admin/people/new',
      `/admin/people/${person.id}`,
      '/admin/plant',
      '/me',
      '/me/notifications',
      `/audit/program/${program.id}`,
    ];
    const { context, problems } = await watchedContext(browser);
    const page = await signInAs(context, plant.url, 'twin.office@northwind.example', 'admin');
    const found: string[] = [];
    for (const path of paths) found.push(...(await check(page, problems, path)));
    await screenshot(page, 'admin-audit');
    expect(found).toEqual([]);
    await context.close();
  }, 300_000);
});
