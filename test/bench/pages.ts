/**
 * Server time of every page on the demo plant (PGlite, a day of live data fed, the feed running):
 * each page requested in process by its role, after a warm-up, with p50 and p99 per page.
 * Run with `npm run bench:pages`; REQUESTS sets the requests per page (100 by default).
 */
import { asc, eq, sql } from 'drizzle-orm';
import { executeRows } from '../../db/client.ts';
import { escalations, lines, programs, useCases } from '../../db/schema/index.ts';
import { lineShift } from '../../server/metrics/index.ts';
import { systemViewer } from '../../server/access/index.ts';
import { DEMO_PASSWORD } from '../../server/demo/index.ts';
import { startLivePlant } from '../helpers/livePlant.ts';

const REQUESTS = Number(process.env.REQUESTS ?? 100);
const WARMUP = 5;

const plant = await startLivePlant('pglite', { backfillHours: 24 });
const { db } = plant.deps;

async function cookieOf(email: string, role: string): Promise<string> {
  const res = await plant.app.request('/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, role }).toString(),
  });
  const cookie = /tw_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error(`bench:pages: ${email} could not sign in (${res.status})`);
  return cookie;
}

const [program] = await db.select().from(programs).limit(1);
const [useCase] = await db.select().from(useCases).orderBy(asc(useCases.title)).limit(1);
const [line] = await db.select().from(lines).where(eq(lines.code, 'crankshaft-1'));
const [escalation] = await db.select().from(escalations).limit(1);
const sponsor = await cookieOf('eva.horakova@northwind.example', 'sponsor');
const owner = await cookieOf('martin.novak@northwind.example', 'owner');
const planner = await cookieOf('tomas.dvorak@northwind.example', 'planner');

const pages: { name: string; path: string; cookie?: string }[] = [
  { name: 'sign-in', path: '/login' },
  { name: 'portfolio (sponsor)', path: '/', cookie: sponsor },
  { name: 'program', path: `/programs/${program.id}`, cookie: sponsor },
  { name: 'inbox (owner)', path: '/inbox', cookie: owner },
  { name: 'escalation', path: `/escalations/${escalation.id}`, cookie: owner },
  { name: 'use case', path: `/use-cases/${useCase.id}`, cookie: owner },
  { name: 'lines (planner)', path: '/lines', cookie: planner },
  { name: 'line live', path: `/lines/${line.id}`, cookie: planner },
  { name: 'line balance', path: `/lines/${line.id}/balance`, cookie: planner },
  { name: 'line simulate', path: `/lines/${line.id}/simulate`, cookie: planner },
  { name: 'search', path: '/search?q=line', cookie: planner },
];

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

// What the line page reads depends on how far the current shift has run: say what it holds.
const shift = (await lineShift(db, systemViewer, line.id, new Date())).metrics.window;
const [held] = await executeRows<{ rows: number; energy: number }>(
  db,
  sql`select count(*) filter (where kind in ('state', 'cycle'))::int as rows, count(*) filter (where kind = 'energy')::int as energy
      from machine_events e join stations s on s.id = e.station_id
      where s.line_id = ${line.id}::uuid and e.ts >= ${shift.from}::timestamptz and e.ts < ${shift.to}::timestamptz`,
);

try {
  console.log(
    `line live: the current ${shift.name} (${shift.from.slice(0, 16)}Z to ${shift.to.slice(11, 16)}Z) holds ${held.rows} state and cycle events and ${held.energy} energy readings of the line`,
  );
  console.log(`bench:pages: ${REQUESTS} requests per page after ${WARMUP} warm-up, in process, PGlite, demo plant with 24 h of live data`);
  for (const page of pages) {
    const request = async () => {
      const res = await plant.app.request(page.path, { headers: page.cookie ? { cookie: page.cookie } : {} });
      await res.arrayBuffer();
      return res.status;
    };
    let status = 0;
    for (let i = 0; i < WARMUP; i++) status = await request();
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const started = performance.now();
      await request();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const mark = status === 200 ? '' : ` (status ${status})`;
    console.log(`${page.name}: p50 ${quantile(times, 0.5).toFixed(1)} ms, p99 ${quantile(times, 0.99).toFixed(1)} ms${mark}`);
  }
} finally {
  await plant.stop();
}
