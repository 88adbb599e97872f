import { describe, expect, it } from 'vitest';
import { translator } from '../../../server/web/i18n.ts';
import { actionWords, changesOf, fieldWords, valueText } from '../../../views/audit/changes.ts';
import { AuditTrail, type AuditEntryView } from '../../../views/audit/trail.tsx';

const t = translator('en');
const now = new Date('2026-11-25T12:00:00Z');

describe('changesOf', () => {
  it('lists only the fields a change changed, nested ones by their dotted name, bookkeeping left out', () => {
    const before = { id: 'k1', name: 'OEE', target: 0.8, version: 2, updatedAt: 'x', scope: { kind: 'sites', siteIds: ['a'] } };
    const after = { id: 'k1', name: 'OEE', target: 0.85, version: 3, updatedAt: 'y', scope: { kind: 'sites', siteIds: ['a', 'b'] } };
    expect(changesOf(before, after)).toEqual([
      { field: 'target', before: '0.8', after: '0.85' },
      { field: 'scope.siteIds', before: 'a', after: 'a, b' },
    ]);
  });

  it('says what a creation set and what a deletion removed', () => {
    expect(changesOf(null, { id: 'x', name: 'Line 1', note: '', archivedAt: null, active: true })).toEqual([
      { field: 'name', after: 'Line 1' },
      { field: 'active', after: 'yes' },
    ]);
    expect(changesOf({ name: 'Line 1' }, null)).toEqual([{ field: 'name', before: 'Line 1' }]);
    expect(changesOf(null, null)).toEqual([]);
  });

  it('writes values and names as short words', () => {
    expect(valueText(null)).toBe('–');
    expect(valueText([])).toBe('–');
    expect(valueText({ a: [1, { b: 2 }] })).toBe('{"a":[1,{"b":2}]}');
    expect(valueText('x'.repeat(400))).toHaveLength(300);
    expect(fieldWords('scope.enterpriseId')).toBe('scope › enterprise id');
    expect(actionWords('transition:proposed->piloting')).toBe('transition proposed → piloting');
  });
});

describe('AuditTrail', () => {
  const entries: AuditEntryView[] = [
    {
      id: '1',
      at: new Date('2026-11-25T09:00:00Z'),
      actor: 'Jana Svobodová',
      actorRole: 'owner',
      action: 'create',
      changes: [{ field: 'name', after: 'Scrap rate' }],
    },
    {
      id: '2',
      at: new Date('2026-11-25T11:00:00Z'),
      actor: null,
      actorRole: null,
      action: 'update',
      changes: [{ field: 'note', before: '<script>alert(1)</script>', after: '<img src=x onerror=alert(1)>' }],
    },
  ];

  it('shows the newest entry first: when (in the zone and in words), who, what, and the fields before → after', async () => {
    const html = String(await (<AuditTrail t={t} now={now} zone="Europe/Prague" entries={entries} csvHref="/audit/kpi/k?format=csv" />));
    expect(html.indexOf('audit-entry-2')).toBeLessThan(html.indexOf('audit-entry-1'));
    expect(html).toContain('2026-11-25 12:00 <span class="muted small">Europe/Prague</span>');
    expect(html).toContain('datetime="2026-11-25T11:00:00.000Z"');
    expect(html).toContain('>60 min ago</time>');
    expect(html).toContain('twinward itself');
    expect(html).toContain('Jana Svobodová<span class="muted small"> (owner)</span>');
    expect(html).toContain('<span class="badge info">created</span>');
    expect(html).toContain('<span class="visually-hidden">from </span>');
    expect(html).toContain('href="/audit/kpi/k?format=csv"');
  });

  it('escapes what people typed', async () => {
    const html = String(await (<AuditTrail t={t} now={now} zone="UTC" entries={entries} csvHref="/x" />));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('says so when nothing is recorded', async () => {
    const html = String(await (<AuditTrail t={t} now={now} zone="UTC" entries={[]} csvHref="/x" />));
    expect(html).toContain('class="empty"');
    expect(html).not.toContain('<table');
  });
});
