import { describe, expect, it } from 'vitest';
import { chatSafe, emailOf, webhookBodyOf, type Outgoing } from '../../../server/notifications/messages.ts';

const item = (id: string, subject: string): Outgoing => ({
  id,
  kind: 'escalation_assigned',
  subject,
  body: `${subject}: the body`,
  link: `/escalations/${id}`,
  fields: { escalationId: id },
  occurredAt: new Date('2026-11-25T08:00:00Z'),
});
const context = { publicUrl: 'https://twin.plant.example', from: 'twinward <twin@plant.example>' };

describe('notification messages', () => {
  it('writes one email per notification with its link, a stable Message-ID and a subject on one line', () => {
    const mail = emailOf([item('a1', 'Evil\r\nBcc: everyone@plant.example')], 'x@plant.example', { ...context, digest: false });
    expect(mail.subject).toBe('[twinward] Evil Bcc: everyone@plant.example');
    expect(mail.messageId).toBe('<a1@plant.example>');
    expect(mail.text).toContain('Open: https://twin.plant.example/escalations/a1');
    expect(mail.text).toContain('https://twin.plant.example/me/notifications');
    expect(mail.headers).toMatchObject({ 'Auto-Submitted': 'auto-generated' });
  });

  it('gathers a digest into one message listing each notification with its link', () => {
    const mail = emailOf([item('a1', 'First'), item('a2', 'Second')], 'x@plant.example', { ...context, digest: true });
    expect(mail.subject).toBe('[twinward] Daily digest: 2 notification(s)');
    expect(mail.text).toMatch(/First[\s\S]*escalations\/a1[\s\S]*Second[\s\S]*escalations\/a2/);
    const hook = webhookBodyOf([item('a1', 'First'), item('a2', 'Second')], { publicUrl: context.publicUrl, digest: true });
    expect(hook.digest).toBe(true);
    expect(hook.events.map((e) => e.url)).toEqual([
      'https://twin.plant.example/escalations/a1',
      'https://twin.plant.example/escalations/a2',
    ]);
  });

  it('keeps chat text from formatting links or alerting a whole channel', () => {
    expect(chatSafe('<!channel> & @here <https://evil.example|click>')).toBe(
      '&lt;!channel&gt; &amp; @\u200bhere &lt;https://evil.example|click&gt;',
    );
    const hook = webhookBodyOf([item('a1', '@channel look')], { publicUrl: context.publicUrl, digest: false });
    expect(hook.text).toContain('@\u200bchannel look');
    // The facts keep what was typed.
    expect(hook.events[0].subject).toBe('@channel look');
  });
});
