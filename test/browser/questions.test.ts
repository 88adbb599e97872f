import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answered, launchChromium, screenshot, seriousViolations, signInAs, watchedContext } from '../helpers/browser.ts';
import { startLivePlant, type LivePlant } from '../helpers/livePlant.ts';

/** From the list of lines, a line's questions page by its link in the line's row. */
async function openQuestions(page: Page, line: RegExp): Promise<void> {
  await Promise.all([
    page.waitForURL(/\/questions$/),
    page.getByRole('row', { name: line }).getByRole('link', { name: 'Ask the twin' }).click(),
  ]);
}

describe('the planner asks the twin in Chromium', () => {
  let plant: LivePlant;
  let browser: Browser;
  beforeAll(async () => {
    [plant, browser] = await Promise.all([startLivePlant('pglite', { backfillHours: 3 }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await plant?.stop();
  });

  it('asks which station constrains the next shift, watches the answer come in and reads its sentence and charts', async () => {
    const { context, problems } = await watchedContext(browser);
    const page = await signInAs(context, plant.url, 'tomas.dvorak@northwind.example', 'planner');
    await openQuestions(page, /Crankshaft line 1/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ask the twin: Crankshaft line 1');
    const card = page.getByRole('region', { name: 'Which station will constrain the next shift?' });
    await screenshot(page, 'questions-1-page');
    expect(await seriousViolations(page)).toEqual([]);

    await Promise.all([page.waitForURL(/\/questions\/runs\/[0-9a-f-]{36}$/), card.getByRole('button', { name: 'Ask' }).click()]);
    const sentence = page.locator('.answer-sentence');
    await answered(page, 120_000);
    expect(await sentence.textContent()).toMatch(/is the likely constraint of the \w+ shift .*Expected output \d+/);
    const chart = page.locator('#ns-bottleneck svg');
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await page.locator('#ns-bottleneck').textContent()).toContain('likely constraint');
    expect(await page.locator('#ns-states svg').count()).toBe(1);
    expect(await page.locator('#ns-output svg').count()).toBe(1);
    expect(await page.locator('#record-decision').count()).toBe(1);
    await screenshot(page, 'questions-2-next-shift');
    expect(await seriousViolations(page)).toEqual([]);

    // The same answer in German: the page's texts are translated, the sentence is the domain's.
    // A language link goes round to the same page: wait for the page in the new language, or the
    // next step would abort its navigation.
    const heading = () => page.getByRole('heading', { level: 1 }).textContent();
    await page.getByRole('link', { name: 'DE Deutsch' }).click();
    await expect.poll(heading).toContain('Engpass der nächsten Schicht');
    await answered(page, 30_000);
    await screenshot(page, 'questions-3-next-shift-de');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'EN English' }).click();
    await expect.poll(heading).toContain('Next-shift constraint');
    await answered(page, 30_000);

    // The gearbox line's mix against a proposal typed as lots, and the crankshaft line's maintenance.
    await page.goto(`${plant.url}/lines`);
    await openQuestions(page, /Gearbox assembly line/);
    const mix = page.getByRole('region', { name: /product mix/ });
    await mix.getByLabel('Name of mix 1').fill('GB7 first');
    await mix.getByLabel('Lots or shares of mix 1').fill('GB7 x 240, GB6 x 560');
    await Promise.all([page.waitForURL(/\/questions\/runs\//), mix.getByRole('button', { name: 'Ask' }).click()]);
    await answered(page, 120_000);
    expect(await page.getByRole('table').first().textContent()).toContain('GB7 first');
    expect(await page.locator('#mx-peak svg').count()).toBe(1);
    await screenshot(page, 'questions-4-mix');
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${plant.url}/lines`);
    await openQuestions(page, /Crankshaft line 1/);
    const maintenance = page.getByRole('region', { name: /maintenance/ });
    await maintenance.getByLabel(/^WO-24121/).uncheck();
    await Promise.all([page.waitForURL(/\/questions\/runs\//), maintenance.getByRole('button', { name: 'Ask' }).click()]);
    await answered(page, 180_000);
    expect(await page.locator('.answer-sentence').textContent()).toMatch(/^Do WO-24117 on op40/);
    expect(await page.getByRole('table').first().textContent()).toContain('recommended');
    await screenshot(page, 'questions-5-maintenance');
    expect(await seriousViolations(page)).toEqual([]);

    // The recent answers, newest first, with their sentences.
    await page.getByRole('link', { name: 'Back to the questions' }).click();
    const recent = page.getByRole('region', { name: 'Recent answers of this line' });
    expect(await recent.getByRole('row').nth(1).textContent()).toContain('Maintenance this week');
    await screenshot(page, 'questions-6-recent');
    expect(problems.list).toEqual([]);
    await context.close();
  }, 360_000);
});
