import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lines, simulationRuns, useCases } from '../../../db/schema/index.ts';
import { closeSimulationPool, startSimulationRunner, type SimulationRunner } from '../../../server/simulation/index.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createDemoPages, feedDemo, type DemoPages, type PageClient } from '../../helpers/pages.ts';

const planner = 'tomas.dvorak@northwind.example';
const linzPlanner = 'lukas.gruber@northwind.example';
const viewer = 'stefan.maier@northwind.example';
const uuid = '[0-9a-f-]{36}';

describe.each(databaseKinds)('the question pages of a line (%s)', (kind) => {
  let pages: DemoPages;
  let crank: string;
  let gearbox: string;
  let pump: string;
  let client: PageClient;
  let runner: SimulationRunner;
  const path = (line = crank) => `/lines/${line}/questions`;
  const questionRuns = async () =>
    (await pages.database.db.select().from(simulationRuns)).filter((r) =>
      ['next_shift', 'maintenance_plan', 'mix_scenario'].includes(r.kind),
    );
  // Answers are listed newest first: each question comes a minute after the one before.
  const later = () => pages.clock.advance(60_000);
  /** Asks through the API, as the planner, with few replications (the page asks with the defaults). */
  async function askApi(line: string, question: string, body: object = {}): Promise<string> {
    later();
    const res = await pages.app.request(`/api/v1/lines/${line}/${question}`, {
      method: 'POST',
      headers: { authorization: 'Bearer tw_demo_planner', 'content-type': 'application/json' },
      body: JSON.stringify({ precision: { replications: 4, maxReplications: 6 }, ...body }),
    });
    expect(res.status, await res.clone().text()).toBe(202);
    return ((await res.json()) as { id: string }).id;
  }

  beforeAll(async () => {
    pages = await createDemoPages(kind, '2026-11-25T08:00:00Z');
    const rows = await pages.database.db.select().from(lines);
    crank = rows.find((l) => l.code === 'crankshaft-1')!.id;
    gearbox = rows.find((l) => l.code === 'gearbox-assembly')!.id;
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

  it('offers the three questions with their Ask forms, the open preventive work orders and the site’s peak limit', async () => {
    const page = await client.get(path());
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Ask the twin: Crankshaft line 1</h1>');
    for (const [id, action] of [
      ['ask-next-shift', 'next-shift'],
      ['ask-maintenance-plan', 'maintenance'],
      ['ask-mix-scenario', 'mix'],
    ]) {
      expect(page.html).toContain(
        `<form id="${id}" class="ask-form" method="post" action="${path()}/${action}" hx-post="${path()}/${action}"`,
      );
    }
    expect(page.html.match(/<form id="ask-[^"]+"[^>]*><input type="hidden" name="_csrf" value="[^"]+"\/>/g)).toHaveLength(3);
    expect(page.html).toContain('<h2 id="q-next_shift-heading">Which station will constrain the next shift?</h2>');
    // The open preventive work, ticked as it can start in the coming week; the inspection done is not offered.
    expect(page.html).toMatch(/<input id="ask-wo-0" type="checkbox" name="wo.0" value="WO-24117" checked=""\/>/);
    expect(page.html).toContain('WO-24117 at OP40 Induction hardening: 150 min, to start between 2026-11-26 06:00 and 2026-11-29 06:00');
    expect(page.html).toContain('value="WO-24121"');
    expect(page.html).not.toContain('WO-24098');
    expect(page.html).toContain('optional: the site’s limit is 400 kW');
    expect(page.html).toContain('No question has been asked of this line yet.');
    // The gearbox line's model names its products, which the mix form offers as examples.
    const gear = await client.get(path(gearbox));
    expect(gear.html).toContain('The line’s model makes GB6, GB7.');
    expect(gear.html).toContain('like GB6 x 200, GB7 x 100');
    // Reached from the line, its simulation and the list of lines.
    for (const from of [`/lines/${crank}`, `/lines/${crank}/simulate`, '/lines'])
      expect((await client.get(from)).html).toContain(`href="${path()}">Ask the twin</a>`);
  });

  it('asks the next-shift question as a plain form: the answer page polls itself, then shows the sentence, the charts and the start', async () => {
    later();
    const before = (await questionRuns()).length;
    const asked = await client.post(`${path()}/next-shift`, {});
    expect(asked.status).toBe(303);
    const location = asked.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^${path()}/runs/${uuid}$`));
    expect((await questionRuns()).length).toBe(before + 1);
    const waiting = await client.get(location);
    expect(waiting.html).toContain('<h1>Next-shift constraint: Crankshaft line 1</h1>');
    expect(waiting.html).toContain(
      `<section id="run-status" class="card" aria-labelledby="run-status-heading" hx-get="${location}" hx-trigger="every 1s" hx-swap="outerHTML">`,
    );
    expect(waiting.html).toMatch(/<progress id="run-progress" value="0"/);
    expect(waiting.html).toContain('<span class="badge queued">queued</span>');
    const fragment = await client.get(location, { 'hx-request': 'true', 'hx-target': 'run-status' });
    expect(fragment.html.startsWith('<section id="run-status"')).toBe(true);
    expect(fragment.html).not.toContain('<h1>');
    await runner.drain();
    const done = await client.get(location, { 'hx-request': 'true', 'hx-target': 'run-status' });
    expect(done.html).not.toContain('hx-trigger="every 1s"');
    expect(done.html).toMatch(
      /<p class="answer-sentence">op\d0 is the likely constraint of the Late shift \(Wed 14:00–Wed 22:00\): the bottleneck in \d+ % of the simulated shifts/,
    );
    // Output against plan, the bottleneck chance with the top station flagged, the state shares.
    expect(done.html).toMatch(/<figure class="chart" id="ns-output">[\s\S]*class="limit"[\s\S]*plan \d+<\/text>/);
    expect(done.html).toMatch(/<figure class="chart" id="ns-bottleneck">[\s\S]*class="ib-flag">likely constraint<\/text>/);
    expect(done.html.match(/class="ib-mark"/g)).toHaveLength(1);
    expect(done.html).toContain('<figure class="chart" id="ns-states">');
    expect(done.html).toMatch(
      /<tr class="highlight-row"><th scope="row">OP\d0 [A-Za-z ]+<span class="badge bad">likely constraint<\/span>/,
    );
    expect(done.html).toContain('<section id="record-decision" class="record-decision"');
    // The live state it started from, in Brno time, and the precision reached in the fold.
    expect(done.html).toContain('<details class="answer-start" open="">');
    expect(done.html).toContain('The live state it started from (09:0');
    expect(done.html).toMatch(
      /Precision (reached: )?±\d+\.\d % of the key figure \(95 % interval\) after \d+ replications; the aim was ±2\.0 %/,
    );
    expect(done.html).toContain('Model: the line’s stored simulation model.');
    const csv = await client.get(`${location}?format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.html.startsWith('\uFEFFstation,bottleneck_probability,bottleneck_probability_ci_low,')).toBe(true);
    expect(csv.html.trim().split('\r\n')).toHaveLength(1 + 7);
    // The line's answers, with their sentences; the simulation page links the run here too.
    const list = await client.get(path());
    expect(list.html).toMatch(/Next-shift constraint<\/a>[\s\S]*<span class="badge succeeded">done<\/span>[\s\S]*is the likely constraint/);
    expect((await client.get(`/lines/${crank}/simulate`)).html).toContain(`href="${location}"`);
    const listCsv = await client.get(`${path()}?format=csv`);
    expect(listCsv.html.startsWith('\uFEFFid,title,kind,status,progress,created_at,finished_at,sentence\r\n')).toBe(true);
    expect(listCsv.html).toContain(',next_shift,');
  });

  it('asks through htmx, leading to the answer’s page, and re-renders a refused form in place with its errors', async () => {
    const before = (await questionRuns()).length;
    const none = await client.post(`${path()}/maintenance`, { sent: '1' }, { htmx: true, target: 'ask-maintenance-plan' });
    expect(none.status).toBe(422);
    expect(none.html.startsWith('<form id="ask-maintenance-plan"')).toBe(true);
    expect(none.html).toContain('<p class="form-error" id="ask-wo-error" role="alert">tick at least one work order</p>');
    // As sent: nothing ticked stays unticked.
    expect(none.html).not.toContain('checked=""');
    const typo = await client.post(`${path(gearbox)}/mix`, { 'scenarios.0.name': 'odd', 'scenarios.0.mix': 'GB6 200' }, { htmx: true });
    expect(typo.status).toBe(422);
    expect(typo.html).toMatch(/id="ask-mix-0-mix"[^>]*aria-invalid="true"/);
    expect(typo.html).toContain('write a lot as product x quantity (GB6 x 200)');
    expect(typo.html).toContain('value="GB6 200"');
    const both = await client.post(`${path(gearbox)}/mix`, { 'scenarios.1.mix': 'GB6 x 200, GB7 30 %', peakLimitKw: '-5' }, { htmx: true });
    expect(both.html).toContain('give either lots (GB6 x 200) or shares (GB6 70 %), not both');
    expect(both.html).toContain('Error: a power in kW above 0, at most 1 000 000');
    // The domain's refusal, on the row it came from.
    const unknown = await client.post(`${path(gearbox)}/mix`, { 'scenarios.1.mix': 'GB9 x 100' }, { htmx: true });
    expect(unknown.status).toBe(422);
    expect(unknown.html).toContain('<small id="ask-mix-1-mix-error" class="error">Error: products the line&#39;s model does not make: GB9');
    expect(unknown.html).not.toContain('class="form-error"');
    const plain = await client.post(`${path(gearbox)}/mix`, { 'scenarios.0.mix': 'GB9 x 100' });
    expect(plain.status).toBe(422);
    expect(plain.html).toContain('<h1>Ask the twin: Gearbox assembly line</h1>');
    expect(plain.html).toContain('products the line&#39;s model does not make');
    expect((await questionRuns()).length).toBe(before);

    later();
    const asked = await client.post(
      `${path(gearbox)}/mix`,
      {
        'scenarios.0.name': 'GB7 first',
        'scenarios.0.mix': 'GB7 x 240, GB6 x 560',
        'scenarios.1.mix': 'GB6 50 %, GB7 50 %',
        peakLimitKw: '80',
      },
      { htmx: true, target: 'ask-mix-scenario' },
    );
    expect(asked.status).toBe(204);
    const location = asked.headers.get('hx-redirect')!;
    expect(location).toMatch(new RegExp(`^${path(gearbox)}/runs/${uuid}$`));
    const [run] = await pages.database.db
      .select()
      .from(simulationRuns)
      .where(eq(simulationRuns.id, location.split('/').pop()!));
    expect(run.kind).toBe('mix_scenario');
    expect((run.input as { peakLimitKw: number }).peakLimitKw).toBe(80);
    expect((run.input as { scenarios: unknown[] }).scenarios.slice(1)).toEqual([
      {
        name: 'GB7 first',
        lots: [
          { product: 'GB7', quantity: 240 },
          { product: 'GB6', quantity: 560 },
        ],
      },
      { name: 'mix 2', shares: { GB6: 50, GB7: 50 } },
    ]);
    await runner.drain();
    const page = await client.get(location);
    expect(page.html).toContain('<h1>Mix over 72 hours: Gearbox assembly line</h1>');
    expect(page.html).toMatch(/<p class="answer-sentence">planned orders: [\d\u202f]+ parts in 72 hours/);
    const table = /<table class="answer-table">[\s\S]*?<\/table>/.exec(page.html)![0];
    expect(table).toContain('<th scope="col">Against planned orders</th>');
    expect(table).toContain('<th scope="row">GB7 first</th>');
    expect(table).toContain('<th scope="row">mix 2</th>');
    expect(table).toMatch(/GB6: \d+ \(\d+ – \d+\)/);
    expect(table).toMatch(/higher output|lower output|no clear difference/);
    // The peak of each scenario against the 80 kW asked for, the highest run marked.
    expect(page.html).toMatch(/<figure class="chart" id="mx-peak">[\s\S]*class="limit"[\s\S]*limit 80 kW<\/text>/);
    expect(page.html).toContain('class="ib-point"');
    expect(page.html).toContain('The site’s peak limit: 80 kW.');
    const csv = await client.get(`${location}?format=csv`);
    expect(csv.html).toMatch(/^\uFEFFscenario,output,output_ci_low,output_ci_high,output_GB6,output_GB7,kwh,/);
    expect(csv.html.trim().split('\r\n')).toHaveLength(1 + 3);
  });

  it('shows a maintenance plan: per work order its ranked placements, the recommended one highlighted, and lost output as a chart', async () => {
    const id = await askApi(crank, 'maintenance-plans');
    await runner.drain();
    const location = `${path()}/runs/${id}`;
    const page = await client.get(location);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Maintenance this week: Crankshaft line 1</h1>');
    expect(page.html).toMatch(/<p class="answer-sentence">Do WO-241\d\d on op\d0 at /);
    expect(page.html).toContain('<h3>WO-24117 at OP40 Induction hardening</h3>');
    expect(page.html).toContain('150 min of work; the failure rate × 0.55 after it.');
    expect(page.html).toContain('<h3>WO-24121 at OP10 Turning</h3>');
    expect(page.html).toMatch(/<figure class="chart" id="mt-lost-WO-24117">/);
    expect(page.html.match(/<tr class="highlight-row">/g)).toHaveLength(1);
    expect(page.html).toMatch(
      /<tr class="highlight-row"><td class="num">1<\/td><th scope="row">2026-11-\d\d \d\d:\d\d<span class="badge ok">recommended<\/span>/,
    );
    expect(page.html).toMatch(/<td class="num">[+−]?\d+ \([+−]?\d+ – [+−]?\d+\)<\/td>/);
    expect(page.html).toMatch(/outside the shifts|in a break|in production time/);
    // Six replications at most: the ±2 % aimed at is not reached at that cap, and the page says so.
    expect(page.html).toContain('not reached at the cap of 6 replications');
    const csv = await client.get(`${location}?format=csv`);
    expect(csv.html.startsWith('\uFEFFwork_order,station,rank,start,end,kind,fits_stop,lost_output,')).toBe(true);
    expect(csv.html).toMatch(/\r\nWO-24117,op40,1,2026-11-\d\dT\d\d:\d\d:00\.000Z,/);
    expect(csv.html.match(/,true\r\n/g)).toHaveLength(1);
  });

  it('lets a viewer read the answers but not ask, and names nothing out of scope or of another line', async () => {
    const id = await askApi(crank, 'forecasts/next-shift');
    await runner.drain();
    const reader = await pages.as(viewer, 'viewer');
    const page = await reader.get(path());
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('class="ask-form"');
    expect(page.html).not.toContain('>Ask</button>');
    expect(page.html).toContain('Your role may read the answers but not ask; a planner can.');
    expect(page.html).toContain(`href="${path()}/runs/${id}"`);
    expect((await reader.get(`${path()}/runs/${id}`)).status).toBe(200);
    expect((await reader.post(`${path()}/next-shift`, {})).status).toBe(403);
    expect((await reader.post(`${path()}/mix`, {}, { htmx: true })).status).toBe(403);
    const linz = await pages.as(linzPlanner, 'planner');
    expect((await linz.get(path())).status).toBe(404);
    expect((await linz.get(`${path()}/runs/${id}`)).status).toBe(404);
    expect((await linz.post(`${path()}/next-shift`, {})).status).toBe(404);
    // A run of crankshaft line 1 is no answer of the pump line; a simulation is no answer; nonsense is nothing.
    expect((await client.get(`${path(pump)}/runs/${id}`)).status).toBe(404);
    expect((await client.get(`${path(pump)}/runs/${id}`, { 'hx-request': 'true' })).status).toBe(404);
    const [comparison] = await pages.database.db.select().from(simulationRuns).where(eq(simulationRuns.kind, 'comparison'));
    expect((await client.get(`${path(comparison.lineId!)}/runs/${comparison.id}`)).status).toBe(404);
    expect((await client.get(`${path()}/runs/x%0D%0ALocation:%20https://evil.example`)).status).toBe(404);
  });

  it('answers a bound use case from its page, says whether it counted as a use, and lets its owner bind and unbind it', async () => {
    const cases = await pages.database.db.select().from(useCases);
    const constraint = cases.find((u) => u.title === 'Next-shift constraint')!;
    const buffer = cases.find((u) => u.title === 'Buffer before hardening')!;
    const page = await client.get(`/use-cases/${constraint.id}`);
    expect(page.html).toContain('<h2 id="uc-question-heading">The twin’s question</h2>');
    expect(page.html).toContain('Bound to “Next-shift constraint” on Crankshaft line 1.');
    expect(page.html).toContain(`<form method="post" action="/use-cases/${constraint.id}/answers" class="actions">`);
    // A planner asks it but does not bind it: the use case is its stewards' to change.
    expect(page.html).not.toContain(`action="/use-cases/${constraint.id}/question"`);
    later();
    const asked = await client.post(`/use-cases/${constraint.id}/answers`, {});
    expect(asked.status).toBe(303);
    const location = asked.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^${path()}/runs/(${uuid})\\?useCaseId=${constraint.id}&use=recorded$`));
    const runId = location.match(new RegExp(`runs/(${uuid})`))![1];
    const [run] = await pages.database.db.select().from(simulationRuns).where(eq(simulationRuns.id, runId));
    expect(run.useCaseId).toBe(constraint.id);
    const answer = await client.get(location);
    expect(answer.html).toContain(
      'Asked for “Next-shift constraint”: the answer is kept with the use case and counts as your use of it in this period.',
    );
    // Asked again in the same shift: kept, not counted twice.
    later();
    const again = await client.post(`/use-cases/${constraint.id}/answers`, {});
    expect(again.headers.get('location')).toMatch(/&use=already_recorded$/);
    expect((await client.get(again.headers.get('location')!)).html).toContain('an earlier answer of yours already counts');
    await runner.drain();
    const withAnswers = await client.get(`/use-cases/${constraint.id}`);
    expect(withAnswers.html).toContain(`href="${path()}/runs/${runId}">Next-shift constraint</a>`);
    expect(withAnswers.html).toMatch(
      /<h3>Recent answers<\/h3>[\s\S]*<span class="badge succeeded">done<\/span>[\s\S]*is the likely constraint/,
    );

    // The owner binds an unbound use case of the line; a line of another area is refused in the form.
    const owner = await pages.as('martin.novak@northwind.example', 'owner');
    const unbound = await owner.get(`/use-cases/${buffer.id}`);
    expect(unbound.html).toContain('This use case is bound to none of the twin’s questions.');
    expect(unbound.html).toContain(`<form method="post" action="/use-cases/${buffer.id}/question" class="inline-form">`);
    expect(unbound.html).toContain('The question has not been asked for this use case yet.');
    const outside = await owner.post(`/use-cases/${buffer.id}/question`, { question: 'maintenance_plan', lineId: pump });
    expect(outside.status).toBe(409);
    expect(outside.html).toContain('not the use case’s line, nor a line of its area');
    const bad = await owner.post(`/use-cases/${buffer.id}/question`, { question: 'weather', lineId: 'x' });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('choose one of the twin’s questions');
    expect(bad.html).toContain('choose a line of the use case');
    const bound = await owner.post(`/use-cases/${buffer.id}/question`, { question: 'maintenance_plan', lineId: crank });
    expect(bound.status).toBe(303);
    expect(bound.headers.get('location')).toBe(`/use-cases/${buffer.id}?done=bound#uc-question`);
    const after = await owner.get(bound.headers.get('location')!);
    expect(after.html).toContain('The use case is bound to the question.');
    expect(after.html).toContain('Bound to “Maintenance this week” on Crankshaft line 1.');
    const off = await owner.post(`/use-cases/${buffer.id}/question/unbind`, {});
    expect(off.headers.get('location')).toBe(`/use-cases/${buffer.id}?done=unbound#uc-question`);
    expect((await owner.get(`/use-cases/${buffer.id}`)).html).toContain('This use case is bound to none of the twin’s questions.');
    // Answering an unbound use case is refused on its page, in words.
    const refused = await client.post(`/use-cases/${buffer.id}/answers`, {});
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('the use case is bound to no question');

    // A viewer reads the answers but may neither ask nor bind.
    const reader = await pages.as(viewer, 'viewer');
    const read = await reader.get(`/use-cases/${constraint.id}`);
    expect(read.html).toContain(`href="${path()}/runs/${runId}"`);
    expect(read.html).not.toContain(`action="/use-cases/${constraint.id}/answers"`);
    expect((await reader.post(`/use-cases/${constraint.id}/answers`, {})).status).toBe(403);
    expect((await reader.post(`/use-cases/${constraint.id}/question/unbind`, {})).status).toBe(403);
  });
});
