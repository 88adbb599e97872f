/** How sign-in behaves: timeouts, failure limits, trusted proxies. Read from the environment at start. */
export interface SessionSettings {
  idleMs: number;
  absoluteMs: number;
  /** Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed. */
  trustedProxies: readonly string[];
}

export const defaultSessionSettings: SessionSettings = {
  idleMs: 480 * 60_000,
  absoluteMs: 168 * 3_600_000,
  trustedProxies: [],
};

/**
 * Failed sign-ins allowed in a window before the next attempt is refused (429): few for one
 * account from one address, so a password cannot be guessed; more for an account from anywhere,
 * so that a stranger cannot lock its owner out with five wrong guesses, yet a spread-out attack
 * still stops; and per address, where a whole shift may share one terminal.
 */
export const signInLimits = {
  windowMs: 15 * 60_000,
  perAccountAndAddress: 5,
  perAccount: 30,
  perAddress: 20,
};

/** A password reset link works once, within this time. */
export const RESET_LINK_HOURS = 24;

/** The cookie that carries a session. */
export const SESSION_COOKIE = 'tw_session';
