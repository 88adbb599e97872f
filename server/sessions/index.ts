/** Sign-in for people: passwords (argon2id), sessions in the database, failure limits, reset links. */
export { changeOwnPassword, issuePasswordReset, setPasswordDirectly, usePasswordReset } from './passwordResets.ts';
export { hashPassword } from './passwords.ts';
export { liveSession, listSessions, revokeSession, signIn, sessionView } from './sessions.ts';
export { defaultSessionSettings, SESSION_COOKIE, type SessionSettings } from './settings.ts';
export { sessionRoutes } from './routes.ts';
