import { z } from 'zod';

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
});

export type Env = z.infer<typeof envSchema>;

/** Reads and validates the process environment; exits with the reasons when it is invalid. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`invalid environment:\n${reasons}`);
  }
  return parsed.data;
}
