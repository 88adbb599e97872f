import { describe, expect, it } from 'vitest';
import { translator } from '../../../server/web/i18n.ts';
import { GroupCard, type GroupView } from '../../../views/setup/groups.tsx';
import { SourceList, type SourceRow } from '../../../views/setup/dataSources.tsx';
import { PlantPage, type PlantTree } from '../../../views/setup/plantTree.tsx';
import { LineModelPage } from '../../../views/setup/lineModel.tsx';
import { ProgramForm } from '../../../views/setup/programForm.tsx';
import { KpiCount } from '../../../views/setup/kpiForm.tsx';
import { setupText } from '../../../views/setup/text.ts';

const t = translator('en');
const HOSTILE = '<script>alert(1)</script>';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';
const html = async (node: unknown) => String(await node);
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const people = [
  { id: id(1), name: HOSTILE, roles: ['owner'] },
  { id: id(2), name: 'Jana Svobodová', roles: ['owner', 'viewer'] },
  { id: id(3), name: 'Eva Horáková', roles: ['sponsor'] },
];

describe('the set-up views', () => {
  it('falls back to the English of en.setup.ts for a key the catalogue lacks, filling placeholders', () => {
    expect(setupText(t)('setup.group.members', { count: 3 })).toBe('Members (3)');
  });

  it('renders a group card with its members, its route in order and forms that swap the card', async () => {
    const group: GroupView = {
      id: id(9),
      name: `Shift ${HOSTILE}`,
      kind: 'operators',
      valuePath: HOSTILE,
      expectedFrequency: 'per_shift',
      version: 4,
      memberIds: [id(1)],
      escalationRoute: [id(2), id(3)],
      archivedAt: null,
    };
    const out = await html(<GroupCard t={t} csrfToken="tok" group={group} people={people} canEdit />);
    expect(out).toMatch(new RegExp(`^<section class="card setup-group-card" id="group-${id(9)}"`));
    expect(out).not.toContain(HOSTILE);
    expect(out).toContain(`Shift ${ESCAPED}`);
    expect(out).toContain('Step 1: Jana Svobodová');
    expect(out).toContain('Step 2: Eva Horáková');
    expect(out).toContain(`hx-post="/user-groups/${id(9)}/members" hx-target="#group-${id(9)}" hx-swap="outerHTML"`);
    // The first step cannot move earlier, the last not later; each move carries the version shown.
    expect(out.match(/name="direction" value="up"/g)).toHaveLength(1);
    expect(out.match(/name="direction" value="down"/g)).toHaveLength(1);
    expect(out).toContain('name="version" value="4"');
    expect(out).toContain('<input type="hidden" name="_csrf" value="tok"/>');
    // The member select offers only those not yet members.
    const memberSelect = /<select id="group-[^"]+-member-personId"[\s\S]*?<\/select>/.exec(out)![0];
    expect(memberSelect).not.toContain(ESCAPED);
    expect(memberSelect).toContain('Jana Svobodová (owner, viewer)');
  });

  it('renders a read-only card without forms, and an empty route with what to do', async () => {
    const group: GroupView = {
      id: id(9),
      name: 'G',
      kind: 'custom',
      valuePath: '',
      expectedFrequency: 'weekly',
      version: 1,
      memberIds: [],
      escalationRoute: [],
      archivedAt: null,
    };
    const out = await html(<GroupCard t={t} group={group} people={people} canEdit={false} />);
    expect(out).not.toContain('<form');
    expect(out).toContain('No escalation route yet');
    expect(out).toContain('No members yet');
  });

  it('lists data sources with their freshness in words and its age, escaping names', async () => {
    const row: SourceRow = {
      id: id(5),
      name: HOSTILE,
      code: 'plc',
      kind: 'plc_sensor',
      scope: 'Brno › Line',
      owner: 'Martin',
      expectedRefreshSeconds: 60,
      maxLatencySeconds: 30,
      freshness: { status: 'never_received', ageSeconds: null, reason: 'no data has been received yet' },
      dependents: 2,
      archived: false,
    };
    const out = await html(<SourceList t={t} programId={id(1)} rows={[row]} csvHref="/x?format=csv" canAdd />);
    expect(out).not.toContain(HOSTILE);
    expect(out).toContain('<span class="badge stale">never received</span>');
    expect(out).toContain('no data yet');
    expect(out).toContain('60 s + 30 s');
    expect(out).toContain('<a href="/x?format=csv" download="">Download CSV</a>');
    const empty = await html(<SourceList t={t} programId={id(1)} rows={[]} csvHref="/x" canAdd={false} />);
    expect(empty).toContain('No data source is registered for this program in your scope.');
    expect(empty).not.toContain('Register a data source');
  });

  it('renders the plant tree and an add form per level; a refused form keeps its values and errors', async () => {
    const tree: PlantTree = {
      id: id(1),
      code: 'nw',
      name: 'Northwind',
      path: 'nw',
      sites: [
        {
          id: id(2),
          code: 'brno',
          name: HOSTILE,
          path: 'nw/brno',
          timezone: 'Europe/Prague',
          areas: [
            {
              id: id(3),
              code: 'a',
              name: 'Hall',
              path: 'nw/brno/a',
              lines: [{ id: id(4), code: 'l1', name: 'Line 1', path: 'nw/brno/a/l1', stations: [] }],
            },
          ],
        },
      ],
    };
    const out = await html(
      <PlantPage
        t={t}
        trees={[tree]}
        csvHref="/admin/plant?format=csv"
        problem={{ form: 'station', values: { code: 'x y', name: HOSTILE }, errors: { code: 'no spaces' } }}
      />,
    );
    expect(out).not.toContain(HOSTILE);
    expect(out).toContain(`<strong>${ESCAPED}</strong>`);
    expect(out).toContain('No stations yet.');
    expect(out).toContain('id="add-station-code-error" class="error">Error: no spaces</small>');
    expect(out).not.toContain('id="add-line-code-error"');
    expect(out).toContain(`<option value="${id(4)}">Line 1 (nw/brno/a/l1)</option>`);
    const none = await html(<PlantPage t={t} trees={[]} csvHref="/x" />);
    expect(none).toContain('There is no enterprise yet');
    expect(none).toContain('Add an enterprise first.');
  });

  it('renders the model editor with a labelled input per key figure, its errors, and the JSON escaped', async () => {
    const out = await html(
      <LineModelPage
        t={t}
        line={{ id: id(4), name: HOSTILE, code: 'l1', path: 'nw/l1' }}
        savedAt={null}
        timeUnit="s"
        rows={[
          { index: 0, code: 'op10', name: 'Turning', editable: true, buffer: true },
          { index: 1, code: 'op20', name: 'Mixed', editable: false, buffer: false },
        ]}
        values={{ 'machines.0.processTime.dist': 'normal', 'machines.0.processTime.mean': '-1', 'buffers.0': '5' }}
        json={JSON.stringify({ name: HOSTILE })}
        problem={{
          form: 'fields',
          errors: { _form: 'invalid', 'machines.0.processTime.mean': 'must be a positive time', horizon: 'too long' },
        }}
      />,
    );
    expect(out).not.toContain(HOSTILE);
    expect(out).toContain('<label for="model-machines-0-processTime-mean" class="visually-hidden">Turning (op10): Mean</label>');
    expect(out).toContain('<option value="normal" selected="">normal</option>');
    expect(out).toContain('id="model-machines-0-processTime-mean-error" class="error">Error: must be a positive time</small>');
    expect(out).toContain('<li><code>horizon</code>: too long</li>');
    expect(out).toContain('Times by product or observed samples: edit them in the JSON below.');
    expect(out).toContain('No model is stored yet.');
    expect(out).toContain('{&quot;name&quot;:&quot;&lt;script&gt;');
  });

  it('renders the program form: sites as checkboxes, the version of an existing one, the sponsor named with roles', async () => {
    const out = await html(
      <ProgramForm
        t={t}
        csrfToken="tok"
        values={{ name: HOSTILE, sponsorId: id(3), version: '7' }}
        errors={{ siteIds: 'choose at least one site', _form: 'refused' }}
        enterprises={[]}
        sponsors={people.filter((p) => p.roles.includes('sponsor'))}
        sites={[
          { value: id(10), label: 'Brno' },
          { value: id(11), label: 'Linz' },
        ]}
        checkedSites={[id(11)]}
        program={{ id: id(20), name: 'P', version: 6, archivedAt: null }}
      />,
    );
    expect(out).not.toContain(HOSTILE);
    expect(out).toContain(`action="/programs/${id(20)}/edit"`);
    expect(out).toContain('name="version" value="7"');
    expect(out).toContain(`name="siteIds.0" value="${id(10)}"/>`);
    expect(out).toContain(`name="siteIds.1" value="${id(11)}" checked=""/>`);
    expect(out).toContain('Error: choose at least one site</small>');
    expect(out).toContain(`<option value="${id(3)}" selected="">Eva Horáková (sponsor)</option>`);
    expect(out).toContain('<p class="form-error" role="alert">refused</p>');
    expect(out).not.toContain('name="enterpriseId"');
  });

  it('says how many KPIs the use case tracks, and warns past the early warning’s limit', async () => {
    const fine = await html(
      <KpiCount t={t} useCase={{ id: id(1), title: 'U', status: 'piloting', kpiCount: 3 }} maxKpisPerPilot={5} adding />,
    );
    expect(fine).toContain('it will track 4');
    expect(fine).not.toContain('More than');
    const many = await html(
      <KpiCount t={t} useCase={{ id: id(1), title: 'U', status: 'piloting', kpiCount: 5 }} maxKpisPerPilot={5} adding />,
    );
    expect(many).toContain('More than 5 KPIs');
    expect(many).toContain('role="status"');
  });
});
