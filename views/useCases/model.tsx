import type { FieldErrors } from '../../server/web/forms.ts';
import type { Translate } from '../../server/web/i18n.ts';
import type { DecisionsModel } from '../decisions/model.tsx';
import type { QuestionKind, RecentAnswer } from '../questions/model.tsx';

/** What the use-case views are given: texts, the page's instant, the CSRF token and the program's zone. */
export interface UseCaseViewContext {
  t: Translate;
  now: Date;
  csrfToken: string;
  /** The program's calendar zone: times on the page are shown in it. */
  zone: string;
  /** The role may set use cases and KPIs up (the forms check whose they are). */
  canSetUp?: boolean;
}

export type UseCaseStatus = 'proposed' | 'piloting' | 'operational' | 'retired';
export type Frequency = 'per_shift' | 'daily' | 'weekly' | 'monthly';
export type MissingCondition = 'owner' | 'kpi_with_baseline';
export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';

/** The use case itself: its question, owner, where it applies and whom it serves. */
export interface UseCaseFacts {
  id: string;
  title: string;
  question: string;
  status: UseCaseStatus;
  decisionFrequency: Frequency;
  owner: string | null;
  program: { id: string; name: string };
  /** Where it applies: a line or an area, with its site. */
  place: string;
  groups: { id: string; name: string; kind: string; expectedFrequency: Frequency; valuePath: string }[];
}

export interface LifecycleModel {
  useCaseId: string;
  status: UseCaseStatus;
  /** The steps the lifecycle allows from here. */
  allowed: UseCaseStatus[];
  /** What it still lacks to become operational (the domain's readiness rule). */
  missingForOperational: MissingCondition[];
  /** Whether the signed-in person may move it (policy 'use-case:write' and the row check). */
  mayTransition: boolean;
  steps: { id: number; from: UseCaseStatus | null; to: UseCaseStatus; at: Date; actor: string | null; note: string }[];
}

/** A refused step: the domain's message and the conditions it names as missing. */
export interface LifecycleRefusal {
  message: string;
  missing: MissingCondition[];
  values: Record<string, string>;
  errors?: FieldErrors;
}

export interface RiskModel {
  riskLevel: RiskLevel;
  score: number;
  signals: { code: string; message: string; href: string; name: string }[];
  /** Sources it relies on that lie outside the viewer's scope. */
  sourcesLeftOut: number;
}

export interface MeasurementRow {
  id: string;
  periodStart: string;
  periodEnd: string;
  value: number;
  source: string;
  recordedBy: string | null;
  recordedAt: Date;
  version: number;
}

export interface KpiModel {
  id: string;
  useCaseId: string;
  name: string;
  unit: string;
  direction: 'higher_is_better' | 'lower_is_better';
  owner: string | null;
  baseline: { value: number; periodStart: string | null; periodEnd: string | null; source: string | null } | null;
  target: { value: number; date: string };
  reviewCadence: string;
  progress: {
    current: { value: number; periodEnd: string } | null;
    gapClosed: number | null;
    plannedShare: number | null;
    behindPlan: boolean | null;
    trend: 'improving' | 'worsening' | 'flat' | 'insufficient_data';
    nextMeasurementDue: string;
    overdue: boolean;
    daysOverdue: number;
  };
  measurements: MeasurementRow[];
  /** Whether the signed-in person may record and correct its measurements. */
  mayMeasure: boolean;
  /** Where a new measurement's period would start: the day after the latest one ended. */
  nextPeriodStart: string | null;
}

/** A measurement form that came back refused: the new one (`measurementId` absent) or a correction. */
export interface MeasurementFormState {
  kpiId: string;
  measurementId?: string;
  errors: FieldErrors;
  values: Record<string, string>;
}

export interface SourceModel {
  trust: 'ok' | 'degraded';
  reasons: { dataSourceId: string; message: string }[];
  sources: {
    id: string;
    name: string;
    kind: string;
    required: boolean;
    status: 'fresh' | 'late' | 'stale' | 'never_received';
    reason: string;
    /** When the newest value was taken; null when nothing arrived yet. */
    newestAt: Date | null;
    owner: string | null;
    expectedRefreshSeconds: number;
  }[];
  leftOut: number;
}

export interface UseCasePageModel {
  facts: UseCaseFacts;
  lifecycle: LifecycleModel;
  /** Absent until asked for (see RiskSection). */
  risk?: RiskModel;
  kpis: KpiModel[];
  sources: SourceModel;
  decisions: DecisionsModel;
  question: QuestionModel;
}

/** The twin's question the use case is answered by, whether the person may ask or bind it, and its answers. */
export interface QuestionModel {
  useCaseId: string;
  bound: { question: QuestionKind; lineId: string; line: string; parameters: Record<string, unknown> } | null;
  /** A retired use case is neither answered nor bound any more. */
  retired: boolean;
  /** The role may run the twin (policy `compute:run`) and the person sees the bound line. */
  mayAnswer: boolean;
  /** The person may change the use case (policy `use-case:write` and the domain's row check). */
  mayBind: boolean;
  /** The lines it may be bound to that the person sees: its own, or its area's. */
  lines: { id: string; name: string }[];
  /** The newest answers kept for it. */
  answers: RecentAnswer[];
}

/** A refused binding or answer, shown again in the question's section. */
export interface QuestionRefusal {
  /** What was refused: the binding's form, or asking the question. */
  kind: 'bind' | 'answer';
  errors: FieldErrors;
  values: Record<string, string>;
}
