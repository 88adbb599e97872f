import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/demo/index.ts';
import { repoRoot } from './server.ts';

/** Debian's Chromium (installed by `.ci/run` with apt); another one by CHROMIUM_PATH. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags the browser tests and `npm run screenshots` launch Chromium with: headless, quiet, no network of its own. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

/** Where browser tests write their screenshots (test artifacts, not committed). */
export const artifactDir = join(repoRoot, 'test-results', 'screenshots');

/** Everything a page said it refused or broke: CSP violations, script errors, failed asset loads. */
export interface PageProblems {
  list: string[];
}

/** A context with a tablet-or-laptop viewport whose pages report CSP violations and script errors into `problems`. */
export async function watchedContext(browser: Browser, options: { locale?: string; viewport?: { width: number; height: number } } = {}) {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-GB',
    viewport: options.viewport ?? { width: 1366, height: 900 },
  });
  const problems: PageProblems = { list: [] };
  context.on('page', (page) => watch(page, problems));
  return { context, problems };
}

function watch(page: Page, problems: PageProblems) {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.list.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.list.push(`script error: ${error.message}`));
  // A request the browser cancels because the page is being left (a poll in flight, the favicon)
  // fails with net::ERR_ABORTED; that is the browser's doing, not the page's. Any other failure,
  // or an abort while the page stays, is a problem.
  let navigations = 0;
  const navigationsAtStart = new WeakMap<Request, number>();
  page.on('request', (request) => {
    navigationsAtStart.set(request, navigations);
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) navigations += 1;
  });
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText;
    const leftSinceStart = navigations > (navigationsAtStart.get(request) ?? navigations);
    if (error === 'net::ERR_ABORTED' && leftSinceStart && !request.isNavigationRequest()) return;
    problems.list.push(`request failed: ${request.url()} ${error}`);
  });
}

/** An answer page of the twin's questions once its answer is in and it has stopped polling. */
export async function answered(page: Page, timeout: number): Promise<void> {
  await page.locator('.answer-sentence').waitFor({ timeout });
  await page.locator('[hx-trigger="every 1s"]').waitFor({ state: 'detached', timeout });
  await page.waitForLoadState('networkidle');
}

/** Signs in on the sign-in page as a person would: email, password, role, submit; resolves on the landing page. */
export async function signInAs(context: BrowserContext, baseUrl: string, email: string, role: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByLabel('Act as').selectOption(role);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/login'),
    page.getByRole('button', { name: 'Sign in', exact: true }).click(),
  ]);
  return page;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core's serious and critical violations on the page as it is now. The script is evaluated
 * through the DevTools protocol, which the page's Content-Security-Policy does not govern, so the
 * page is checked under its real CSP.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: any[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id as string,
      impact: v.impact as string | null,
      help: v.help as string,
      targets: (v.nodes as { target: string[] }[]).slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Saves a full-page screenshot as a test artifact and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactDir, { recursive: true });
  const path = join(artifactDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
