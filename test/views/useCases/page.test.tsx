import { describe, expect, it } from 'vitest';
import { translator } from '../../../server/web/i18n.ts';
import { FactsSection } from '../../../views/useCases/facts.tsx';
import { KpiCard } from '../../../views/useCases/kpis.tsx';
import { LifecycleSection } from '../../../views/useCases/lifecycle.tsx';
import { RiskSection } from '../../../views/useCases/risk.tsx';
import { SourcesSection } from '../../../views/useCases/sources.tsx';
import type { KpiModel, LifecycleModel, UseCaseViewContext } from '../../../views/useCases/model.tsx';

const HOSTILE = '<script>alert(1)</script>';
const ctx: UseCaseViewContext = { t: translator('en'), now: new Date('2026-11-25T08:00:00Z'), csrfToken: 'tok', zone: 'Europe/Prague' };
const render = async (node: unknown) => String(await node);

const lifecycle: LifecycleModel = {
  useCaseId: 'uc1',
  status: 'piloting',
  allowed: ['operational', 'proposed', 'retired'],
  missingForOperational: ['owner'],
  mayTransition: true,
  steps: [{ id: 1, from: null, to: 'proposed', at: new Date('2026-06-01T08:00:00Z'), actor: `Eva ${HOSTILE}`, note: `created ${HOSTILE}` }],
};

function kpi(over: Partial<KpiModel> = {}): KpiModel {
  return {
    id: 'k1',
    useCaseId: 'uc1',
    name: `OEE ${HOSTILE}`,
    unit: '%',
    direction: 'higher_is_better',
    owner: 'Martin',
    baseline: { value: 61.8, periodStart: '2026-03-01', periodEnd: '2026-05-31', source: 'MES' },
    target: { value: 70, date: '2027-06-01' },
    reviewCadence: 'monthly',
    progress: {
      current: { value: 64.2, periodEnd: '2026-07-31' },
      gapClosed: 0.29,
      plannedShare: 0.17,
      behindPlan: false,
      trend: 'improving',
      nextMeasurementDue: '2026-08-31',
      overdue: true,
      daysOverdue: 86,
    },
    measurements: [
      {
        id: 'm1',
        periodStart: '2026-06-01',
        periodEnd: '2026-06-30',
        value: 63,
        source: `MES ${HOSTILE}`,
        recordedBy: 'Tomáš',
        recordedAt: new Date('2026-07-03T10:00:00Z'),
        version: 1,
      },
      {
        id: 'm2',
        periodStart: '2026-07-01',
        periodEnd: '2026-07-31',
        value: 64.2,
        source: 'MES',
        recordedBy: null,
        recordedAt: new Date('2026-08-03T10:00:00Z'),
        version: 2,
      },
    ],
    mayMeasure: true,
    nextPeriodStart: '2026-08-01',
    ...over,
  };
}

describe('the lifecycle section', () => {
  it('offers the allowed steps as buttons and says in advance what operational still needs', async () => {
    const html = await render(<LifecycleSection model={lifecycle} ctx={ctx} />);
    expect(html).toContain('<li class="current" aria-current="step">Piloting');
    expect(html).toContain('<button type="submit" name="to" value="operational">Make operational</button>');
    expect(html).toContain('<button type="submit" name="to" value="proposed" class="secondary">Back to proposed</button>');
    expect(html).toContain('To become operational it still needs:</p><ul class="missing"><li>an accountable owner');
    expect(html).toContain('hx-target="#uc-lifecycle"');
    expect(html).not.toContain('<script>');
  });

  it('shows a refused step with the missing conditions, linked to where they are fixed', async () => {
    const refusal = { message: `cannot ${HOSTILE}`, missing: ['owner', 'kpi_with_baseline'] as const, values: { note: 'typed' } };
    const html = await render(<LifecycleSection model={lifecycle} ctx={ctx} refusal={{ ...refusal, missing: [...refusal.missing] }} />);
    expect(html).toContain('<div class="alert alert-error" role="alert"><strong>Not moved</strong><p>cannot &lt;script&gt;');
    expect(html).toContain('<li>at least one KPI with a baseline — <a href="#kpis">see its KPIs</a></li>');
    expect(html).toContain('>typed</textarea>');
  });

  it('says who moves it to someone who may not, and that retired is final', async () => {
    expect(await render(<LifecycleSection model={{ ...lifecycle, mayTransition: false }} ctx={ctx} />)).toContain(
      'Next possible steps: Operational, Proposed, Retired.',
    );
    expect(await render(<LifecycleSection model={{ ...lifecycle, status: 'retired', allowed: [] }} ctx={ctx} />)).toContain(
      'Retired is final',
    );
  });
});

describe('a KPI card', () => {
  it('shows its progress in words, a chart with its text alternative, and its measurements newest first', async () => {
    const html = await render(<KpiCard kpi={kpi()} ctx={ctx} />);
    expect(html).toContain('<span class="badge ok">On plan</span>');
    expect(html).toContain('overdue by 86 d');
    expect(html).toContain('<desc id="kpi-chart-k1-desc">OEE &lt;script&gt;alert(1)&lt;/script&gt;: 2 measurements');
    const table = html.slice(html.indexOf('<tbody>'));
    expect(table.indexOf('2026-07-01 – 2026-07-31')).toBeLessThan(table.indexOf('2026-06-01 – 2026-06-30'));
    expect(html).toContain('value="2026-08-01"'); // the next period starts after the latest
    expect(html).toContain('<input type="hidden" name="version" value="2"/>');
    expect(html).not.toContain('<script>');
  });

  it('has no chart and no forms where it should not, and says so when nothing is measured', async () => {
    const html = await render(
      <KpiCard kpi={kpi({ measurements: [], mayMeasure: false, progress: { ...kpi().progress, current: null } })} ctx={ctx} />,
    );
    expect(html).not.toContain('<svg');
    expect(html).not.toContain('<form');
    expect(html).toContain('No measurement yet.');
  });

  it('shows a refused measurement with its field errors', async () => {
    const form = {
      kpiId: 'k1',
      errors: { periodStart: 'overlaps another measurement' },
      values: { periodStart: '2026-07-15', value: '1', source: 's', periodEnd: '2026-07-20' },
    };
    const html = await render(<KpiCard kpi={kpi()} ctx={ctx} form={form} />);
    expect(html).toContain('Error: overlaps another measurement');
    expect(html).toContain('value="2026-07-15"');
  });
});

describe('the other sections', () => {
  it('loads the stall risk separately, then lists each signal linked to what to fix', async () => {
    const pending = await render(<RiskSection useCaseId="uc1" ctx={ctx} />);
    expect(pending).toContain('hx-get="/use-cases/uc1" hx-trigger="load"');
    expect(pending).toContain('<a href="/use-cases/uc1?with=risk#uc-risk">Show it</a>');
    const risk = {
      riskLevel: 'critical' as const,
      score: 9,
      signals: [{ code: 'x', message: `m ${HOSTILE}`, href: '/escalations/e1', name: 'E' }],
      sourcesLeftOut: 1,
    };
    const html = await render(<RiskSection useCaseId="uc1" risk={risk} ctx={ctx} oob />);
    expect(html).toContain('<span class="badge critical">Critical risk</span>');
    expect(html).toContain('m &lt;script&gt;alert(1)&lt;/script&gt; — <a href="/escalations/e1">E</a>');
    expect(html).toContain('hx-swap-oob="true"');
  });

  it('shows the trust its sources make, or what to do when none is linked', async () => {
    const empty = await render(
      <SourcesSection sources={{ trust: 'ok', reasons: [], sources: [], leftOut: 0 }} ctx={ctx} useCaseId="uc1" />,
    );
    expect(empty).toContain('No data source is linked yet');
    const stale = await render(
      <SourcesSection
        useCaseId="uc1"
        ctx={ctx}
        sources={{
          trust: 'degraded',
          reasons: [{ dataSourceId: 's1', message: `stale ${HOSTILE}` }],
          sources: [
            {
              id: 's1',
              name: `CMMS ${HOSTILE}`,
              kind: 'maintenance',
              required: true,
              status: 'never_received',
              reason: 'no data',
              newestAt: null,
              owner: 'Jana',
              expectedRefreshSeconds: 86_400,
            },
          ],
          leftOut: 0,
        }}
      />,
    );
    expect(stale).toContain('<span class="badge bad">Degraded</span>');
    expect(stale).toContain('<span class="badge never_received">Never received</span>');
    expect(stale).toContain('<td>never</td><td>every 24.0 h</td>');
    expect(stale).not.toContain('<script>');
  });

  it('escapes the question and the groups', async () => {
    const html = await render(
      <FactsSection
        ctx={ctx}
        facts={{
          id: 'uc1',
          title: 't',
          question: `Q ${HOSTILE}`,
          status: 'proposed',
          decisionFrequency: 'weekly',
          owner: null,
          program: { id: 'p', name: 'P' },
          place: 'L',
          groups: [],
        }}
      />,
    );
    expect(html).toContain('Q &lt;script&gt;');
    expect(html).toContain('<span class="badge bad">No owner</span>');
    expect(html).toContain('It serves no user group yet');
  });
});
