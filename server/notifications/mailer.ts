import { createTransport } from 'nodemailer';

/** One email to send. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Stable per notification, so that a retried message reads as the same one (RFC 5322 Message-ID). */
  messageId: string;
  headers?: Record<string, string>;
}

/** What the delivery job sends email through: SMTP in production, a fake in tests that need none. */
export interface Mailer {
  /** The sender address (MAIL_FROM). */
  from: string;
  /** Resolves once the server accepted the message; rejects with its reason otherwise. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * A mailer over SMTP (`smtp://user:pass@host:587` upgrades with STARTTLS when the server offers
 * it, `smtps://host:465` is TLS from the start). Timeouts are short: a mail server that does not
 * answer fails the attempt, which is retried later, instead of holding the sweep for minutes.
 */
export function smtpMailer(settings: { url: string; from: string }): Mailer {
  const transport = createTransport({ url: settings.url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return {
    from: settings.from,
    async send(message) {
      await transport.sendMail({ from: settings.from, ...message });
    },
    close: () => transport.close(),
  };
}
