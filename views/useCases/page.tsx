import { SetupLinks } from '../components/setupLinks.tsx';
import { AuditTab } from '../audit/auditTab.tsx';
import { Alert } from '../components/alert.tsx';
import { DecisionsSection } from '../decisions/list.tsx';
import { FactsSection } from './facts.tsx';
import { KpiSection } from './kpis.tsx';
import { LifecycleSection } from './lifecycle.tsx';
import { RiskSection } from './risk.tsx';
import { SourcesSection } from './sources.tsx';
import { QuestionSection } from './question.tsx';
import type { LifecycleRefusal, MeasurementFormState, QuestionRefusal, UseCasePageModel, UseCaseViewContext } from './model.tsx';

export interface UseCasePageProps {
  model: UseCasePageModel;
  ctx: UseCaseViewContext;
  /** A notice after a plain form's redirect. */
  notice?: string;
  /** A refused step or measurement, shown again in its section (a plain form's answer). */
  refusal?: LifecycleRefusal;
  form?: MeasurementFormState;
  /** A refused binding or answer of its question. */
  question?: QuestionRefusal;
}

/**
 * A use case on one page: the question and whom it serves, its lifecycle beside its stall risk,
 * its KPIs with their measurements, the twin's question it is answered by with its answers, its
 * decisions, and the data sources its answers rest on.
 */
export function UseCasePage({ model, ctx, notice, refusal, form, question }: UseCasePageProps) {
  return (
    <>
      {notice && <Alert kind="notice" title={notice} />}
      {form?.errors._form && <Alert kind="error" title={ctx.t('owner.refused')} message={form.errors._form} />}
      {ctx.canSetUp && (
        <SetupLinks
          label={ctx.t('owner.setUp')}
          links={[
            { href: `/use-cases/${model.facts.id}/edit`, text: ctx.t('owner.setUp.edit') },
            { href: `/use-cases/${model.facts.id}/kpis/new`, text: ctx.t('owner.setUp.newKpi') },
          ]}
        />
      )}
      <FactsSection facts={model.facts} ctx={ctx} />
      <div class="grid">
        <LifecycleSection model={model.lifecycle} ctx={ctx} refusal={refusal} />
        <RiskSection useCaseId={model.facts.id} risk={model.risk} ctx={ctx} />
      </div>
      <KpiSection kpis={model.kpis} ctx={ctx} form={form} />
      <QuestionSection model={model.question} ctx={ctx} refusal={question} />
      <DecisionsSection model={model.decisions} ctx={ctx} />
      <SourcesSection sources={model.sources} ctx={ctx} useCaseId={model.facts.id} />
      <AuditTab entityType="use_case" entityId={model.facts.id} t={ctx.t} zone={ctx.zone} />
    </>
  );
}
