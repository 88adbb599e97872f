import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, seriousViolations, signInAs, watchedContext } from '../helpers/browser.ts';
import { startLivePlant, type LivePlant } from '../helpers/livePlant.ts';

const TITLE = 'Name an owner for the Linz changeover use case';

describe('the owner’s journey in Chromium', () => {
  let plant: LivePlant;
  let browser: Browser;
  beforeAll(async () => {
    [plant, browser] = await Promise.all([startLivePlant('pglite', { backfillHours: 2 }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await plant?.stop();
  });

  it('acknowledges, comments on and resolves an escalation in place, keyboard only', async () => {
    const { context, problems } = await watchedContext(browser);
    const page = await signInAs(context, plant.url, 'anna.huber@northwind.example', 'owner');
    expect(new URL(page.url()).pathname).toBe('/inbox');
    // A marker that a full reload would lose: every change below must leave it in place.
    await page.evaluate(() => ((window as unknown as { journey: string }).journey = 'same page'));
    const card = page
      .locator('article, section, li, div.card')
      .filter({ has: page.getByRole('heading', { name: TITLE }) })
      .last();
    await expect.poll(() => card.textContent()).toContain('Open');
    await screenshot(page, 'owner-1-inbox');
    expect(await seriousViolations(page)).toEqual([]);

    await card.getByRole('button', { name: 'Acknowledge' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => card.textContent()).toContain('Acknowledged');
    // Focus comes back to the changed escalation's heading once the answer has settled; moving
    // on before that would lose the next key press to it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe(TITLE);

    // The card can still be swapped in once more after focus returned: a press that opened the
    // old card's fold is pressed again on the new one, until the field shows.
    const comment = card.getByLabel('Comment');
    await expect
      .poll(async () => {
        if (!(await comment.isVisible())) {
          await card.getByText('Comment…').focus();
          await page.keyboard.press('Enter');
        }
        return comment.isVisible();
      })
      .toBe(true);
    await comment.fill('Anna takes the changeover decision until Linz names its owner.');
    await card.getByRole('button', { name: 'Add comment' }).press('Enter');
    await expect.poll(() => card.textContent()).toContain('Anna takes the changeover decision');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe(TITLE);
    await card.getByText(/^History/).click();
    await expect.poll(() => card.locator('details.history').getAttribute('open')).toBe('');
    await screenshot(page, 'owner-2-commented');

    await card.getByText('Resolve…').click();
    await card.getByLabel('How was it settled?').fill('Anna Huber owns the Linz changeover use case from today.');
    await card.getByRole('button', { name: 'Resolve', exact: true }).press('Enter');
    // Resolved, it leaves the inbox, and the page says so in its status region.
    await expect.poll(() => page.locator('#flash').textContent()).toContain('has left your inbox');
    await expect.poll(() => page.getByRole('heading', { name: TITLE }).count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { journey?: string }).journey)).toBe('same page');
    await screenshot(page, 'owner-3-resolved');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems.list).toEqual([]);
    await context.close();
  });
});
