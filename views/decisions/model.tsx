/** What the decision views work with: the "Record this decision" form's options and state, and a use case's decisions with their track record. */
import type { DecisionView } from '../../server/decisions/index.ts';
import type { TrackRecordWithAdvice } from './trackRecord.tsx';
import type { FieldErrors } from '../../server/web/forms.ts';
import type { Translate } from '../../server/web/i18n.ts';

export type { DecisionView };

/** One option of a choice (a placement, a mix, a compared variant), with what the run says of it. */
export interface ChoiceOption {
  value: string;
  label: string;
  note?: string;
  recommended: boolean;
}

/** The choice a run's answer offers: a placement or a scenario to pick, or a sentence to put in words. */
export type ChoiceOptions =
  | { kind: 'maintenance_placement'; options: ChoiceOption[] }
  | { kind: 'mix'; options: ChoiceOption[] }
  | { kind: 'variant'; options: ChoiceOption[] }
  | { kind: 'free_text'; text: string };

/** A KPI of the chosen use case: fed by a live metric the run predicts (its value taken from the run), or typed by hand. */
export interface KpiToPredict {
  id: string;
  name: string;
  unit: string;
  /** The live metric feeding it, if any. */
  metric: string | null;
  /** What the run predicts of it for the option chosen by default, in the KPI's unit; null: typed by hand. */
  predicted: { value: number; low: number; high: number; scenario: string } | null;
}

/** A use case the caller may record a decision for, with the KPIs it predicts. */
export interface UseCaseOption {
  id: string;
  title: string;
}

/** Everything the form offers. */
export interface DecisionFormModel {
  /** Where the form posts (and the use-case select asks the form again). */
  action: string;
  runId: string;
  useCases: UseCaseOption[];
  /** The use case whose KPIs are shown. */
  useCaseId: string | null;
  kpis: KpiToPredict[];
  choice: ChoiceOptions;
  /** `effectiveFrom`'s default, as a datetime-local value in the site's zone. */
  now: string;
  zone: string;
}

export interface DecisionFormState {
  errors?: FieldErrors;
  /** The fields as sent. */
  values?: Record<string, string>;
  /** A note above the form (the use case changed: pick its KPIs). */
  notice?: string;
}

export interface DecisionViewContext {
  t: Translate;
  csrfToken: string;
  zone: string;
}

/** A use case's decisions, with its track record. */
export interface DecisionsModel {
  useCaseId: string;
  decisions: DecisionView[];
  record: TrackRecordWithAdvice;
}

/** The id of the section a decision form lives in (the answer page reserves it). */
export const RECORD_DECISION_ID = 'record-decision';
/** The id of the use case page's decisions section. */
export const DECISIONS_ID = 'decisions';

/** The use case page's decisions section. */
export function decisionsUrl(useCaseId: string): string {
  return `/use-cases/${useCaseId}#${DECISIONS_ID}`;
}
