import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, seriousViolations, signInAs, watchedContext } from '../helpers/browser.ts';
import { startLivePlant, type LivePlant } from '../helpers/livePlant.ts';

describe('the planner’s journey in Chromium', () => {
  let plant: LivePlant;
  let browser: Browser;
  beforeAll(async () => {
    [plant, browser] = await Promise.all([startLivePlant('pglite', { backfillHours: 3 }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await plant?.stop();
  });

  it('balances a line and sees the Yamazumi chart, then runs two scenarios with the progress bar and reads the comparison', async () => {
    const { context, problems } = await watchedContext(browser);
    const page = await signInAs(context, plant.url, 'tomas.dvorak@northwind.example', 'planner');
    expect(new URL(page.url()).pathname).toBe('/lines');

    // The live page of the crankshaft line, which refreshes itself.
    await Promise.all([page.waitForURL(/\/lines\/[0-9a-f-]+$/), page.getByRole('link', { name: /Crankshaft line 1/ }).click()]);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Crankshaft line 1');
    await screenshot(page, 'planner-1-line');
    expect(await seriousViolations(page)).toEqual([]);

    // Balance the gearbox line at a cycle time of 130 s.
    await page.goto(`${plant.url}/lines`);
    await Promise.all([
      page.waitForURL(/\/balance$/),
      page
        .getByRole('row', { name: /Gearbox assembly line/ })
        .getByRole('link', { name: 'Balance' })
        .click(),
    ]);
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Run the balance' }) });
    await form.getByLabel('Cycle time', { exact: true }).check();
    await form.getByLabel('Cycle time (s)').fill('130');
    await form.getByRole('button', { name: 'Run the balance' }).click();
    const proposed = page.locator('#yamazumi-proposed svg');
    await proposed.waitFor();
    expect(await proposed.getAttribute('role')).toBe('img');
    expect(await page.locator('#yamazumi-proposed').textContent()).toMatch(/station/i);
    expect(await page.locator('#yamazumi-current svg').count()).toBe(1);
    expect(
      await page
        .getByText(/Proven optimal|Best found/)
        .first()
        .isVisible(),
    ).toBe(true);
    await screenshot(page, 'planner-2-balanced');
    expect(await seriousViolations(page)).toEqual([]);

    // Simulate the current line against a proposal with a bigger buffer, and watch the progress.
    await page.goto(page.url().replace(/\/lines\/[^/]+\/balance.*$/, '/lines'));
    await Promise.all([
      page.waitForURL(/\/simulate$/),
      page
        .getByRole('row', { name: /Crankshaft line 1/ })
        .getByRole('link', { name: 'Simulate' })
        .click(),
    ]);
    const sim = page.locator('#simulate-form');
    await sim.getByLabel(/^current line/).check();
    await sim.getByLabel(/^proposed line/).check();
    await sim
      .getByLabel(/^Buffer before/)
      .nth(2)
      .fill('30');
    await sim.getByLabel('Simulated hours per replication').fill('24');
    await sim.getByLabel('Replications').fill('5');
    await sim.getByRole('button', { name: 'Start the run' }).click();
    // The progress bar appears and refreshes itself until the result replaces it.
    await page.locator('progress').first().waitFor();
    await screenshot(page, 'planner-3-progress');
    const comparison = page.getByRole('table').filter({ hasText: 'Throughput per hour (95 % CI)' });
    await comparison.waitFor({ timeout: 120_000 });
    const text = (await comparison.textContent()) ?? '';
    expect(text).toContain('baseline');
    expect(text).toMatch(/higher output|lower output|no clear difference/);
    await screenshot(page, 'planner-4-comparison');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems.list).toEqual([]);
    await context.close();
  }, 240_000);
});
