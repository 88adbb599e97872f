/**
 * The "Record this decision" form read into the domain's input (the API's body, checked by the
 * same schema), and the domain's refusals mapped back onto the form's fields: a prediction's
 * `body.predictions.{k}.value` is the value field of the k-th KPI ticked, the choice's fields are
 * the option picked (or the text), and so on.
 */
import { wallTimeIn } from '../core/calendar.ts';
import type { FieldErrors } from '../web/forms.ts';
import type { DecisionFormModel } from '../../views/decisions/model.tsx';
import type { RunRow } from './basis.ts';
import type { DecisionChoice } from './choice.ts';
import type { DecisionInput } from './decisions.ts';
import type { PredictionInput } from './predictions.ts';
import { decisionInput } from './schemas.ts';

type Values = Record<string, string>;
export type DecisionRead = { ok: true; input: DecisionInput; fields: Map<string, string> } | { ok: false; errors: FieldErrors };

const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;

/** A datetime-local value (`2026-11-26T06:00`) as the instant it is in the zone; null when it is none. */
export function instantOf(text: string, zone: string): Date | null {
  const m = LOCAL.exec(text.trim());
  if (!m || Number(m[2]) > 23 || Number(m[3]) > 59 || Number.isNaN(Date.parse(m[1]))) return null;
  return wallTimeIn(m[1], Number(m[2]) * 60 + Number(m[3]), zone);
}

/** A decimal as typed (a comma too); undefined when blank, NaN when not a number. */
function decimal(text: string | undefined): number | undefined {
  const s = (text ?? '').replace(/\s/g, '').replace(',', '.');
  return s === '' ? undefined : Number(s);
}

/**
 * A comparison's variant put into effect: a buffer change when its buffers differ from the
 * baseline's (each buffer after its station; the text then goes with the note), else the
 * decision in words (the text, or the variant's name), whose predictions then name the variant.
 */
export function variantChoice(run: RunRow, scenario: string, text: string): { choice: DecisionChoice; scenario: string | null } {
  type Model = { machines?: { name: string }[]; buffers?: number[] };
  const input = run.input as { baseline?: { name: string; model: Model }; variants?: { name: string; model: Model }[] } | null;
  const base = input?.baseline?.model;
  const variant = input?.variants?.find((v) => v.name === scenario)?.model;
  const buffers = (variant?.buffers ?? [])
    .map((capacity, i) => ({ afterStation: variant?.machines?.[i]?.name ?? '', capacity, before: base?.buffers?.[i] }))
    .filter((b) => b.afterStation && b.capacity !== b.before)
    .map(({ afterStation, capacity }) => ({ afterStation, capacity }));
  if (variant && buffers.length) return { choice: { kind: 'buffer_change', runId: run.id, scenario, buffers }, scenario: null };
  return { choice: { kind: 'free_text', text: text || `Put “${scenario}” into effect (${run.title})` }, scenario };
}

function choiceOf(values: Values, model: DecisionFormModel, run: RunRow, errors: FieldErrors) {
  const option = (values.option ?? '').trim();
  const text = (values.text ?? '').trim();
  const c = model.choice;
  if (c.kind === 'free_text') {
    if (!text) errors.text = 'say what was decided';
    return { choice: { kind: 'free_text' as const, text }, scenario: null };
  }
  if (!c.options.some((o) => o.value === option)) {
    errors.option = 'choose one';
    return null;
  }
  if (c.kind === 'maintenance_placement') {
    const [workOrderExternalId, start] = option.split('|');
    return { choice: { kind: 'maintenance_placement' as const, runId: run.id, workOrderExternalId, start }, scenario: null };
  }
  if (c.kind === 'mix') return { choice: { kind: 'mix' as const, runId: run.id, scenario: option }, scenario: null };
  return variantChoice(run, option, text);
}

/**
 * The form's fields as the domain's input: the use case, the choice, the run it is based on, a
 * prediction per KPI ticked (taken from the run where it predicts the KPI, else value, low and
 * high as typed), when it takes effect (the site's wall clock) and the note.
 */
export function readDecisionForm(values: Values, model: DecisionFormModel, run: RunRow): DecisionRead {
  const errors: FieldErrors = {};
  const chosen = choiceOf(values, model, run, errors);
  const fields = new Map<string, string>([
    ['useCaseId', 'useCaseId'],
    ['effectiveFrom', 'effectiveFrom'],
    ['note', 'note'],
    ['predictions', 'predictions'],
    ['choice.text', 'text'],
  ]);
  for (const f of ['choice', 'choice.runId', 'choice.start', 'choice.scenario', 'choice.workOrderExternalId', 'choice.buffers'])
    fields.set(f, model.choice.kind === 'free_text' ? 'text' : 'option');
  const predictions: PredictionInput[] = [];
  for (const kpi of model.kpis) {
    if (values[`predict.${kpi.id}`] !== '1') continue;
    const k = predictions.length;
    for (const f of ['', '.kpiId', '.scenario']) fields.set(`predictions.${k}${f}`, `predict.${kpi.id}`);
    const p: PredictionInput = { kpiId: kpi.id, ...(chosen?.scenario ? { scenario: chosen.scenario } : {}) };
    if (!kpi.predicted) {
      for (const key of ['value', 'low', 'high'] as const) {
        fields.set(`predictions.${k}.${key}`, `${key}.${kpi.id}`);
        const v = decimal(values[`${key}.${kpi.id}`]);
        if (v === undefined) errors[`${key}.${kpi.id}`] = 'enter a number';
        else if (!Number.isFinite(v)) errors[`${key}.${kpi.id}`] = 'must be a number such as 64.5';
        else p[key] = v;
      }
    } else for (const key of ['value', 'low', 'high']) fields.set(`predictions.${k}.${key}`, `predict.${kpi.id}`);
    predictions.push(p);
  }
  if (!predictions.length) errors.predictions = 'tick at least one KPI the decision is to move';
  const at = instantOf(values.effectiveFrom ?? '', model.zone);
  if (!at) errors.effectiveFrom = 'a date and time such as 2026-11-26T06:00';
  if (Object.keys(errors).length || !chosen || !at) return { ok: false, errors };
  const parsed = decisionInput.safeParse({
    useCaseId: values.useCaseId,
    choice: chosen.choice,
    basedOn: [run.id],
    predictions,
    effectiveFrom: at.toISOString(),
    note:
      [chosen.choice.kind === 'buffer_change' ? (values.text ?? '').trim() : '', (values.note ?? '').trim()].filter(Boolean).join('\n') ||
      undefined,
  });
  if (!parsed.success) {
    const refused: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      refused[fields.get(path) ?? fields.get(path.split('.').slice(0, 2).join('.')) ?? '_form'] ??= issue.message;
    }
    return { ok: false, errors: refused };
  }
  return { ok: true, input: parsed.data as DecisionInput, fields };
}

/** A domain refusal's field errors (`predictions.0.value`, as domainFieldErrors leaves them) on the form's own fields; the rest above the form. */
export function onDecisionFields(errors: FieldErrors, fields: Map<string, string>): FieldErrors {
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(errors)) {
    if (k === '_form') continue;
    const to = fields.get(k) ?? fields.get(k.split('.').slice(0, 2).join('.'));
    if (to) out[to] ??= v;
  }
  return Object.keys(out).length ? out : { _form: errors._form ?? 'refused' };
}
