import { describe, expect, it } from 'vitest';
import type { ProgramMilestones } from '../../../server/programs/programView.ts';
import { translator } from '../../../server/web/i18n.ts';
import { MilestonesSection } from '../../../views/programs/milestones.tsx';

const t = translator('en');
const HOSTILE = '<script>alert(1)</script>';
type Milestone = ProgramMilestones['milestones'][number];

function milestone(id: string, title: string, fields: Partial<Milestone> = {}): Milestone {
  return {
    id,
    programId: 'p1',
    useCaseId: 'u1',
    useCase: 'Buffer before hardening',
    title,
    criterion: 'Both planners run the twin check',
    dueQuarter: '2026-Q2',
    dueDate: null,
    dueBy: '2026-06-30',
    ownerId: 'o1',
    owner: 'Tomáš Dvořák',
    status: 'planned',
    evidence: '',
    createdAt: new Date('2026-06-01T00:00:00Z'),
    updatedAt: new Date('2026-06-01T00:00:00Z'),
    version: 1,
    history: [],
    consecutiveMisses: 0,
    atRisk: false,
    ...fields,
  } as Milestone;
}

const rows = [
  milestone('m1', 'Forecast live', { status: 'met', history: [{ reviewId: 'r1', heldOn: '2026-08-31', status: 'met', note: '' }] }),
  milestone('m2', 'Planners daily', {
    status: 'missed',
    atRisk: true,
    consecutiveMisses: 2,
    history: [
      { reviewId: 'r1', heldOn: '2026-08-31', status: 'missed', note: '' },
      { reviewId: 'r2', heldOn: '2026-09-30', status: 'missed', note: '' },
    ],
  }),
  milestone('m3', 'Buffer decided', { dueQuarter: '2026-Q4', dueBy: '2026-12-31' }),
];

function render(data: Partial<ProgramMilestones> = {}, extra: Record<string, unknown> = {}) {
  return (async () =>
    String(
      await (
        <MilestonesSection
          t={t}
          programId="p1"
          today="2026-11-25"
          data={{ mayReview: true, milestones: rows, ...data }}
          csvHref="/csv"
          csrfToken="tok"
          {...extra}
        />
      ),
    ))();
}

describe('MilestonesSection', () => {
  it('draws the timeline and the table, the at-risk one marked in words', async () => {
    const html = await render();
    expect(html.startsWith('<section id="milestones" class="card"')).toBe(true);
    expect(html).toContain('id="milestone-timeline"');
    expect(html).toContain('3 milestones from 2026 Q2 to 2026 Q4: 1 met, 1 at risk, 0 missed, 1 planned, 0 deferred.');
    expect(html).toContain('<tr id="milestone-m2" class="at_risk">');
    expect(html).toContain('missed in 2 reviews in a row');
    expect(html).toMatch(/<tr id="milestone-m2"[\s\S]*?past due/);
    expect(html).toContain('<a href="/csv" download="">Download CSV</a>');
  });

  it('offers a review of every open milestone, each at its status now', async () => {
    const html = await render();
    expect(html).toContain(
      '<form id="review-form" class="review-form" method="post" action="/programs/p1/reviews" hx-post="/programs/p1/reviews" hx-target="#milestones" hx-swap="outerHTML"',
    );
    expect(html).toContain('<input type="hidden" name="_csrf" value="tok"/>');
    expect(html.match(/<fieldset/g)).toHaveLength(2); // the met one is not open
    expect(html).toContain('<input type="hidden" name="items.0.milestoneId" value="m2"/>');
    expect(html).toMatch(
      /name="items.0.status"[^>]*><option value="planned">planned<\/option><option value="met">met<\/option><option value="missed" selected="">missed/,
    );
    expect(html).toContain('<input type="date" value="2026-11-25" max="2026-11-25" required=""');
  });

  it('brings back what was typed and the errors, found by milestone even when posted under another index', async () => {
    const form = {
      values: {
        heldOn: '2026-11-20',
        'items.1.milestoneId': 'm2',
        'items.1.status': 'deferred',
        'items.0.milestoneId': 'm3',
        'items.0.status': 'missed',
      },
      errors: { _form: 'milestone is due on 2026-12-31', 'items.0.status': 'not due yet' },
    };
    const html = await render({}, { form });
    expect(html).toContain('<p class="form-error" role="alert">milestone is due on 2026-12-31</p>');
    // m3 is second in the form now: its error follows it to index 1.
    expect(html).toMatch(/id="review-1-status"[^>]*aria-invalid="true"/);
    expect(html).toContain('<small id="review-1-status-error" class="error">Error: not due yet</small>');
    expect(html).toMatch(/name="items.0.status"[\s\S]*?<option value="deferred" selected="">/);
    expect(html).toContain('value="2026-11-20"');
  });

  it('tells those who may not record a review who does, and says when nothing is planned', async () => {
    expect(await render({ mayReview: false })).toContain('Reviews of this program are recorded by its sponsor or an administrator.');
    expect(await render({ mayReview: false })).not.toContain('<form');
    const empty = await render({ milestones: [] });
    expect(empty).toContain('This program has no milestones yet.');
    expect(await render({ milestones: [rows[0]] })).toContain('Every milestone is met');
  });

  it('escapes titles, criteria, names and typed values', async () => {
    const hostile = [milestone('m9', HOSTILE, { criterion: HOSTILE, owner: HOSTILE, useCase: HOSTILE })];
    const html = await render({ milestones: hostile }, { form: { values: { summary: HOSTILE }, errors: { _form: HOSTILE } } });
    expect(html).not.toContain('<script>');
    expect(html.match(/&lt;script&gt;/g)!.length).toBeGreaterThanOrEqual(7);
  });
});
