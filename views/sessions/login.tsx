import { Layout } from '../layout.tsx';
import type { Translate } from '../../server/web/i18n.ts';
import { Alert } from '../components/alert.tsx';

export interface DemoPerson {
  name: string;
  email: string;
  roles: readonly string[];
}

export interface LoginProps {
  lang: string;
  t: Translate;
  next: string;
  email?: string;
  /** Why the last attempt was refused, in words. */
  refusal?: string;
  signedOut?: boolean;
  singleSignOn?: boolean;
  demo?: { password: string; people: DemoPerson[] };
}

const roleOrder = ['sponsor', 'owner', 'planner', 'viewer', 'admin'];

/** The sign-in page: email and password, single sign-on when configured, and in demo mode the demo people by role. */
export function LoginPage({ lang, t, next, email, refusal, signedOut, singleSignOn, demo }: LoginProps) {
  return (
    <Layout title={t('login.title')} lang={lang} t={t} path={next ? `/login?next=${encodeURIComponent(next)}` : '/login'}>
      {signedOut && <Alert kind="notice" title={t('login.signedOut')} />}
      {refusal && <Alert kind="error" title={refusal} />}
      <section class="card">
        <form class="stack" method="post" action="/login">
          <input type="hidden" name="next" value={next} />
          <div class="field">
            <label for="login-email">{t('login.email')}</label>
            <input id="login-email" name="email" type="email" autocomplete="username" required maxlength={320} value={email} />
          </div>
          <div class="field">
            <label for="login-password">{t('login.password')}</label>
            <input id="login-password" name="password" type="password" autocomplete="current-password" required maxlength={1024} />
          </div>
          <div class="field">
            <label for="login-role">{t('login.role')}</label>
            <select id="login-role" name="role">
              <option value="">{t('login.roleAny')}</option>
              {roleOrder.map((role) => (
                <option value={role}>{t(`role.${role}` as never)}</option>
              ))}
            </select>
          </div>
          <div class="actions">
            <button type="submit">{t('login.submit')}</button>
            {singleSignOn && (
              <a class="button secondary" href={`/api/v1/sessions/oidc/start?returnTo=${encodeURIComponent(next)}`}>
                {t('login.sso')}
              </a>
            )}
          </div>
        </form>
      </section>
      {demo && (
        <section class="card" aria-labelledby="demo-people">
          <h2 id="demo-people">{t('login.demoTitle')}</h2>
          <p class="muted">{t('login.demoHint', { password: demo.password })}</p>
          <div class="grid">
            {roleOrder.map((role) => {
              const holders = demo.people.filter((p) => p.roles.includes(role));
              if (!holders.length) return null;
              return (
                <div>
                  <h3>{t(`role.${role}` as never)}</h3>
                  <ul class="demo-people">
                    {holders.map((p) => (
                      <li>
                        <form method="post" action="/login">
                          <input type="hidden" name="email" value={p.email} />
                          <input type="hidden" name="password" value={demo.password} />
                          <input type="hidden" name="role" value={role} />
                          <input type="hidden" name="next" value={next} />
                          <button type="submit" class="secondary">
                            {t('login.demoUse', { name: p.name, role: t(`role.${role}` as never) })}
                          </button>
                        </form>
                      </li>
                    ))}
                  </ul>
                </div>
              );
            })}
          </div>
        </section>
      )}
    </Layout>
  );
}
