import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, seriousViolations, signInAs, watchedContext } from '../helpers/browser.ts';
import { startLivePlant, type LivePlant } from '../helpers/livePlant.ts';

describe('the sponsor’s journey in Chromium', () => {
  let plant: LivePlant;
  let browser: Browser;
  beforeAll(async () => {
    [plant, browser] = await Promise.all([startLivePlant('pglite', { backfillHours: 2 }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await plant?.stop();
  });

  it('reads the portfolio, opens the program, records a review and sees the milestone turn at risk', async () => {
    const { context, problems } = await watchedContext(browser);
    const page = await signInAs(context, plant.url, 'eva.horakova@northwind.example', 'sponsor');
    expect(new URL(page.url()).pathname).toBe('/');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Portfolio');
    expect(await page.getByText('What to fix first').first().isVisible()).toBe(true);
    await screenshot(page, 'sponsor-1-portfolio');
    expect(await seriousViolations(page)).toEqual([]);

    await Promise.all([
      page.waitForURL(/\/programs\/[0-9a-f-]+$/),
      page.getByRole('link', { name: 'Brno & Linz line performance twin' }).first().click(),
    ]);
    const row = page.locator('#milestones table tr', { hasText: 'Energy baseline signed off by controlling' });
    await expect.poll(() => row.textContent()).not.toContain('at risk');
    await screenshot(page, 'sponsor-2-program');
    expect(await seriousViolations(page)).toEqual([]);

    const form = page.locator('#review-form');
    await form.getByLabel('Summary').fill('Monthly review: the energy baseline is still not signed off.');
    await form
      .locator('fieldset', { hasText: 'Energy baseline signed off by controlling' })
      .getByLabel('Status at this review')
      .selectOption('missed');
    const answered = page.waitForResponse((res) => res.request().method() === 'POST' && res.url().includes('/reviews'));
    await form.getByRole('button', { name: 'Record the review' }).click();
    expect((await answered).status()).toBe(200);
    // The milestones section is swapped in place (no reload): the milestone missed twice in a row is at risk.
    await expect.poll(() => row.textContent()).toContain('at risk');
    expect(new URL(page.url()).pathname).toMatch(/^\/programs\//);
    await screenshot(page, 'sponsor-3-reviewed');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems.list).toEqual([]);
    await context.close();
  });
});
