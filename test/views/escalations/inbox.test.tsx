import { describe, expect, it } from 'vitest';
import { translator } from '../../../server/web/i18n.ts';
import { EscalationDetail } from '../../../views/escalations/detail.tsx';
import { InboxList } from '../../../views/escalations/inbox.tsx';
import { InboxItem } from '../../../views/escalations/item.tsx';
import type { EscalationCard, EscalationViewContext } from '../../../views/escalations/model.tsx';

const HOSTILE = '<script>alert(1)</script>';
const now = new Date('2026-11-25T08:00:00Z');
const ctx: EscalationViewContext = { t: translator('en'), now, csrfToken: 'token-1' };

function card(over: Partial<EscalationCard> = {}): EscalationCard {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    title: `Buffer ${HOSTILE}`,
    description: `Why ${HOSTILE}`,
    severity: 'critical',
    status: 'open',
    origin: 'manual',
    breached: true,
    dueAt: new Date('2026-11-25T06:00:00Z'),
    slaHours: 24,
    createdAt: new Date('2026-11-24T06:00:00Z'),
    acknowledgedAt: null,
    resolvedAt: null,
    resolutionNote: null,
    escalationCount: 1,
    subject: { type: 'use_case', name: `Case ${HOSTILE}`, href: '/use-cases/abc' },
    program: { id: 'p', name: 'Twin' },
    zone: 'Europe/Prague',
    assignee: 'Martin Novák',
    raisedBy: `Petra ${HOSTILE}`,
    events: [
      { id: 1, at: new Date('2026-11-24T06:00:00Z'), kind: 'raised', actor: 'Petra', from: null, to: 'Jana', note: '' },
      { id: 2, at: new Date('2026-11-25T06:30:00Z'), kind: 'comment', actor: 'Jana', from: null, to: null, note: `Note ${HOSTILE}` },
    ],
    assignable: [{ id: '22222222-2222-4222-8222-222222222222', name: `Anna ${HOSTILE}`, roles: ['owner'] }],
    may: { handle: true, comment: true },
    ...over,
  };
}

const render = async (node: unknown) => String(await node);

describe('an inbox row', () => {
  it('says breached, severity and status in words, with the countdown the script keeps current', async () => {
    const html = await render(<InboxItem card={card()} ctx={ctx} />);
    expect(html).toContain(
      '<span class="badge breached">Breached</span><span class="badge severity-critical">Critical</span><span class="badge open">Open</span>',
    );
    expect(html).toContain('data-past="{age} overdue" class="overdue">2.0 h overdue</time>');
    expect(html).toContain('<time datetime="2026-11-25T06:00:00.000Z">2026-11-25 07:00</time>');
    const later = await render(<InboxItem card={card({ breached: false, dueAt: new Date('2026-11-25T08:30:00Z') })} ctx={ctx} />);
    expect(later).toContain('data-future="in {age}" data-past="{age} overdue">in 30 min</time>');
    expect(later).not.toContain('is-breached');
  });

  it('escapes every text people typed', async () => {
    const html = await render(<InboxItem card={card()} ctx={ctx} />);
    expect(html).not.toContain('<script>');
    expect(html.match(/&lt;script&gt;alert\(1\)&lt;\/script&gt;/g)?.length).toBeGreaterThanOrEqual(6);
  });

  it('offers the actions the person may take, each a plain form that htmx posts in place', async () => {
    const html = await render(<InboxItem card={card()} ctx={ctx} />);
    const id = card().id;
    for (const action of ['acknowledge', 'comment', 'reassign', 'resolve'])
      expect(html).toContain(
        `<form method="post" action="/escalations/${id}/${action}" hx-post="/escalations/${id}/${action}" hx-target="#esc-${id}" hx-swap="outerHTML"`,
      );
    expect(html).toContain('<input type="hidden" name="_csrf" value="token-1"/>');
    expect(html).not.toContain('/reopen');
    const acknowledged = await render(<InboxItem card={card({ status: 'acknowledged' })} ctx={ctx} />);
    expect(acknowledged).not.toContain('>Acknowledge</button>');
    const viewer = await render(<InboxItem card={card({ may: { handle: false, comment: true } })} ctx={ctx} />);
    expect(viewer).toContain('Comment…');
    expect(viewer).not.toContain('Resolve…');
    expect(viewer).not.toContain('Hand over…');
  });

  it('shows a refused form open, with its field error and what was typed', async () => {
    const form = { action: 'resolve' as const, errors: { note: 'a note is required', _form: 'Refused here' }, values: { note: 'typed' } };
    const html = await render(<InboxItem card={card()} ctx={ctx} form={form} />);
    expect(html).toContain('<p class="form-error" role="alert">Refused here</p>');
    expect(html).toMatch(/<details class="action" open=""><summary>Resolve…<\/summary>/);
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('>typed</textarea>');
  });

  it('keeps a half-typed form and an open history across a poll only while nothing changed', async () => {
    const polled = await render(<InboxItem card={card()} ctx={ctx} preserve />);
    expect(polled).toContain(`id="actions-inbox-${card().id}-open" hx-preserve="true"`);
    expect(polled).toContain(`<details class="history" id="history-${card().id}-2" hx-preserve="true">`);
    const acted = await render(<InboxItem card={card()} ctx={ctx} focus />);
    expect(acted).not.toContain('hx-preserve');
    expect(acted).toContain('tabindex="-1" autofocus=""');
  });
});

describe('the inbox list', () => {
  it('polls itself every minute and says how many wait and how many breached', async () => {
    const html = await render(
      <InboxList
        cards={[card(), card({ id: '33333333-3333-4333-8333-333333333333', breached: false })]}
        ctx={ctx}
        csvHref="/inbox?format=csv"
      />,
    );
    expect(html).toMatch(/^<section id="inbox-list" class="inbox" aria-labelledby="inbox-heading" hx-get="\/inbox" hx-trigger="every 60s"/);
    expect(html).toContain('Waiting for you: 2 <span class="badge breached">1 breached</span>');
    expect(html).toContain('<a href="/inbox?format=csv" download="">Download CSV</a>');
  });

  it('says so when nothing waits', async () => {
    const html = await render(<InboxList cards={[]} ctx={ctx} csvHref="/inbox?format=csv" />);
    expect(html).toContain('Nothing waits for you.');
    expect(html).not.toContain('<ol');
  });
});

describe('an escalation page', () => {
  it('shows the resolution and the whole history, and offers to reopen', async () => {
    const resolved = card({
      status: 'resolved',
      breached: false,
      resolvedAt: new Date('2026-11-25T07:00:00Z'),
      resolutionNote: `Fixed ${HOSTILE}`,
    });
    const html = await render(<EscalationDetail card={resolved} ctx={ctx} csvHref="/escalations/x?format=csv" />);
    expect(html).toMatch(/^<article id="escalation-11111111-1111-4111-8111-111111111111"/);
    expect(html).toContain('Resolved 2026-11-25 08:00');
    expect(html).toContain('Fixed &lt;script&gt;');
    expect(html).toContain('<summary>Reopen…</summary>');
    expect(html).not.toContain('Resolve…');
    expect(html).toContain('<strong>Comment</strong> by Jana<p class="note">Note &lt;script&gt;');
    expect(html).not.toContain('<script>');
  });
});
