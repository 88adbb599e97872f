import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionPredictions, decisions, kpis, lines, simulationRuns, useCases } from '../../../db/schema/index.ts';
import { closeSimulationPool, startSimulationRunner, type SimulationRunner } from '../../../server/simulation/index.ts';
import { describeChanges, inTimeUnit, proposedModel, scaleProcessTime } from '../../../server/simulation/lineScenarios.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createDemoPages, feedDemo, type DemoPages, type PageClient } from '../../helpers/pages.ts';

const planner = 'tomas.dvorak@northwind.example';
const linzPlanner = 'lukas.gruber@northwind.example';
const viewer = 'stefan.maier@northwind.example';

/** The form as the page fills it for crankshaft line 1 (7 stations, buffers 8 8 12 12 6 6), with changes on top. */
function crankForm(changes: Record<string, string> = {}): Record<string, string> {
  const form: Record<string, string> = { proposedName: 'proposal', horizonHours: '24', replications: '4', peakLimitKw: '' };
  for (let i = 0; i < 7; i++) {
    form[`count.${i}`] = '1';
    form[`time.${i}`] = '100';
  }
  [8, 8, 12, 12, 6, 6].forEach((b, j) => (form[`buffer.${j}`] = String(b)));
  return { ...form, ...changes };
}

const runIdIn = (html: string) => /simulate\/runs\/([0-9a-f-]{36})/.exec(html)?.[1];

describe.each(databaseKinds)('the simulation page of a line (%s)', (kind) => {
  let pages: DemoPages;
  let crank: string;
  let pump: string;
  let client: PageClient;
  let runner: SimulationRunner;
  const path = () => `/lines/${crank}/simulate`;
  const runCount = async () => (await pages.database.db.select().from(simulationRuns).where(eq(simulationRuns.lineId, crank))).length;
  // Runs are listed newest first: each submission comes a minute after the one before.
  const later = () => pages.clock.advance(60_000);

  beforeAll(async () => {
    pages = await createDemoPages(kind, '2026-11-25T08:00:00Z');
    const rows = await pages.database.db.select().from(lines);
    crank = rows.find((l) => l.code === 'crankshaft-1')!.id;
    pump = rows.find((l) => l.code === 'pump-2')!.id;
    await feedDemo(pages);
    // No background runner in tests (deps.jobs is absent): the test drains the queue itself.
    runner = startSimulationRunner({ db: pages.database.db, dbKind: pages.database.kind, clock: pages.clock }, 3_600_000);
    await runner.drain();
    client = await pages.as(planner, 'planner');
  }, 180_000);
  afterAll(async () => {
    await runner?.stop();
    await closeSimulationPool();
    await pages?.close();
  });

  it('offers the run form with the line’s stations, the recent runs and an honest empty validation', async () => {
    const page = await client.get(path());
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Simulate: Crankshaft line 1</h1>');
    expect(page.html).toContain(`hx-post="${path()}"`);
    expect(page.html).toContain('name="_csrf"');
    expect(page.html).toMatch(/<input id="sim-runCurrent" type="checkbox" name="runCurrent" value="on" checked=""\/>/);
    // Nothing calibrated yet: that choice is off, and the validation says so.
    expect(page.html).toMatch(/<input id="sim-runCalibrated" type="checkbox" name="runCalibrated" value="on" disabled=""\/>/);
    expect(page.html).toContain('The line has not been calibrated yet');
    expect(page.html).toContain('<label for="sim-count-3" class="visually-hidden">Machines at OP40 Induction hardening</label>');
    expect(page.html).toMatch(/id="sim-buffer-2" name="buffer.2"[^>]* value="12"/);
    expect(page.html).toContain('<div id="run-status"></div>');
    // The demo's two runs, drained at start-up, both done.
    const runs = /<section id="sim-runs"[\s\S]*?<\/section>/.exec(page.html)![0];
    expect(runs).toContain('Buffer before OP40: 12 or 20 parts, or a second hardening cell?');
    expect(runs).toContain('Crankshaft line 1: next 72 hours');
    expect(runs.match(/<span class="badge succeeded">done<\/span>/g)).toHaveLength(2);
  });

  it('shows a comparison with intervals, the energy trade-off flag and the state shares with the bottleneck marked', async () => {
    const list = await client.get(path());
    const id = /simulate\?run=([0-9a-f-]{36})">Buffer before OP40/.exec(list.html)![1];
    const page = await client.get(`${path()}?run=${id}`);
    expect(page.status).toBe(200);
    const table = /<table class="sim-scenario-table">[\s\S]*?<\/table>/.exec(page.html)![0];
    expect(table).toContain('<th scope="row">buffer 12 (today)</th>');
    expect(table).toContain('<th scope="row">buffer 20</th>');
    expect(table).toContain('<th scope="row">second OP40 cell</th>');
    expect(table).toMatch(/<td class="num">\d+\.\d ± \d+\.\d<\/td>/);
    expect(table).toMatch(/<td class="num">[+-]\d+\.\d ± \d+\.\d \([+-]\d+\.\d %\)<\/td>/);
    // The demo's 400 kW site limit: a second induction hardening cell lifts output but trips it.
    expect(table).toContain('limit 400 kW');
    expect(table).toMatch(/second OP40 cell[\s\S]*more output, but peak over the limit/);
    // One stacked-bar chart per scenario, the bottleneck in words and flagged on its bar.
    expect(page.html.match(/<figure class="chart" id="sim-states-\d">/g)).toHaveLength(3);
    expect(page.html).toMatch(
      /<strong>OP\d0 [A-Za-z ]+ is the bottleneck: alone \d+ % of the time, shifting with a neighbour \d+ %\.<\/strong>/,
    );
    expect(page.html).toMatch(/<text[^>]*class="sb-flag">bottleneck: sole \d+ %, shifting \d+ %<\/text>/);
    expect(page.html).toContain('>processing</text>');
    const csv = await client.get(`${path()}?run=${id}&format=csv&table=scenarios`);
    expect(csv.html.startsWith('\uFEFFscenario,baseline,throughput_per_h,')).toBe(true);
    expect(csv.html.trim().split('\r\n')).toHaveLength(4);
    const states = await client.get(`${path()}?run=${id}&format=csv&table=states`);
    expect(states.html.trim().split('\r\n')).toHaveLength(1 + 3 * 7);
  });

  it('records the compared buffer put into effect as a buffer change (the buffer after op30), with the KPI it is to move', async () => {
    const list = await client.get(path());
    const id = /simulate\?run=([0-9a-f-]{36})">Buffer before OP40/.exec(list.html)![1];
    const useCase = (await pages.database.db.select().from(useCases)).find((u) => u.title === 'Buffer before hardening')!;
    const kpi = (await pages.database.db.select().from(kpis)).find((k) => k.useCaseId === useCase.id && k.name === 'Work in process')!;
    const page = await client.get(`${path()}?run=${id}&useCaseId=${useCase.id}`);
    const form = /<section id="record-decision"[\s\S]*?<\/section>/.exec(page.html)![0];
    expect(form).toContain(`action="/lines/${crank}/simulate/runs/${id}/decision"`);
    expect(form).toContain('<legend>The variant put into effect</legend>');
    // The variants first, the first checked; keeping the line as it is comes last.
    expect(form).toMatch(/value="buffer 20" checked=""[\s\S]*value="second OP40 cell"[\s\S]*value="buffer 12 \(today\)"/);
    const before = (await pages.database.db.select().from(decisions)).length;
    const posted = await client.post(`/lines/${crank}/simulate/runs/${id}/decision`, {
      sent: '1',
      useCaseId: useCase.id,
      shownUseCaseId: useCase.id,
      option: 'buffer 20',
      [`predict.${kpi.id}`]: '1',
      [`value.${kpi.id}`]: '190',
      [`low.${kpi.id}`]: '184',
      [`high.${kpi.id}`]: '196',
      effectiveFrom: '2026-11-25T10:00',
    });
    expect(posted.status, posted.html.slice(0, 1500)).toBe(303);
    expect(posted.headers.get('location')).toBe(`/use-cases/${useCase.id}?done=decision#decisions`);
    const rows = await pages.database.db.select().from(decisions).where(eq(decisions.useCaseId, useCase.id));
    expect((await pages.database.db.select().from(decisions)).length).toBe(before + 1);
    const d = rows.sort((a, b) => b.decidedAt.getTime() - a.decidedAt.getTime())[0];
    expect(d.choice).toEqual({
      kind: 'buffer_change',
      runId: id,
      scenario: 'buffer 20',
      buffers: [{ afterStation: 'op30', capacity: 20 }],
    });
    const [p] = await pages.database.db.select().from(decisionPredictions).where(eq(decisionPredictions.decisionId, d.id));
    expect(p).toMatchObject({ kpiId: kpi.id, value: 190, low: 184, high: 196, source: 'hand' });
    // The comparison's refusal comes back in place: a variant it never compared.
    const refused = await client.post(
      `/lines/${crank}/simulate/runs/${id}/decision`,
      { sent: '1', useCaseId: useCase.id, shownUseCaseId: useCase.id, option: 'buffer 99', effectiveFrom: '2026-11-25T10:00' },
      { htmx: true, target: 'record-decision' },
    );
    expect(refused.status).toBe(422);
    expect(refused.html).toMatch(/^<section id="record-decision"/);
    expect(refused.html).toContain('class="form-error"');
  });

  it('starts a comparison through htmx, answering a progress bar that polls itself until it swaps in the result', async () => {
    later();
    const before = await runCount();
    const answer = await client.post(
      path(),
      crankForm({ runCurrent: 'on', runProposed: 'on', proposedName: 'faster hardening', 'time.3': '85', peakLimitKw: '400' }),
      { htmx: true, target: 'simulate-form' },
    );
    expect(answer.status).toBe(200);
    expect(answer.html.startsWith('<form id="simulate-form"')).toBe(true);
    expect(await runCount()).toBe(before + 1);
    const id = runIdIn(answer.html)!;
    expect(answer.html).toContain(
      `<section id="run-status" class="card" aria-labelledby="run-status-heading" hx-get="${path()}/runs/${id}" hx-trigger="every 1s" hx-swap="outerHTML" hx-swap-oob="true">`,
    );
    expect(answer.html).toMatch(
      /<progress id="run-progress" value="0" max="100" aria-valuetext="0 % done: waiting for the runner to take it.">0 %<\/progress>/,
    );
    expect(answer.html).toContain('Crankshaft line 1: current line vs faster hardening (op40 85 % time)');
    expect(answer.html).toMatch(
      /<section id="sim-runs"[^>]*hx-swap-oob="true">[\s\S]*faster hardening[\s\S]*<span class="badge queued">queued<\/span>/,
    );
    const waiting = await client.get(`${path()}/runs/${id}`, { 'hx-request': 'true', 'hx-target': 'run-status' });
    expect(waiting.html).toContain('hx-trigger="every 1s"');
    expect(waiting.html).not.toContain('sim-runs');
    await runner.drain();
    const done = await client.get(`${path()}/runs/${id}`, { 'hx-request': 'true', 'hx-target': 'run-status' });
    expect(done.html.startsWith('<section id="run-status" class="card" aria-labelledby="run-status-heading">')).toBe(true);
    // Polling stops (the decision form's use case select still fetches on change).
    expect(done.html).not.toContain('hx-trigger="every 1s"');
    expect(done.html).toContain('<span class="badge succeeded">done</span>');
    expect(done.html).toContain('<th scope="row">faster hardening</th>');
    expect(done.html).toMatch(/<section id="sim-runs"[^>]*hx-swap-oob="true">/);
    // Without htmx, the status URL is the run's page.
    const plain = await client.get(`${path()}/runs/${id}`);
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe(`${path()}?run=${id}`);
  });

  it('starts a run of a proposed line as a plain form too, landing on the run’s page', async () => {
    later();
    const answer = await client.post(path(), crankForm({ runProposed: 'on', proposedName: 'second cell', 'count.3': '2' }));
    expect(answer.status).toBe(303);
    const location = answer.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^${path()}\\?run=[0-9a-f-]{36}$`));
    const page = await client.get(location);
    expect(page.html).toContain('Crankshaft line 1: second cell (op40 ×2)');
    expect(page.html).toMatch(/<progress id="run-progress" value="0"/);
    await runner.drain();
    const done = await client.get(location);
    expect(done.html).toMatch(
      /<h2 id="run-status-heading">Crankshaft line 1: second cell \(op40 ×2\) <span class="badge succeeded">done<\/span>/,
    );
    expect(done.html).toContain('<span class="muted">baseline</span>');
  });

  it('reads a number left blank as not given, never as 0: the line’s own value, or “required”', async () => {
    later();
    // A blank buffer and process time in the proposal keep the line's own (buffer 12, 100 %).
    const kept = await client.post(
      path(),
      crankForm({ runProposed: 'on', proposedName: 'blank keeps', 'count.3': '2', 'buffer.2': '', 'time.3': ' ' }),
    );
    expect(kept.status).toBe(303);
    const id = /\?run=([0-9a-f-]{36})$/.exec(kept.headers.get('location')!)![1];
    const [run] = await pages.database.db.select().from(simulationRuns).where(eq(simulationRuns.id, id));
    expect(run.title).toBe('Crankshaft line 1: blank keeps (op40 ×2)');
    // A run of the current line is not refused for a blank cell of a proposal it does not run.
    later();
    const current = await client.post(path(), crankForm({ runCurrent: 'on', 'count.0': '' }), { htmx: true });
    expect(current.status).toBe(200);
    await runner.drain();
    // The run's own settings must be given.
    const before = await runCount();
    const blank = await client.post(path(), crankForm({ runCurrent: 'on', horizonHours: '', replications: '' }), { htmx: true });
    expect(blank.status).toBe(422);
    expect(blank.html).toMatch(/id="sim-horizonHours"[^>]*aria-invalid="true"/);
    expect(blank.html).toContain('Error: required');
    expect(blank.html).not.toContain('more than 0 hours');
    expect(blank.html).not.toContain('at least 2');
    const hours = await client.post(`${path()}/calibrate`, { hours: '' }, { htmx: true });
    expect(hours.status).toBe(422);
    expect(hours.html).toContain('Error: required');
    expect(hours.html).not.toContain('at least 1 hour');
    expect(await runCount()).toBe(before);
  });

  it('answers 404 for a run path naming no run of this line, with or without htmx', async () => {
    const id = /simulate\?run=([0-9a-f-]{36})/.exec((await client.get(path())).html)![1];
    // An id that is no UUID never reaches a header (a CR LF in it made the redirect fail, 500).
    const injected = await client.get(`${path()}/runs/x%0D%0ALocation:%20https://evil.example`);
    expect(injected.status).toBe(404);
    expect(injected.headers.get('location')).toBeNull();
    expect((await client.get(`${path()}/runs/x%0D%0A`, { 'hx-request': 'true' })).status).toBe(404);
    // A well-formed id of no run, or of another line's run: 404, not a redirect to a page that 404s.
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await client.get(`${path()}/runs/${unknown}`)).status).toBe(404);
    expect((await client.get(`${path()}/runs/${unknown}`, { 'hx-request': 'true' })).status).toBe(404);
    expect((await client.get(`/lines/${pump}/simulate/runs/${id}`)).status).toBe(404);
    const plain = await client.get(`${path()}/runs/${id}`);
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe(`${path()}?run=${id}`);
  });

  it('refuses invalid forms with the field errors (422) and starts nothing', async () => {
    const before = await runCount();
    const bad = await client.post(path(), crankForm({ runCurrent: 'on', horizonHours: '0', 'buffer.2': '-3' }), { htmx: true });
    expect(bad.status).toBe(422);
    expect(bad.html.startsWith('<form id="simulate-form"')).toBe(true);
    expect(bad.html).toMatch(/id="sim-horizonHours"[^>]*aria-invalid="true"/);
    expect(bad.html).toContain('Error: more than 0 hours');
    expect(bad.html).toMatch(/<small id="sim-buffer-2-error" class="error">at least 0<\/small>/);
    expect(bad.html).toMatch(/id="sim-buffer-2" name="buffer.2"[^>]* value="-3"/);
    const none = await client.post(path(), crankForm(), { htmx: true });
    expect(none.status).toBe(422);
    expect(none.html).toContain('tick at least one line to simulate');
    const unchanged = await client.post(path(), crankForm({ runProposed: 'on' }));
    expect(unchanged.status).toBe(422);
    expect(unchanged.html).toContain('<h1>Simulate: Crankshaft line 1</h1>');
    expect(unchanged.html).toContain('the proposal changes nothing');
    // The domain's own refusal: a 2-hour horizon is shorter than the model's 4-hour warm-up.
    const short = await client.post(path(), crankForm({ runCurrent: 'on', runProposed: 'on', 'count.3': '2', horizonHours: '2' }), {
      htmx: true,
    });
    expect(short.status).toBe(422);
    expect(short.html).toMatch(/<p class="form-error" role="alert">[^<]*warm/);
    expect(await runCount()).toBe(before);
  });

  it('calibrates the twin on the line’s data, then shows its validation error and lets it be simulated and compared', async () => {
    later();
    const bad = await client.post(`${path()}/calibrate`, { hours: '0' }, { htmx: true });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('Error: at least 1 hour');
    const answer = await client.post(`${path()}/calibrate`, { hours: '3' }, { htmx: true });
    expect(answer.status).toBe(200);
    expect(answer.html.startsWith('<form id="calibrate-form"')).toBe(true);
    expect(answer.html).toContain('Crankshaft line 1: calibration on the last 3 h');
    expect(answer.html).toContain('hx-trigger="every 1s"');
    await runner.drain();
    const page = await client.get(path());
    const validation = /<section id="sim-validation"[\s\S]*?<\/section>/.exec(page.html)![0];
    expect(validation).toContain('Latest calibration: Crankshaft line 1: calibration on the last 3 h');
    expect(validation).toMatch(/<dt>Throughput error of the twin<\/dt><dd>[+-]\d+\.\d ± \d+\.\d %<\/dd>/);
    expect(validation).toMatch(/observed output (inside|outside) the twin’s range/);
    // The window in Brno time: the last three hours up to now (09:0x).
    expect(validation).toMatch(/Fitted and checked on 06:0\d to 09:0\d \(3\.0 h of data\)\./);
    expect(page.html).toMatch(/<input id="sim-runCalibrated" type="checkbox" name="runCalibrated" value="on"\/>/);
    // The calibrated twin (in seconds) against the stored line (in minutes): compared in one time unit.
    later();
    const compared = await client.post(path(), crankForm({ runCurrent: 'on', runCalibrated: 'on' }), { htmx: true });
    const id = runIdIn(compared.html)!;
    await runner.drain();
    const [run] = await pages.database.db.select().from(simulationRuns).where(eq(simulationRuns.id, id));
    expect(run.status).toBe('succeeded');
    const result = run.result as {
      baseline: { result: { throughput: { mean: number } } };
      variants: { difference: { throughput: { mean: number } } }[];
    };
    const relative = result.variants[0].difference.throughput.mean / result.baseline.result.throughput.mean;
    expect(Math.abs(relative)).toBeLessThan(0.5);
  });

  it('lets a viewer read but not start runs, and names nothing out of scope', async () => {
    const reader = await pages.as(viewer, 'viewer');
    const page = await reader.get(path());
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('id="simulate-form"');
    expect(page.html).not.toContain('id="calibrate-form"');
    expect(page.html).toContain('Your role may read the line’s simulations but not start them');
    expect((await reader.post(path(), crankForm({ runCurrent: 'on' }))).status).toBe(403);
    expect((await reader.post(`${path()}/calibrate`, { hours: '3' }, { htmx: true })).status).toBe(403);
    const linz = await pages.as(linzPlanner, 'planner');
    expect((await linz.get(path())).status).toBe(404);
    expect((await linz.post(path(), crankForm({ runCurrent: 'on' }))).status).toBe(404);
    // A run of crankshaft line 1 is no run of pump line 2.
    const id = /simulate\?run=([0-9a-f-]{36})/.exec((await client.get(path())).html)![1];
    expect((await client.get(`/lines/${pump}/simulate?run=${id}`)).status).toBe(404);
    expect((await client.get(`/lines/${pump}/simulate/runs/${id}`, { 'hx-request': 'true' })).status).toBe(404);
    expect((await client.get(`${path()}?run=nonsense`)).status).toBe(404);
  });

  it('exports the recent runs as CSV', async () => {
    const csv = await client.get(`${path()}?format=csv&table=runs`);
    expect(csv.status).toBe(200);
    expect(csv.html.startsWith('\uFEFFid,title,kind,status,progress,created_at,finished_at\r\n')).toBe(true);
    expect(csv.html).toContain(',calibration,succeeded,1,');
    expect(csv.html).toMatch(/,2026-11-25T\d\d:\d\d:\d\d\.\d{3}Z/);
  });
});

describe('proposals and time units of a line’s scenarios', () => {
  const model = {
    timeUnit: 'min',
    machines: [
      { name: 'op10', processTime: { dist: 'lognormal', mean: 1.5, cv: 0.1 }, failure: { mtbf: 480, mttr: 18 } },
      {
        name: 'op20',
        count: 1,
        processTime: { A: { dist: 'normal', mean: 2, sd: 0.2 }, B: { dist: 'empirical', samples: [1, 3] } },
        changeover: { A: { B: 5 } },
      },
    ],
    buffers: [8],
    warmup: 240,
    horizon: 4320,
    seed: 42,
  };

  it('changes counts, scales every process time keeping its shape, and sets buffers, saying what changed', () => {
    const changes = { counts: [1, 2], timeFactors: [0.9, 1], buffers: [20] };
    const proposed = proposedModel(model, changes) as typeof model;
    expect(proposed.machines[0].processTime).toEqual({ dist: 'lognormal', mean: 1.35, cv: 0.1 });
    expect(proposed.machines[1]).toMatchObject({ count: 2, processTime: model.machines[1].processTime });
    expect(proposed.buffers).toEqual([20]);
    expect(model.buffers).toEqual([8]);
    expect(describeChanges(model, changes)).toEqual(['op10 90 % time', 'op20 ×2', 'buffer op10→op20 8→20']);
    expect(scaleProcessTime(model.machines[1].processTime, 2)).toEqual({
      A: { dist: 'normal', mean: 4, sd: 0.4 },
      B: { dist: 'empirical', samples: [2, 6] },
    });
  });

  it('rewrites a model in another time unit: process times, failures, changeovers, warm-up and horizon', () => {
    const inSeconds = inTimeUnit(model, 's') as typeof model & { machines: { failure?: { mtbf: number; mttr: number } }[] };
    expect(inSeconds.timeUnit).toBe('s');
    expect(inSeconds.machines[0].processTime).toEqual({ dist: 'lognormal', mean: 90, cv: 0.1 });
    expect(inSeconds.machines[0].failure).toEqual({ mtbf: 28_800, mttr: 1080 });
    expect(inSeconds.machines[1].changeover).toEqual({ A: { B: 300 } });
    expect(inSeconds).toMatchObject({ warmup: 14_400, horizon: 259_200, seed: 42 });
    expect((inTimeUnit(inSeconds, 'min') as typeof model).machines[0].processTime).toEqual(model.machines[0].processTime);
    expect(inTimeUnit({ ...model, warmup: 'auto' }, 'h').warmup).toBe('auto');
  });
});
