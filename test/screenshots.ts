/**
 * Screenshots of each role's main page on the living demo plant, with the browser set-up of the
 * browser tests, written to docs/screenshots/ (committed, shown in the README). Run with
 * `npm run screenshots`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { lines, programs, useCases } from '../db/schema/index.ts';
import { launchChromium, signInAs, watchedContext } from './helpers/browser.ts';
import { startLivePlant } from './helpers/livePlant.ts';
import { repoRoot } from './helpers/server.ts';

const out = join(repoRoot, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });

const plant = await startLivePlant('pglite', { backfillHours: 24 });
const browser = await launchChromium();
try {
  const { db } = plant.deps;
  const [line] = await db.select().from(lines).where(eq(lines.code, 'crankshaft-1'));
  const [gearbox] = await db.select().from(lines).where(eq(lines.code, 'gearbox-assembly'));
  const [program] = await db.select().from(programs).limit(1);
  const [buffer] = await db.select().from(useCases).where(eq(useCases.title, 'Buffer before hardening'));
  const shots: { file: string; email: string; role: string; path?: string }[] = [
    { file: 'sponsor-portfolio.png', email: 'eva.horakova@northwind.example', role: 'sponsor' },
    { file: 'sponsor-program.png', email: 'eva.horakova@northwind.example', role: 'sponsor', path: `/programs/${program.id}` },
    { file: 'owner-inbox.png', email: 'martin.novak@northwind.example', role: 'owner' },
    { file: 'owner-use-case.png', email: 'martin.novak@northwind.example', role: 'owner', path: `/use-cases/${buffer.id}` },
    { file: 'planner-lines.png', email: 'tomas.dvorak@northwind.example', role: 'planner' },
    { file: 'planner-line-live.png', email: 'tomas.dvorak@northwind.example', role: 'planner', path: `/lines/${line.id}` },
    { file: 'planner-line-balance.png', email: 'tomas.dvorak@northwind.example', role: 'planner', path: `/lines/${gearbox.id}/balance` },
    { file: 'planner-line-simulate.png', email: 'tomas.dvorak@northwind.example', role: 'planner', path: `/lines/${line.id}/simulate` },
    { file: 'viewer-portfolio.png', email: 'stefan.maier@northwind.example', role: 'viewer' },
  ];
  for (const shot of shots) {
    const { context, problems } = await watchedContext(browser);
    const page = await signInAs(context, plant.url, shot.email, shot.role);
    if (shot.path) await page.goto(`${plant.url}${shot.path}`);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(out, shot.file), fullPage: true });
    console.log(
      `screenshots: ${shot.file} (${new URL(page.url()).pathname})${problems.list.length ? ` problems: ${problems.list.join('; ')}` : ''}`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  await plant.stop();
}
