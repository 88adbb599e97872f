/**
 * The use case and KPI forms as the browser posts them, checked with the rules of the API's
 * bodies (server/useCases/routes.ts, server/kpis/routes.ts) and shaped as the domain takes them.
 * Field names are the API's paths (`target.value`, `baseline.periodEnd`), so the domain's
 * refusal of a field lands beside it.
 */
import { z } from 'zod';
import { frequency, kpiDirection, reviewCadence } from '../../db/schema/enums.ts';
import {
  blankIsUndefined,
  checkedValues,
  chosen,
  numberError,
  requiredDate,
  requiredText,
  typed,
  versionField,
} from '../programs/setupSupport.ts';
import { scopeChoice } from '../programs/setupForms.ts';

const choice = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.preprocess(blankIsUndefined, z.enum(values, { error: `choose ${what}` }));

/** Collects the checked groups (`groupIds.<n>`) into the list the API takes. */
const withGroups = (values: unknown) =>
  typeof values === 'object' && values !== null
    ? { ...values, groupIds: checkedValues(values as Record<string, string>, 'groupIds') }
    : values;

/** A new use case (`POST /programs/{id}/use-cases`) or a change of one, from the version the form showed. */
export const useCaseForm = z.preprocess(
  withGroups,
  z.object({
    title: requiredText(200),
    question: requiredText(10_000),
    scope: scopeChoice(['area', 'line'] as const),
    decisionFrequency: choice(frequency.enumValues, 'how often the decision is taken'),
    // Blank: nobody accountable yet (the lifecycle will not let it become operational so).
    ownerId: z.preprocess(blankIsUndefined, z.uuid().nullable().default(null)),
    groupIds: z.array(z.uuid()),
    version: versionField.optional(),
  }),
);

/** What a plant's KPI can mean: magnitudes up to 10¹², as the API's rule. */
const MAX_KPI_MAGNITUDE = 1e12;
const figure = z
  .number(numberError)
  .refine(Number.isFinite, 'must be a finite number')
  .refine((v) => Math.abs(v) <= MAX_KPI_MAGNITUDE, 'must lie between -10^12 and 10^12');

const baselineFields = ['value', 'periodStart', 'periodEnd', 'source'] as const;

/** The baseline's four fields (`baseline.value` …) as one object, or none when all are blank. */
function nestBaseline(values: unknown): unknown {
  if (typeof values !== 'object' || values === null) return values;
  const flat = values as Record<string, string>;
  const given = baselineFields.filter((f) => (flat[`baseline.${f}`] ?? '').trim() !== '');
  const baseline = given.length ? Object.fromEntries(baselineFields.map((f) => [f, flat[`baseline.${f}`] ?? ''])) : null;
  return { ...flat, baseline, target: { value: flat['target.value'] ?? '', date: flat['target.date'] ?? '' } };
}

const baseline = z
  .object({
    value: typed(figure),
    periodStart: requiredDate,
    periodEnd: requiredDate,
    source: requiredText(500),
  })
  .refine((b) => b.periodStart <= b.periodEnd, { message: 'must not be before the start of the period', path: ['periodEnd'] });

/** A KPI (`POST /use-cases/{id}/kpis`, `PATCH /kpis/{id}`): a baseline is all four of its fields or none. */
export const kpiForm = z.preprocess(
  nestBaseline,
  z.object({
    name: requiredText(200),
    unit: requiredText(40),
    direction: choice(kpiDirection.enumValues, 'which direction is better'),
    baseline: baseline.nullable(),
    target: z.object({ value: typed(figure), date: requiredDate }),
    reviewCadence: choice(reviewCadence.enumValues, 'how often it is reviewed'),
    ownerId: chosen('the owner'),
    annualValuePerUnit: typed(
      z.number(numberError).positive('more than 0').max(1e9, 'at most 10^9 per unit and year').nullable().default(null),
    ),
    currency: z.preprocess(
      (v) => (typeof v === 'string' ? blankIsUndefined(v.trim().toUpperCase()) : v),
      z
        .string()
        .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR')
        .nullable()
        .default(null),
    ),
    version: versionField.optional(),
  }),
);
