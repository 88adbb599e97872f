import { describe, expect, it } from 'vitest';
import { BalanceForm, UploadForm } from '../../../views/balancing/forms.tsx';
import { TasksEditor } from '../../../views/balancing/tasks.tsx';
import { RunsList } from '../../../views/balancing/runs.tsx';
import { taskFormValues } from '../../../server/balancing/taskForm.ts';
import { translator } from '../../../server/web/i18n.ts';

const t = translator('en');
const hostile = '<script>alert(1)</script>';
const stored = {
  models: [
    { id: 'A', share: 0.6 },
    { id: 'B', share: 0.4 },
  ],
  tasks: [
    { id: 'T1', description: hostile, times: { A: 12, B: 0 }, predecessors: [] },
    { id: 'T2', description: 'Fit', times: { A: 5, B: 7 }, predecessors: ['T1'] },
  ],
  constraints: { fixed: [{ task: 'T2', station: 2 }], mustShare: [], mustNotShare: [['T1', 'T2']] as [string, string][] },
};

describe('the balance forms', () => {
  it('asks for the target, keeps the values as typed and shows each field’s error beside it', async () => {
    const html = String(
      await (
        <BalanceForm
          t={t}
          lineId="L1"
          csrf="tok"
          values={{ target: 'cycle', cycleTime: hostile, sequence: 'A,B' }}
          errors={{ _form: 'refused', cycleTime: 'a number', sequence: 'unknown model "C"' }}
          models={['A', 'B']}
        />
      ),
    );
    expect(html).toContain('<input type="hidden" name="_csrf" value="tok"/>');
    expect(html).toContain('hx-post="/lines/L1/balance" hx-target="#balance-result" hx-swap="outerHTML"');
    expect(html).toContain('<p class="form-error" role="alert">refused</p>');
    expect(html).toMatch(/name="target" value="cycle" checked=""/);
    expect(html).toContain('<small id="bal-cycleTime-error" class="error">Error: a number</small>');
    expect(html).toMatch(/id="bal-cycleTime" name="cycleTime" aria-invalid="true"/);
    expect(html).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).not.toContain(hostile);
    // A mixed-model line: its rule and a sequence; the options open since one has an error.
    expect(html).toContain('name="mixedRule"');
    expect(html).toContain('<details class="balance-options" open="">');
    expect(html).toContain('Error: unknown model &quot;C&quot;');
  });

  it('uploads a file as multipart with htmx or as a plain form', async () => {
    const html = String(await (<UploadForm t={t} lineId="L1" csrf="tok" values={{}} errors={{ file: 'line 2: empty task id' }} />));
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('hx-encoding="multipart/form-data"');
    expect(html).toContain('<input id="up-file" name="file" aria-invalid="true" aria-describedby="up-file-error" type="file"');
    expect(html).toMatch(/name="target" value="file" checked=""/);
    expect(html).toContain('<details open="">');
  });
});

describe('the task editor', () => {
  it('edits each task in a row (times per model, fixed station), with blank rows to add tasks', async () => {
    const values = taskFormValues(stored);
    expect(values).toMatchObject({ models: 'A=0.6, B=0.4', 'tasks.1.station': '2', mustNotShare: 'T1 + T2', 'tasks.0.times.B': '0' });
    const html = String(
      await (
        <TasksEditor t={t} lineId="L1" csrf="tok" values={values} errors={{ 'tasks.1.predecessors': 'unknown' }} mayEdit csvHref="/x.csv" />
      ),
    );
    expect(html).toContain('hx-post="/lines/L1/balance/tasks"');
    expect(html).toContain('<th scope="col">Time A (s)</th><th scope="col">Time B (s)</th>');
    expect(html).toContain('<label for="task-tasks-0-times-A" class="visually-hidden">Time of T1 for model A (s)</label>');
    expect(html).toContain('name="tasks.4.id"');
    expect(html).not.toContain('name="tasks.5.id"');
    expect(html).toContain('<small id="task-tasks-1-predecessors-error" class="error">Error: unknown</small>');
    expect(html).toContain('<input type="hidden" name="modelsBefore" value="A=0.6, B=0.4"/>');
    expect(html).not.toContain(hostile);
  });

  it('shows the tasks as a table to someone who may not change them, and an empty state without tasks', async () => {
    const html = String(await (<TasksEditor t={t} lineId="L1" values={taskFormValues(stored)} mayEdit={false} csvHref="/x.csv" />));
    expect(html).not.toContain('<form');
    expect(html).toContain('<th scope="row">T1</th><td>&lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(html).toContain('<a href="/x.csv" download="">');
    const none = String(
      await (
        <TasksEditor
          t={t}
          lineId="L1"
          values={taskFormValues({ tasks: [], constraints: { fixed: [], mustShare: [], mustNotShare: [] } })}
          mayEdit={false}
          csvHref="/x.csv"
        />
      ),
    );
    expect(none).toContain('This line has no tasks yet.');
  });
});

describe('the runs of a line', () => {
  it('lists the runs newest first in the site’s time, marks the current and the proposed one, links to compare', async () => {
    const row = (id: string, title: string, minute: number, proven = true) => ({
      id,
      title,
      problem: 'SALBP-1',
      stations: 6,
      cycleTime: 122.142857,
      provenOptimal: proven,
      lowerBound: 5,
      elapsedMs: 31,
      createdAt: new Date(`2026-11-25T08:0${minute}:00Z`),
    });
    const html = String(
      await (
        <RunsList
          t={t}
          lineId="L1"
          runs={[row('r3', hostile, 3, false), row('r2', 'Two', 2), row('r1', 'One', 1)]}
          zone="Europe/Prague"
          currentId="r2"
          proposedId="r3"
          csvHref="/runs.csv"
        />
      ),
    );
    expect(html).toContain('<time datetime="2026-11-25T08:03:00.000Z">2026-11-25 09:03</time>');
    expect(html).toContain('Two<span class="badge info"> current</span>');
    expect(html).toContain('<span class="badge ok"> proposed</span>');
    expect(html).toContain('<span class="badge warn">Best found (bound 5)</span>');
    expect(html).toContain('<td class="num">122.1 s</td>');
    expect(html).toContain('href="/lines/L1/balance?run=r3&amp;current=r1"');
    expect(html).not.toContain(hostile);
    const empty = String(await (<RunsList t={t} lineId="L1" runs={[]} zone="UTC" csvHref="/runs.csv" />));
    expect(empty).toContain('No balancing runs of this line yet.');
  });
});
