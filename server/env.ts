import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { z } from 'zod';
import type { MqttSettings } from './mqtt/unsSubscriber.ts';
import { isLoopback, OIDC_CALLBACK_PATH, type SingleSignOnSettings } from './sessions/singleSignOn.ts';

/** A host name (labels of letters, digits, `-` and `_`) or an IP address, as a URL names its host. */
function isHostOrIp(value: string): boolean {
  if (isIP(value.replace(/^\[(.*)\]$/, '$1'))) return true;
  const labels = value.replace(/\.$/, '').split('.');
  return value.length <= 253 && labels.every((label) => /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/.test(label));
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** PostgreSQL connection URL; without it the embedded PGlite database is used. */
  DATABASE_URL: z.string().url().optional(),
  /** Folder of the embedded database. */
  DATA_DIR: z.string().default('./.data'),
  /** `demo` seeds the demo plant into an empty database; `none` leaves it empty. */
  SEED: z.enum(['demo', 'none']).default('demo'),
  /** Seconds between freshness and escalation sweeps. */
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** A session ends after this many minutes without a request (one shift by default). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(10_080).default(480),
  /** …and this many hours after sign-in, whatever the activity. */
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(2_160).default(168),
  /**
   * Addresses of the reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed
   * (comma-separated); without it the client address is the socket's.
   */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** Days of machine events kept (and accepted); older days are dropped whole. 90, or 7 while the demo feed runs. */
  EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3_660).optional(),
  /** The demo plant's live feed (`off` to keep the demo still). */
  DEMO_FEED: z.enum(['on', 'off']).default('on'),
  /** How many times real time the demo feed backfills its history, and how many hours back it starts. */
  DEMO_FEED_SPEEDUP: z.coerce.number().min(1).max(100_000).default(1440),
  DEMO_FEED_BACKFILL_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 30)
    .default(24),
  /** MQTT broker (`mqtt://host:1883`, `mqtts://…`): with it, twinward follows the Unified Namespace there. */
  MQTT_URL: z
    .string()
    .url()
    .refine((v) => /^(mqtts?|wss?):\/\//.test(v), 'must be an mqtt://, mqtts://, ws:// or wss:// URL')
    .optional(),
  MQTT_USERNAME: z.string().min(1).max(200).optional(),
  MQTT_PASSWORD: z.string().min(1).max(500).optional(),
  /** Topics below this prefix (e.g. `acme/`); the UNS levels follow it. */
  MQTT_TOPIC_PREFIX: z
    .string()
    .max(200)
    .default('')
    .refine((v) => v === '' || (v.endsWith('/') && !/[+#]/.test(v)), 'must be empty or end in / and hold no + or #'),
  /** The client id is this prefix and the instance id: stable, so the broker keeps the session across restarts. */
  MQTT_CLIENT_PREFIX: z
    .string()
    .max(100)
    .regex(/^[A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-"')
    .default('twinward-'),
  /** This instance's stable name (the host name by default). */
  INSTANCE_ID: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" or "-"')
    .optional(),
  /** Sparkplug B groups to follow on the broker (comma-separated), `all` (the default) or `off`. */
  SPARKPLUG_GROUPS: z
    .string()
    .default('all')
    .refine((v) => v.split(',').every((g) => /^[^/+#\s]+$/.test(g.trim())), 'group ids without / + # or spaces, comma-separated'),
  /** 5 (MQTT 5) or 4 (MQTT 3.1.1, for brokers without 5). */
  MQTT_PROTOCOL_VERSION: z.coerce
    .number()
    .int()
    .refine((v) => v === 4 || v === 5, 'must be 4 (MQTT 3.1.1) or 5')
    .default(5),
  /** How long the broker keeps twinward's session and its messages while twinward is away. */
  MQTT_SESSION_EXPIRY_SECONDS: z.coerce.number().int().min(60).max(2_592_000).default(86_400),
  /** Single sign-on (OpenID Connect): the provider's issuer URL; with it, the three below are needed. */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
  /** The address browsers use to reach twinward; the provider sends them back to PUBLIC_URL/api/v1/sessions/oidc/callback. */
  PUBLIC_URL: z.string().url().optional(),
  /** The mail server notifications are sent through (`smtp://user:pass@host:587`, `smtps://…:465`); without it, email stays in the outbox, marked undeliverable. */
  SMTP_URL: z
    .string()
    .url()
    .refine((v) => /^smtps?:\/\/[^/?#]+\/?(\?[^#]*)?$/.test(v), 'must be smtp://[user:pass@]host[:port] or smtps://…, without a path')
    .optional(),
  /** The sender of notification emails (`twinward <twin@plant.example>`); needed with SMTP_URL. */
  MAIL_FROM: z
    .string()
    .max(320)
    .refine((v) => /^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(v.trim()), 'an address, or a name and <address>')
    .optional(),
  /**
   * Webhook hosts notifications may be posted to although they are on a loopback, private,
   * link-local or other internal address (comma-separated host names or IP addresses, as written
   * in the webhook URL, without port); every other webhook goes to public addresses only.
   */
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    )
    .refine((hosts) => hosts.every(isHostOrIp), 'host names or IP addresses, comma-separated, without scheme, port or path'),
  /** The text of the single sign-on button. */
  OIDC_LABEL: z.string().min(1).max(80).default('Single sign-on'),
  OIDC_SCOPES: z
    .string()
    .default('openid email profile')
    .refine((v) => v.split(/\s+/).includes('openid'), 'must include openid')
    .refine((v) => v.split(/\s+/).includes('email'), 'must include email: people are matched by it'),
});

const SINGLE_SIGN_ON = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'PUBLIC_URL'] as const;

/**
 * Single sign-on is all or nothing, and only over HTTPS except on this machine. PUBLIC_URL alone
 * (for the links in notifications) does not ask for it. Email needs both SMTP_URL and MAIL_FROM.
 */
const checkedSchema = envSchema.superRefine((env, ctx) => {
  if (env.PUBLIC_URL) {
    const url = new URL(env.PUBLIC_URL);
    if (url.search || url.hash) ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'must have no query or fragment' });
  }
  if (env.SMTP_URL && !env.MAIL_FROM) ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'needed with SMTP_URL' });
  if (env.MAIL_FROM && !env.SMTP_URL) ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'needed with MAIL_FROM' });
  const given = SINGLE_SIGN_ON.filter((name) => name !== 'PUBLIC_URL' && env[name] !== undefined);
  if (given.length === 0) return;
  for (const name of SINGLE_SIGN_ON) {
    if (env[name] === undefined)
      ctx.addIssue({ code: 'custom', path: [name], message: `needed for single sign-on (${given.join(', ')} set)` });
  }
  for (const name of ['OIDC_ISSUER', 'PUBLIC_URL'] as const) {
    const value = env[name];
    if (!value) continue;
    const url = new URL(value);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url))) {
      ctx.addIssue({ code: 'custom', path: [name], message: 'must be https (plain http only for localhost)' });
    }
  }
});

export type Env = z.infer<typeof envSchema>;

/** Reads and validates the process environment; exits with the reasons when it is invalid. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = checkedSchema.safeParse(source);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`invalid environment:\n${reasons}`);
  }
  return parsed.data;
}

/** The identity provider's settings, when single sign-on is configured. */
export function singleSignOnSettings(env: Env): SingleSignOnSettings | undefined {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET || !env.PUBLIC_URL) return undefined;
  const base = env.PUBLIC_URL.replace(/\/+$/, '');
  return {
    issuer: new URL(env.OIDC_ISSUER),
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    redirectUri: new URL(base + OIDC_CALLBACK_PATH),
    label: env.OIDC_LABEL,
    scopes: env.OIDC_SCOPES.trim().split(/\s+/).join(' '),
  };
}

/** The MQTT subscriber's settings, when a broker is configured. */
export function mqttSettings(env: Env): MqttSettings | undefined {
  if (!env.MQTT_URL) return undefined;
  const instance = (env.INSTANCE_ID ?? hostname()).replace(/[^A-Za-z0-9._-]/g, '-');
  return {
    url: env.MQTT_URL,
    clientId: `${env.MQTT_CLIENT_PREFIX}${instance}`.slice(0, 200),
    topicPrefix: env.MQTT_TOPIC_PREFIX,
    sessionExpirySeconds: env.MQTT_SESSION_EXPIRY_SECONDS,
    protocolVersion: env.MQTT_PROTOCOL_VERSION as 4 | 5,
    sparkplugGroups:
      env.SPARKPLUG_GROUPS === 'off' ? false : env.SPARKPLUG_GROUPS === 'all' ? null : env.SPARKPLUG_GROUPS.split(',').map((g) => g.trim()),
    username: env.MQTT_USERNAME,
    password: env.MQTT_PASSWORD,
  };
}

/**
 * Where notifications go out: the mail server (when configured), the base of their links, and
 * the webhook hosts allowed on internal addresses.
 */
export function notificationSettings(env: Env): {
  smtp?: { url: string; from: string };
  publicUrl: string;
  webhookAllowedHosts: string[];
} {
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  return {
    smtp: env.SMTP_URL && env.MAIL_FROM ? { url: env.SMTP_URL, from: env.MAIL_FROM.trim() } : undefined,
    publicUrl,
    webhookAllowedHosts: env.WEBHOOK_ALLOWED_HOSTS,
  };
}
