import { describe, expect, it } from 'vitest';
import { translator } from '../../../server/web/i18n.ts';
import type { Signal } from '../../../server/warnings/signals.ts';
import { CoverageNote, fixHref, RiskBadge, RiskReasons } from '../../../views/programs/risk.tsx';

const t = translator('en');
const HOSTILE = '<script>alert(1)</script>';
const P = 'p1';

function signal(code: Signal['code'], type: Signal['entity']['type'], weight = 2, useCaseId: string | null = 'u1'): Signal {
  return {
    code,
    weight,
    message: `${code} happened`,
    entity: { type, id: `${type}-1`, name: `${type} name`, href: '/api/v1/x' },
    useCaseId,
  };
}

describe('where a risk is fixed', () => {
  it('links each kind of entity to its page in the application, never to the API', () => {
    expect(fixHref(signal('use_case_without_owner', 'use_case'), P)).toBe('/use-cases/use_case-1');
    expect(fixHref(signal('kpi_overdue', 'kpi'), P)).toBe('/use-cases/u1#kpi-kpi-1');
    expect(fixHref(signal('stale_required_source', 'data_source'), P)).toBe('/use-cases/u1#uc-sources');
    expect(fixHref(signal('milestone_at_risk', 'milestone'), P)).toBe('/programs/p1#milestones');
    expect(fixHref(signal('escalation_breached', 'escalation'), P)).toBe('/inbox');
    expect(fixHref(signal('usage_below_expected', 'user_group', 2, null), P)).toBe('/programs/p1#adoption');
    expect(fixHref(signal('go_live_stalled', 'program', 4, null), P)).toBe('/programs/p1');
  });
});

describe('RiskReasons', () => {
  it('lists the reasons in order with what to do, folding away those beyond the limit', async () => {
    const signals = [
      signal('milestone_at_risk', 'milestone', 3),
      signal('kpi_overdue', 'kpi', 1),
      signal('escalation_breached', 'escalation', 2),
    ];
    const html = String(await (<RiskReasons t={t} signals={signals} programId={P} limit={2} />));
    expect(html).toContain('<a class="fix" href="/programs/p1#milestones">Review the milestone: milestone name</a>');
    expect(html).toContain('Record a measurement: kpi name');
    expect(html).toContain('<summary>Show 1 more reason</summary>');
    expect(html).toContain('<ol class="reasons" start="3">');
    expect(html).toContain('adds 3 to the risk score');
  });

  it('says so when nothing stalls the program', async () => {
    expect(String(await (<RiskReasons t={t} signals={[]} programId={P} />))).toContain('No early warning');
  });

  it('escapes messages and names', async () => {
    const s = {
      ...signal('use_case_without_owner', 'use_case'),
      message: HOSTILE,
      entity: { type: 'use_case' as const, id: 'x', name: HOSTILE, href: '' },
    };
    const html = String(await (<RiskReasons t={t} signals={[s]} programId={P} />));
    expect(html).not.toContain('<script>');
    expect(html.match(/&lt;script&gt;/g)).toHaveLength(2);
  });
});

describe('RiskBadge and CoverageNote', () => {
  it('says the level in words with the score', async () => {
    expect(String(await (<RiskBadge t={t} level="critical" score={24} />))).toBe(
      '<span class="badge risk critical">Critical risk<span class="score"> · score 24</span></span>',
    );
  });

  it('says what the scope leaves out, and nothing when complete', async () => {
    expect(String(await (<CoverageNote t={t} coverage={{ complete: true, leftOut: {} }} />))).toBe('');
    const html = String(await (<CoverageNote t={t} coverage={{ complete: false, leftOut: { useCases: 3, milestones: 1 } }} />));
    expect(html).toContain('3 use cases, 1 milestone lie outside it');
  });
});
