import { describe, expect, it } from 'vitest';
import { AuditTab, auditHref } from '../../../views/audit/auditTab.tsx';

describe('AuditTab', () => {
  it('folds the history away and loads it once when opened, with a link for a browser without script', async () => {
    const html = String(await (<AuditTab entityType="kpi" entityId="5b3c0f9e-1111-4222-8333-444455556666" zone="Europe/Prague" />));
    expect(html).toContain('<details id="audit-kpi-5b3c0f9e-1111-4222-8333-444455556666"');
    expect(html).toContain('hx-get="/audit/kpi/5b3c0f9e-1111-4222-8333-444455556666?zone=Europe%2FPrague"');
    expect(html).toContain('hx-trigger="toggle once"');
    expect(html).toContain('hx-target="#audit-kpi-5b3c0f9e-1111-4222-8333-444455556666-body"');
    expect(html).toContain('<a href="/audit/kpi/5b3c0f9e-1111-4222-8333-444455556666?zone=Europe%2FPrague">Open it as a page</a>');
    expect(html).toMatch(/<section class="card audit-tab" aria-labelledby="(audit-kpi-[\w-]+-heading)"><h2 id="\1">History<\/h2>/);
    expect(html).not.toContain(' open');
  });

  it('keeps a hostile id out of the markup and the selector', async () => {
    const hostile = '"><script>alert(1)</script>';
    const html = String(await (<AuditTab entityType="line" entityId={hostile} />));
    expect(html).not.toContain('<script>');
    expect(html).toContain(`hx-get="${auditHref('line', hostile)}"`);
    expect(auditHref('line', hostile)).toBe('/audit/line/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(html).toContain('hx-target="#audit-line-___script_alert_1___script_-body"');
  });
});
