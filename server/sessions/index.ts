/** Sign-in for people: passwords (argon2id) or single sign-on (OpenID Connect), sessions in the database, failure limits, reset links. */
export { changeOwnPassword, issuePasswordReset, setPasswordDirectly, usePasswordReset } from './passwordResets.ts';
export { hashPassword } from './passwords.ts';
export { liveSession, listSessions, revokeSession, signIn, sessionView } from './sessions.ts';
export { defaultSessionSettings, SESSION_COOKIE, type SessionSettings } from './settings.ts';
export { sessionRoutes } from './routes.ts';
export { createSingleSignOn, isLoopback, OIDC_CALLBACK_PATH, type SingleSignOn } from './singleSignOn.ts';
export { singleSignOnRoutes } from './singleSignOnRoutes.ts';
