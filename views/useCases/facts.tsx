import { EmptyState } from '../components/emptyState.tsx';
import type { UseCaseFacts, UseCaseViewContext } from './model.tsx';

/** The question the use case answers, who answers for it, where it applies and whom it serves. */
export function FactsSection({ facts, ctx }: { facts: UseCaseFacts; ctx: UseCaseViewContext }) {
  const { t } = ctx;
  return (
    <section class="card uc-facts" aria-labelledby="uc-facts-heading">
      <h2 id="uc-facts-heading">{t('owner.uc.question')}</h2>
      <p class="question">{facts.question}</p>
      <dl class="facts">
        <dt>{t('owner.uc.owner')}</dt>
        <dd>{facts.owner ?? <span class="badge bad">{t('owner.uc.noOwner')}</span>}</dd>
        <dt>{t('owner.uc.program')}</dt>
        <dd>
          <a href={`/programs/${facts.program.id}`}>{facts.program.name}</a>
        </dd>
        <dt>{t('owner.uc.place')}</dt>
        <dd>{facts.place}</dd>
        <dt>{t('owner.uc.decisions')}</dt>
        <dd>{t(`owner.frequency.${facts.decisionFrequency}`)}</dd>
      </dl>
      <h3 id="groups">{t('owner.uc.groups')}</h3>
      {facts.groups.length === 0 ? (
        <EmptyState message={t('owner.uc.noGroups')} />
      ) : (
        <ul class="groups">
          {facts.groups.map((g) => (
            <li>
              <strong>{g.name}</strong> · {t('owner.uc.expectedUse', { frequency: t(`owner.frequency.${g.expectedFrequency}`) })}
              <br />
              <span class="small muted">{g.valuePath}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
