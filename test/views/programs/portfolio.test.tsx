import { describe, expect, it } from 'vitest';
import type { ProgramSummary } from '../../../server/programs/portfolio.ts';
import { translator } from '../../../server/web/i18n.ts';
import { Portfolio } from '../../../views/programs/portfolio.tsx';

const t = translator('en');
const HOSTILE = '<script>alert(1)</script>';
const now = new Date('2026-11-25T08:00:00Z');

function summary(name: string, overrides: Partial<ProgramSummary> = {}): ProgramSummary {
  return {
    program: {
      id: 'p1',
      name,
      description: '',
      timezone: 'Europe/Prague',
      goLiveDate: '2026-06-01',
      valueWindowEnds: '2027-06-01',
      sites: 2,
    },
    risk: {
      level: 'high',
      score: 7,
      asOf: now.toISOString(),
      coverage: { complete: true, leftOut: {} },
      signals: [
        {
          code: 'use_case_without_owner',
          weight: 3,
          message: `Use case '${name}' has no owner`,
          entity: { type: 'use_case', id: 'u2', name, href: '' },
          useCaseId: 'u2',
        },
      ],
    },
    useCases: [
      { id: 'u1', title: 'Next-shift constraint', status: 'operational', riskLevel: 'low', reasons: 0 },
      { id: 'u2', title: name, status: 'proposed', riskLevel: 'high', reasons: 1 },
    ],
    openMilestones: [
      {
        id: 'm1',
        title: 'Planners daily',
        useCaseId: 'u1',
        useCase: 'Next-shift constraint',
        dueBy: '2026-06-30',
        dueQuarter: '2026-Q2',
        status: 'missed',
        atRisk: true,
        consecutiveMisses: 2,
      },
    ],
    kpisBehindPlan: [
      {
        id: 'k1',
        name: 'Work in process',
        unit: 'parts',
        useCaseId: 'u1',
        useCase: 'Buffer',
        gapClosed: -0.1,
        plannedShare: 0.33,
        current: 184,
        target: 140,
      },
    ],
    breachedEscalations: [{ id: 'e1', title: name, severity: 'high', dueAt: new Date('2026-11-24T08:00:00Z'), assignee: 'Tomáš Dvořák' }],
    staleSources: [
      {
        id: 's1',
        name: 'CMMS export',
        kind: 'maintenance',
        status: 'stale',
        reason: 'newest value 4.0 d old',
        dependents: [{ useCaseId: 'u1', title: 'x', required: true }],
      },
    ],
    ...overrides,
  };
}

describe('Portfolio', () => {
  it('shows each program with its risk, what to fix first, and the state of its plan', async () => {
    const html = String(await (<Portfolio t={t} now={now} programs={[summary('Brno twin')]} csvHref="/?format=csv" />));
    expect(html).toContain('<li class="bad">1 at high or critical risk</li>');
    expect(html).toContain('<li class="bad">1 breached escalation</li>');
    expect(html).toContain('<a href="/programs/p1">Brno twin</a>');
    expect(html).toContain('<span class="badge risk high">High risk<span class="score"> · score 7</span></span>');
    expect(html.indexOf('What to fix first')).toBeLessThan(html.indexOf('Use cases by stage'));
    expect(html).toContain('<a class="fix" href="/use-cases/u2">Name an owner: Brno twin</a>');
    expect(html).toMatch(/<span class="count">1<\/span> Operational/);
    expect(html).toMatch(/<span class="count">0<\/span> Retired/);
    expect(html).toContain('<span class="badge at_risk">at risk</span>');
    expect(html).toContain('-10 % of the gap closed, 33 % planned by now');
    expect(html).toContain('24.0 h past its SLA');
    expect(html).toContain('with Tomáš Dvořák');
    expect(html).toContain('<a href="/use-cases/u1#uc-sources">CMMS export</a>');
    expect(html).toContain('href="/?format=csv"');
  });

  it('says when a panel has nothing to worry about', async () => {
    const calm = summary('Calm', { kpisBehindPlan: [], breachedEscalations: [], staleSources: [], openMilestones: [], useCases: [] });
    const html = String(await (<Portfolio t={t} now={now} programs={[calm]} csvHref="x" />));
    expect(html).toContain('Every measured KPI is on or ahead of its plan.');
    expect(html).toContain('No escalation is past its SLA.');
    expect(html).toContain('Every data source is fresh.');
    expect(html).toContain('No open milestone');
    expect(html).toContain('No use case yet');
  });

  it('shows an empty state with what to do when no program is in scope', async () => {
    const html = String(await (<Portfolio t={t} now={now} programs={[]} csvHref="x" />));
    expect(html).toContain('<div class="empty"><p>No program is in your scope yet.</p>');
    expect(html).toContain('ask the twin program office');
  });

  it('escapes every name it shows', async () => {
    const html = String(await (<Portfolio t={t} now={now} programs={[summary(HOSTILE)]} csvHref="x" />));
    expect(html).not.toContain('<script>');
    expect(html.match(/&lt;script&gt;/g)!.length).toBeGreaterThanOrEqual(5);
  });
});
