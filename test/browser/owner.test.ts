import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answered, launchChromium, screenshot, seriousViolations, signInAs, watchedContext } from '../helpers/browser.ts';
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

  it('answers its use case’s question, records the decision it took with its predicted effect, keyboard only, and finds it on the use case', async () => {
    const { context, problems } = await watchedContext(browser);
    const page = await signInAs(context, plant.url, 'martin.novak@northwind.example', 'owner');
    await page.goto(`${plant.url}/programs/${plant.demo.programId}`);
    await Promise.all([
      page.waitForURL(/\/use-cases\/[0-9a-f-]{36}/),
      page.getByRole('link', { name: 'Next-shift constraint' }).first().click(),
    ]);
    const useCasePath = new URL(page.url()).pathname;

    // The use case is bound to the next-shift question: one button asks it.
    const question = page.getByRole('region', { name: 'The twin’s question' });
    await question.getByRole('button', { name: 'Answer now' }).focus();
    await Promise.all([page.waitForURL(/\/questions\/runs\/[0-9a-f-]{36}\?useCaseId=/), page.keyboard.press('Enter')]);
    await answered(page, 120_000);
    expect(await page.getByRole('status').first().textContent()).toMatch(/^Asked for “Next-shift constraint”/);
    const sentence = (await page.locator('.answer-sentence').textContent())!;

    // The form offers this use case, the twin's sentence to start from and the use case's KPIs.
    const form = page.getByRole('region', { name: 'Record this decision' });
    expect(await form.getByLabel('Use case').locator('option:checked').textContent()).toBe('Next-shift constraint');
    expect((await form.getByLabel('What was decided').inputValue()).length).toBeGreaterThan(0);
    await screenshot(page, 'owner-4-decision-form');
    expect(await seriousViolations(page)).toEqual([]);

    // Only the output is to move: the other KPIs are unticked, the output's prediction typed in.
    for (const kpi of ['Line OEE', 'Unplanned downtime at the constraint', 'Energy per good crankshaft']) {
      await form.getByRole('checkbox', { name: new RegExp(`^${kpi}`) }).focus();
      await page.keyboard.press('Space');
    }
    const output = form.locator('.decision-kpi').filter({ hasText: 'Output per shift' });
    await output.getByLabel('Predicted (parts)').focus();
    await page.keyboard.type('432');
    await page.keyboard.press('Tab');
    await page.keyboard.type('420');
    await page.keyboard.press('Tab');
    await page.keyboard.type('444');
    await form.getByLabel('What was decided').focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Flying crew to the forecast constraint at every handover of this week');
    await form.getByRole('button', { name: 'Record the decision' }).focus();
    await Promise.all([page.waitForURL((url) => url.pathname === useCasePath && url.hash === '#decisions'), page.keyboard.press('Enter')]);

    // The use case lists it first, pending until a month of its KPI has been measured.
    const decisions = page.getByRole('region', { name: 'Decisions' });
    const newest = decisions.getByRole('row').nth(1);
    await expect.poll(() => newest.textContent()).toContain('Flying crew to the forecast constraint');
    expect(await newest.textContent()).toMatch(/Output per shift: 432(\.0+)? parts \(420(\.0+)? – 444(\.0+)?\)/);
    expect(await newest.textContent()).toContain('pending until');
    expect(await newest.textContent()).toContain('by Martin Novák');
    expect(sentence.length).toBeGreaterThan(0);
    await screenshot(page, 'owner-5-decision-listed');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems.list).toEqual([]);
    await context.close();
  }, 240_000);
});
