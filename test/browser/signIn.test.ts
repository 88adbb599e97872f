import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, seriousViolations, signInAs, watchedContext } from '../helpers/browser.ts';
import { startLivePlant, type LivePlant } from '../helpers/livePlant.ts';

describe('signing in and out in Chromium', () => {
  let plant: LivePlant;
  let browser: Browser;
  beforeAll(async () => {
    [plant, browser] = await Promise.all([startLivePlant('pglite', { backfillHours: 2 }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await plant?.stop();
  });

  it('shows the sign-in page in Czech for a Czech browser, with the demo people, and no accessibility violation', async () => {
    const { context, problems } = await watchedContext(browser, { locale: 'cs-CZ' });
    const page = await context.newPage();
    await page.goto(`${plant.url}/login`);
    await expect.poll(() => page.title()).toBe('Přihlášení · twinward');
    expect(await page.getByRole('heading', { name: 'Ukázkové osoby' }).isVisible()).toBe(true);
    await screenshot(page, 'sign-in-cs');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems.list).toEqual([]);
    await context.close();
  });

  it('signs a planner in to the lines, keyboard first, and out again', async () => {
    const { context, problems } = await watchedContext(browser);
    const page = await signInAs(context, plant.url, 'tomas.dvorak@northwind.example', 'planner');
    expect(new URL(page.url()).pathname).toBe('/lines');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Lines');
    // The skip link is the first thing the keyboard reaches.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await screenshot(page, 'planner-lines');
    expect(await seriousViolations(page)).toEqual([]);
    await Promise.all([page.waitForURL(/\/login\?signedOut=1$/), page.getByRole('button', { name: 'Sign out' }).click()]);
    expect(await page.getByText('You are signed out.').isVisible()).toBe(true);
    expect(problems.list).toEqual([]);
    await context.close();
  });
});
