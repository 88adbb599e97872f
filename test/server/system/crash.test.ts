import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompiledServer, type RunningServer } from '../../helpers/server.ts';
import { privatePostgresAvailable, startPrivatePostgres, type PrivatePostgres } from '../../helpers/privatePostgres.ts';

/**
 * The server killed outright (SIGKILL: no shutdown code runs) in the middle of a burst of writes
 * and of an escalation sweep, on PostgreSQL, then started again: every write it acknowledged is
 * there exactly once, and every escalation moved exactly once.
 */
describe.skipIf(!privatePostgresAvailable)('the server killed in the middle of its work', () => {
  let pg: PrivatePostgres;
  let sql: postgres.Sql;
  let server: RunningServer | undefined;
  let token: string;
  const env = () => ({ DATABASE_URL: pg.url, SEED: 'none', SWEEP_INTERVAL_SECONDS: '1' });

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    sql = postgres(pg.url, { max: 2, onnotice: () => {} });
    server = await startCompiledServer(env());
    token = /Admin token \(shown once\): (\S+)/.exec(server.output())![1];
  }, 120_000);
  afterAll(async () => {
    server?.process.kill('SIGKILL');
    await sql?.end();
    pg?.destroy();
  });

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server!.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json().catch(() => undefined) };
  };

  async function killAndRestart(): Promise<void> {
    const exited = new Promise((r) => server!.process.once('exit', r));
    server!.process.kill('SIGKILL');
    await exited;
    server = await startCompiledServer(env());
  }

  it('keeps every acknowledged write exactly once', async () => {
    const acknowledged: string[] = [];
    let n = 0;
    let killed = false;
    const writer = async () => {
      while (!killed) {
        const email = `burst${n++}@crash.example`;
        try {
          const res = await call('POST', '/people', { name: email, email, roles: ['viewer'] });
          if (res.status === 201) acknowledged.push(email);
        } catch {
          // the connection died with the server: not acknowledged
        }
      }
    };
    const writers = Array.from({ length: 8 }, writer);
    await new Promise((r) => setTimeout(r, 1500));
    killed = true;
    const exited = new Promise((r) => server!.process.once('exit', r));
    server!.process.kill('SIGKILL');
    await Promise.all(writers);
    await exited;
    server = await startCompiledServer(env());
    expect(acknowledged.length).toBeGreaterThan(20);
    const rows = await sql<
      { email: string; n: number }[]
    >`select email, count(*)::int as n from people where email like 'burst%' group by email`;
    const stored = new Map(rows.map((r) => [r.email, r.n]));
    for (const email of acknowledged) expect(stored.get(email), email).toBe(1);
  }, 120_000);

  it('moves every overdue escalation exactly once, however the sweep was interrupted', async () => {
    const ent = (await call('POST', '/enterprises', { code: 'crash', name: 'Crash' })).body;
    const site = (await call('POST', '/sites', { enterpriseId: ent.id, code: 's', name: 'S' })).body;
    const area = (await call('POST', '/areas', { siteId: site.id, code: 'a', name: 'A' })).body;
    const line = (await call('POST', '/lines', { areaId: area.id, code: 'l', name: 'L' })).body;
    const people = [];
    for (const name of ['owner', 'first', 'second']) {
      people.push((await call('POST', '/people', { name, email: `${name}@crash.example`, roles: ['owner'] })).body.id);
    }
    const me = (await call('GET', '/me')).body;
    await call('PATCH', `/people/${me.personId}`, { roles: ['admin', 'sponsor'] });
    const program = (
      await call('POST', '/programs', {
        enterpriseId: ent.id,
        name: 'P',
        sponsorId: me.personId,
        siteIds: [site.id],
        goLiveDate: '2026-06-01',
        valueWindowMonths: 9,
      })
    ).body;
    const group = (
      await call('POST', `/programs/${program.id}/user-groups`, {
        kind: 'plant_managers',
        name: 'Managers',
        valuePath: 'v',
        expectedFrequency: 'weekly',
        escalationRoute: [people[1], people[2]],
      })
    ).body;
    const useCase = (
      await call('POST', `/programs/${program.id}/use-cases`, {
        title: 'U',
        question: 'q',
        scope: { lineId: line.id },
        decisionFrequency: 'daily',
        ownerId: people[0],
        groupIds: [group.id],
      })
    ).body;
    // One raised through the API, copied to 2000 in the database: enough for a sweep to take a while.
    const count = 2000;
    const raised = await call('POST', '/escalations', { subjectType: 'use_case', subjectId: useCase.id, title: 'E', severity: 'low' });
    expect(raised.status).toBe(201);
    await sql`
      insert into escalations (program_id, subject_type, subject_id, origin, title, description, severity, status, raised_by_id,
        assignee_id, route_group_id, route_step, auto_escalate, sla_hours, due_at, first_due_at, escalation_count, created_at, updated_at)
      select program_id, subject_type, subject_id, origin, title || ' ' || n, description, severity, status, raised_by_id,
        assignee_id, route_group_id, route_step, auto_escalate, sla_hours, due_at, first_due_at, escalation_count, created_at, updated_at
      from escalations, generate_series(2, ${count}) as n`;
    // All due a minute ago: the next sweep (every second) moves each one step up the route.
    await sql`update escalations set due_at = now() - interval '1 minute'`;
    for (let i = 0; i < 100; i++) {
      await new Promise((r) => setTimeout(r, 20));
      const [{ moved }] = await sql<{ moved: number }[]>`select count(*)::int as moved from escalations where escalation_count > 0`;
      if (moved > 0) break;
    }
    const [{ movedAtKill }] = await sql<
      { movedAtKill: number }[]
    >`select count(*)::int as "movedAtKill" from escalations where escalation_count > 0`;
    await killAndRestart();
    // The kill came in the middle of the sweep.
    expect(movedAtKill).toBeGreaterThan(0);
    expect(movedAtKill).toBeLessThan(count);
    let moved = 0;
    for (let i = 0; i < 600 && moved < count; i++) {
      await new Promise((r) => setTimeout(r, 100));
      [{ moved }] = await sql<{ moved: number }[]>`select count(*)::int as moved from escalations where escalation_count > 0`;
    }
    expect(moved).toBe(count);
    const rows = await sql<{ count: number; assignee: string; events: number }[]>`
      select e.escalation_count as count, e.assignee_id as assignee,
             (select count(*)::int from escalation_events v where v.escalation_id = e.id and v.kind = 'escalated') as events
      from escalations e`;
    for (const r of rows) expect(r).toEqual({ count: 1, assignee: people[1], events: 1 });
  }, 180_000);
});
