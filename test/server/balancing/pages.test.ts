import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../helpers/db.ts';
import { createDemoPages, type DemoPages, type PageClient } from '../../helpers/pages.ts';
import { eq } from 'drizzle-orm';
import { balancingRuns, lines, simulationRuns } from '../../../db/schema/index.ts';
import { closeBalancingPool } from '../../../server/balancing/pool.ts';
import { getLineTasks } from '../../../server/balancing/lineBalancing.ts';
import { systemViewer } from '../../../server/access/index.ts';
import { balanceForm } from '../../../server/balancing/pageForms.ts';
import { parseTaskForm, taskErrors } from '../../../server/balancing/taskForm.ts';
import { InvalidInputError } from '../../../server/core/errors.ts';

const planner = 'tomas.dvorak@northwind.example';
const mixedCsv = 'task,predecessors,time:A,time:B\nt1,,12,15\nt2,t1,20,8\nt3,t1,6,\nt4,t2;t3,10,14\n';

/** The form fields of the stored tasks as the editor posts them (the page's own values). */
function taskForm(html: string): Record<string, string> {
  const form: Record<string, string> = {};
  for (const m of html.matchAll(/<input id="task-[^"]*" name="(tasks\.[^"]+)" type="text" value="([^"]*)"/g))
    form[m[1]] = m[2].replace(/&amp;/g, '&');
  return form;
}

describe.each(databaseKinds)('the balance page of a line (%s)', (kind) => {
  let pages: DemoPages;
  let gearbox: string;
  let pump: string;
  let client: PageClient;
  beforeAll(async () => {
    pages = await createDemoPages(kind);
    const rows = await pages.database.db.select().from(lines);
    gearbox = rows.find((l) => l.code === 'gearbox-assembly')!.id;
    pump = rows.find((l) => l.code === 'pump-2')!.id;
    client = await pages.as(planner, 'planner');
  });
  afterAll(async () => {
    await closeBalancingPool();
    await pages?.close();
  });
  const path = () => `/lines/${gearbox}/balance`;
  // Runs are ordered by time: each change happens a minute after the one before.
  const later = () => pages.clock.advance(60_000);

  it('shows the demo line’s current balance: stations, the bottleneck, idle time, proof, the Yamazumi and the forms', async () => {
    const page = await client.get(path());
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Balance: Gearbox assembly line</h1>');
    expect(page.html).toContain('Current balance');
    // The demo's run: 6 stations at 95 % of takt, station 3 the bottleneck with 121 s, proven.
    expect(page.html).toMatch(/<dt>Stations<\/dt><dd><strong>6<\/strong>/);
    expect(page.html).toMatch(/<strong>Station 3<\/strong> <span class="small">121 s, 99.1 % of its capacity/);
    expect(page.html).toContain('<strong>118.9 s</strong>');
    expect(page.html).toContain('Proven optimal');
    expect(page.html).toContain('No balance needs fewer than 6 stations.');
    expect(page.html).toMatch(/<figure class="chart" id="yamazumi-current">/);
    expect(page.html).toContain('Cycle 122.1 s');
    expect(page.html).toContain('Takt 128.6 s');
    expect(page.html).toMatch(/<text[^>]*class="yz-label">T07<\/text>/);
    // The form asks again what the run was asked: takt for 420 units in 54 000 s at 95 %.
    expect(page.html).toMatch(/name="target" value="takt" checked=""/);
    expect(page.html).toMatch(/name="demand"[^>]* value="420"/);
    expect(page.html).toMatch(/name="utilisation"[^>]* value="95"/);
    expect(page.html).toContain(`hx-post="/lines/${gearbox}/balance"`);
    expect(page.html).toContain('name="_csrf"');
    expect(page.html).toMatch(/<textarea id="tasks-mustShare"[^>]*>T14 \+ T15<\/textarea>/);
    expect(page.html).toContain('Gearbox line at 95 % of takt (420/day)');
    expect(page.html).not.toContain('Proposed balance');
  });

  it('runs a balance through htmx and answers the result fragment with the current beside the proposed one', async () => {
    later();
    const res = await client.post(path(), { target: 'cycle', cycleTime: '115', timeLimit: '5', title: 'At 115 s' }, { htmx: true });
    expect(res.status).toBe(200);
    expect(res.html.startsWith('<section id="balance-result"')).toBe(true);
    expect(res.html).not.toContain('<html');
    expect(res.html).toContain('Proposed balance');
    expect(res.html).toContain('id="yamazumi-current"');
    expect(res.html).toContain('id="yamazumi-proposed"');
    expect(res.html).toContain('Current against proposed');
    expect(res.html).toContain('Cycle 115 s');
    // The form (errors cleared) and the runs are swapped beside it; the URL becomes the run's page.
    expect(res.html).toContain('<section id="balance-form" class="card" aria-labelledby="balance-form-heading" hx-swap-oob="true">');
    expect(res.html).toMatch(/<section id="balance-runs"[^>]*hx-swap-oob="true"/);
    expect(res.html).toContain('At 115 s');
    expect(res.headers.get('hx-push-url')).toMatch(new RegExp(`^/lines/${gearbox}/balance\\?run=[0-9a-f-]{36}$`));
  });

  it('runs a balance as a plain form: 303 to the run’s page, which shows it as the proposal', async () => {
    later();
    const res = await client.post(path(), { target: 'takt', demand: '420', availableTime: '54000', utilisation: '90', timeLimit: '5' });
    expect(res.status).toBe(303);
    const to = res.headers.get('location')!;
    expect(to).toMatch(new RegExp(`^/lines/${gearbox}/balance\\?run=[0-9a-f-]{36}$`));
    const page = await client.get(to);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Proposed balance');
    // The current one is the newest run other than the proposal: the 115 s run of the test before.
    expect(page.html).toMatch(/At 115 s<span class="badge info"> current<\/span>/);
    expect(page.html).toMatch(/<span class="badge ok"> proposed<\/span>/);
    expect(page.html).toContain('Takt 128.6 s');
    expect(page.html).toContain('Cycle 115.7 s');
  });

  it('refuses a cycle time shorter than a task with the field’s error (422), in place for htmx and as the page otherwise', async () => {
    const fragment = await client.post(path(), { target: 'cycle', cycleTime: '50' }, { htmx: true });
    expect(fragment.status).toBe(422);
    expect(fragment.headers.get('hx-retarget')).toBe('#balance-form');
    expect(fragment.html.startsWith('<section id="balance-form"')).toBe(true);
    expect(fragment.html).toMatch(/<div class="field invalid"><label for="bal-cycleTime">Cycle time \(s\)<\/label>/);
    // T14 and T15 must share a station: 53 s together, more than the cycle.
    expect(fragment.html).toContain(
      'id="bal-cycleTime-error" class="error">Error: tasks &quot;T14&quot;, &quot;T15&quot; must share a station but take 53 together, longer than the cycle time 50',
    );
    expect(fragment.html).toContain('value="50"');
    const page = await client.post(path(), { target: 'cycle', cycleTime: '50' });
    expect(page.status).toBe(422);
    expect(page.html).toContain('<h1>Balance: Gearbox assembly line</h1>');
    expect(page.html).toContain('longer than the cycle time 50');
    const missing = await client.post(path(), { target: 'stations', cycleTime: '120' }, { htmx: true });
    expect(missing.status).toBe(422);
    expect(missing.html).toContain('id="bal-stations-error" class="error">Error: required for this target');
    const infeasible = await client.post(path(), { target: 'cycle', cycleTime: '110' }, { htmx: true });
    expect(infeasible.status).toBe(422);
    expect(infeasible.html).toContain('the fixed stations and must-not-share pairs cannot all be met');
  });

  it('saves edited tasks and zoning through htmx, refuses an unknown predecessor beside its row, and as a plain form answers 303', async () => {
    const page = await client.get(path());
    const hostile = '<script>alert(1)</script>';
    const form: Record<string, string> = {
      ...taskForm(page.html),
      mustShare: '',
      mustNotShare: 'T18 + T19',
      'tasks.18.station': '',
      'tasks.19.description': hostile,
    };
    expect(form['tasks.6.id']).toBe('T07');
    const bad = await client.post(`${path()}/tasks`, { ...form, 'tasks.8.predecessors': 'T05 T99' }, { htmx: true });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain(
      'id="task-tasks-8-predecessors-error" class="error">Error: task &quot;T09&quot; lists unknown predecessor &quot;T99&quot;',
    );
    expect(bad.html).toContain('value="T05 T99"');
    const saved = await client.post(`${path()}/tasks`, form, { htmx: true });
    expect(saved.status).toBe(200);
    expect(saved.html.startsWith('<section id="balance-tasks"')).toBe(true);
    expect(saved.html).toContain('The tasks are saved.');
    const stored = await getLineTasks(pages.database.db, systemViewer, gearbox);
    expect(stored.constraints.mustShare).toEqual([]);
    expect(stored.tasks[19]).toMatchObject({ id: 'T20', description: hostile });
    expect(stored.constraints.fixed).toEqual([]);
    expect(saved.html).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(saved.html).not.toContain(hostile);
    const plainBad = await client.post(`${path()}/tasks`, { ...form, 'tasks.2.time': '-1' });
    expect(plainBad.status).toBe(422);
    expect(plainBad.html).toContain('<h1>Balance: Gearbox assembly line</h1>');
    expect(plainBad.html).toContain('id="task-tasks-2-time-error"');
    const plain = await client.post(`${path()}/tasks`, form);
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe(`${path()}?tasks=saved#balance-tasks`);
  });

  it('balances the line as a U-line and draws its two legs', async () => {
    later();
    const res = await client.post(path(), { target: 'cycle', cycleTime: '123', layout: 'u', timeLimit: '5' });
    expect(res.status).toBe(303);
    const page = await client.get(res.headers.get('location')!);
    expect(page.html).toContain('UALBP-1');
    expect(page.html).toContain('The two legs of the U');
    expect(page.html).toContain('id="balance-ulegs"');
    expect(page.html).toMatch(/<span class="badge info">back leg<\/span>/);
  });

  it('balances an uploaded mixed-model CSV file: a Yamazumi per model and the overload of the sequence', async () => {
    later();
    const body = new FormData();
    body.set('_csrf', client.csrf);
    body.set('file', new File([mixedCsv], 'mixed.csv', { type: 'text/csv' }));
    for (const [k, v] of Object.entries({
      models: 'A=0.6,B=0.4',
      target: 'cycle',
      cycleTime: '30',
      mixedRule: 'average',
      overloadTolerance: '15',
      sequence: 'A,A,B',
    }))
      body.set(k, v);
    const res = await pages.app.request(`${path()}/upload`, { method: 'POST', headers: { cookie: client.cookie }, body });
    expect(res.status).toBe(303);
    const page = await client.get(res.headers.get('location')!);
    expect(page.html).toContain('MALBP-1');
    expect(page.html).toContain('Per model');
    expect(page.html).toContain('id="yamazumi-model-A"');
    expect(page.html).toContain('id="yamazumi-model-B"');
    expect(page.html).toContain('Model sequence');
    expect(page.html).toMatch(/Sequence A, A, B \(3 units\)/);
    expect(page.html).toContain('Tolerated 34.5 s');
    const refused = await client.post(`${path()}/upload`, { text: mixedCsv, target: 'cycle', cycleTime: '30' }, { htmx: true });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('hx-retarget')).toBe('#balance-upload');
    expect(refused.html).toContain('id="up-models-error"');
    const noTarget = await client.post(`${path()}/upload`, { text: mixedCsv, models: 'A=1,B=1' }, { htmx: true });
    expect(noTarget.status).toBe(422);
    expect(noTarget.html).toContain('a CSV file has no cycle time of its own');
    later();
    const alb = '<number of tasks>\n3\n\n<cycle time>\n10\n\n<task times>\n1 4\n2 5\n3 6\n\n<precedence relations>\n1,2\n\n<end>\n';
    const fragment = await client.post(`${path()}/upload`, { text: alb, title: 'Scholl file' }, { htmx: true });
    expect(fragment.status).toBe(200);
    expect(fragment.html.startsWith('<section id="balance-result"')).toBe(true);
    expect(fragment.html).toContain('Cycle 10 s');
    expect(fragment.html).toMatch(/<section id="balance-upload"[^>]*hx-swap-oob="true"/);
    expect(fragment.html).toContain('Scholl file');
  });

  it('balances a mixed-model line stored with models, with a launch sequence', async () => {
    const page = await client.get(path());
    const form = { ...taskForm(page.html), models: 'A=3, B=1', mustShare: '', mustNotShare: '', 'tasks.18.station': '' };
    const saved = await client.post(`${path()}/tasks`, { ...form, modelsBefore: '' }, { htmx: true });
    expect(saved.status).toBe(200);
    // The models changed: the balance form now asks for the rule and a sequence.
    expect(saved.html).toMatch(/<section id="balance-form"[^>]*hx-swap-oob="true"/);
    expect(saved.html).toContain('name="sequence"');
    expect(saved.html).toContain('name="tasks.0.times.A"');
    later();
    const run = await client.post(path(), { target: 'cycle', cycleTime: '123', sequence: 'A,A,A,B', mixedRule: 'strict', timeLimit: '5' });
    expect(run.status).toBe(303);
    const shown = await client.get(run.headers.get('location')!);
    expect(shown.html).toContain('id="yamazumi-model-A"');
    expect(shown.html).toContain('Sequence A, A, A, B (4 units)');
  });

  it('exports the assignment, the runs and the tasks as CSV', async () => {
    const assignment = await client.get(`${path()}?format=csv&table=assignment`);
    expect(assignment.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(assignment.html.charCodeAt(0)).toBe(0xfeff);
    expect(assignment.html.split('\r\n')[0]).toMatch(/^\uFEFFstation,tasks,task_times,(weighted_)?load/);
    const runs = await client.get(`${path()}?format=csv&table=runs`);
    expect(runs.html).toContain('Gearbox line at 95 % of takt (420/day)');
    expect(runs.html.split('\r\n')[0]).toBe('\uFEFFid,created_at,title,problem,stations,cycle_time,proven_optimal,lower_bound,elapsed_ms');
    const tasks = await client.get(`${path()}?format=csv&table=tasks`);
    expect(tasks.html).toContain('T06,"Pre-assemble input shaft (gears, circlip)"');
    expect((await client.get(`${path()}?format=csv&table=nope`)).status).toBe(404);
  });

  it('simulates the balance shown as a model of the line, before it is decided', async () => {
    const page = await client.get(path());
    const action = /<form method="post" action="(\/lines\/[^"]+\/balance\/runs\/([^"/]+)\/simulate)"/.exec(page.html);
    expect(action, 'the simulate button').not.toBeNull();
    expect(page.html).toContain('Simulate this balance');
    const res = await client.post(action![1], {});
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^/lines/${gearbox}/simulate\\?run=`));
    const runId = /run=([0-9a-f-]{36})/.exec(location)![1];
    const [run] = await pages.database.db.select().from(simulationRuns).where(eq(simulationRuns.id, runId));
    // The balance shown is the newest run of the line (the tests before ran some): its stations, each with its load.
    const [shown] = await pages.database.db.select().from(balancingRuns).where(eq(balancingRuns.id, action![2]));
    expect(run).toMatchObject({ kind: 'simulation', lineId: gearbox, title: `${shown.title}: simulated` });
    const machines = (run.input as { model: { machines: { name: string; processTime: { mean: number } }[] } }).model.machines;
    const loads = (shown.result as { stationLoads: { load: number }[] }).stationLoads;
    expect(machines).toHaveLength(loads.length);
    machines.forEach((m, i) => expect(m.processTime.mean).toBeCloseTo(loads[i].load, 6));
    const viewer = await pages.as('petra.kralova@northwind.example', 'viewer');
    expect((await viewer.get(path())).html).not.toContain('Simulate this balance');
    expect((await viewer.post(action![1], {})).status).toBe(403);
    const linz = await pages.as('lukas.gruber@northwind.example', 'planner');
    expect((await linz.post(action![1], {})).status).toBe(404);
    expect((await client.post(`/lines/${pump}/balance/runs/${action![2]}/simulate`, {})).status).toBe(404);
  });

  it('shows a viewer the balances without the forms, and refuses their changes (403)', async () => {
    const viewer = await pages.as('petra.kralova@northwind.example', 'viewer');
    const page = await viewer.get(path());
    expect(page.status).toBe(200);
    expect(page.html).toContain('running a balance or changing its tasks needs a planner');
    expect(page.html).not.toContain(`hx-post="/lines/${gearbox}/balance"`);
    expect((await viewer.post(path(), { target: 'cycle', cycleTime: '130' })).status).toBe(403);
    expect((await viewer.post(`${path()}/tasks`, {})).status).toBe(403);
  });

  it('answers 404 for a line out of scope, a malformed id and a run of another line', async () => {
    const linz = await pages.as('lukas.gruber@northwind.example', 'planner');
    expect((await linz.get(path())).status).toBe(404);
    expect((await linz.post(path(), { target: 'cycle', cycleTime: '130' })).status).toBe(404);
    expect((await client.get('/lines/not-a-uuid/balance')).status).toBe(404);
    expect((await client.get(`${path()}?run=also-not-a-uuid`)).status).toBe(404);
    const [run] = (await client.get(`${path()}?format=csv&table=runs`)).html.split('\r\n')[1].split(',');
    expect((await client.get(`/lines/${pump}/balance?run=${run}`)).status).toBe(404);
    const noTasks = await linz.post(`/lines/${pump}/balance`, { target: 'cycle', cycleTime: '60' }, { htmx: true });
    expect(noTasks.status).toBe(422);
    expect(noTasks.html).toContain('This line has no tasks yet: enter them under Tasks and zoning');
    const empty = await linz.get(`/lines/${pump}/balance`);
    expect(empty.status).toBe(200);
    expect(empty.html).toContain('This line has no balance yet.');
    expect(empty.html).toContain('This line has no tasks yet.');
  });
});

describe('the balance page’s forms as the domain takes them', () => {
  it('reads a target as typed (decimal comma, percentages), ignoring the fields of the other targets', () => {
    const takt = balanceForm.parse({
      target: 'takt',
      demand: '420',
      availableTime: '54000',
      utilisation: '95',
      cycleTime: '99',
      timeLimit: '2,5',
    });
    expect(takt).toEqual({
      kind: 'takt',
      target: { demand: 420, availableTime: 54000, utilisation: 0.95, timeLimitMs: 2500 },
      title: undefined,
    });
    const u = balanceForm.parse({
      cycleTime: '61,5',
      layout: 'u',
      maxReplicas: '2',
      sequence: 'A, A;B',
      mixedRule: 'average',
      overloadTolerance: '15',
    });
    expect(u.target).toEqual({
      cycleTime: 61.5,
      timeLimitMs: 5000,
      layout: 'u',
      parallel: { maxReplicas: 2, replicaCost: 1 },
      sequence: ['A', 'A', 'B'],
      mixedRule: 'average',
      overloadTolerance: 0.15,
    });
    const bad = balanceForm.safeParse({ target: 'takt', demand: 'lots', timeLimit: '90' });
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual(['demand', 'timeLimit']);
    const missing = balanceForm.safeParse({ target: 'takt', demand: '10', replicaCost: '2' });
    expect(missing.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['availableTime', 'required for this target'],
      ['replicaCost', 'applies to parallel stations: give the most workplaces per station'],
    ]);
  });

  it('reads the task editor’s rows, skipping blank ones, and maps the domain’s task index back to the row', () => {
    const values = {
      'tasks.0.id': 'A',
      'tasks.0.time': '4,5',
      'tasks.0.predecessors': '',
      'tasks.1.id': '',
      'tasks.1.time': '',
      'tasks.2.id': 'B',
      'tasks.2.time': '3',
      'tasks.2.predecessors': 'A',
      'tasks.2.station': '2',
      mustNotShare: 'A + B',
    };
    const parsed = parseTaskForm(values);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.input).toEqual({
      tasks: [
        { id: 'A', description: '', time: 4.5, predecessors: [] },
        { id: 'B', description: '', time: 3, predecessors: ['A'] },
      ],
      constraints: { fixed: [{ task: 'B', station: 2 }], mustShare: [], mustNotShare: [['A', 'B']] },
    });
    // The domain's tasks.1 is the form's row 2.
    const refusal = new InvalidInputError('cycle', [{ path: 'body.tasks.1.predecessors.0', message: 'precedence cycle' }]);
    expect(taskErrors(refusal, parsed.rows, undefined)).toEqual({ _form: 'cycle', 'tasks.2.predecessors': 'precedence cycle' });
    const fixed = new InvalidInputError('fixed', [{ path: 'body.constraints.fixed.0.task', message: 'unknown task' }]);
    expect(taskErrors(fixed, parsed.rows, undefined)).toMatchObject({ 'tasks.2.station': 'unknown task' });
    const missing = parseTaskForm({ 'tasks.0.description': 'no id', 'tasks.0.time': '0', mustShare: 'A B C' });
    expect(missing).toEqual({
      ok: false,
      errors: expect.objectContaining({
        'tasks.0.id': 'required',
        'tasks.0.time': expect.any(String),
        mustShare: expect.stringContaining('not a pair'),
      }),
    });
    // A line turned mixed-model: a task's one time stands for every model.
    const mixed = parseTaskForm({ models: 'A=1, B=1', 'tasks.0.id': 'T', 'tasks.0.time': '7' });
    expect(mixed.ok && mixed.input.tasks[0]).toEqual({ id: 'T', description: '', times: { A: 7, B: 7 }, predecessors: [] });
  });
});
