/**
 * The set-up forms of a program as the browser posts them (every field a text), checked with the
 * rules of the API's bodies (server/programs/routes.ts, userGroupRoutes.ts, milestones/routes.ts,
 * dataSources/routes.ts) and shaped as the domain takes them. Field names are the API's paths,
 * so a refusal of the domain (`body.siteIds.0`) lands on the field it is about.
 */
import { z } from 'zod';
import { frequency, userGroupKind, milestoneStatus, dataSourceKind } from '../../db/schema/enums.ts';
import { quarter, text, timeZone, unsCode } from '../http/schemas.ts';
import { MAX_ROUTE } from './userGroups.ts';
import {
  blankIsUndefined,
  checkedValues,
  chosen,
  dateText,
  requiredDate,
  requiredText,
  typed,
  versionField,
  wholeNumber,
} from './setupSupport.ts';

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsUndefined, schema.optional());
const choice = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.preprocess(blankIsUndefined, z.enum(values, { error: `choose ${what}` }));
const slaHours = typed(wholeNumber(1, 24 * 90).optional());

/** Collects the checked sites (`siteIds.<n>`) into the list the API takes. */
const withSites = (values: unknown) =>
  typeof values === 'object' && values !== null
    ? { ...values, siteIds: checkedValues(values as Record<string, string>, 'siteIds') }
    : values;

const programFields = {
  name: requiredText(200),
  description: z.preprocess((v) => (typeof v === 'string' ? v : undefined), text.optional()),
  sponsorId: chosen('the sponsor'),
  siteIds: z.array(z.uuid()).min(1, 'choose at least one site'),
  goLiveDate: requiredDate,
  valueWindowMonths: typed(wholeNumber(1, 36)),
  shiftsPerDay: typed(wholeNumber(1, 4).optional()),
  workingDaysPerWeek: typed(wholeNumber(1, 7).optional()),
  slaCriticalHours: slaHours,
  slaHighHours: slaHours,
  slaNormalHours: slaHours,
  slaLowHours: slaHours,
  timezone: optional(timeZone),
};

/** A new program, as `POST /api/v1/programs` takes it. */
export const programCreateForm = z.preprocess(withSites, z.object({ enterpriseId: chosen('the enterprise'), ...programFields }));

/** A change of a program (`PATCH /api/v1/programs/{id}`), from the version the form showed. */
export const programEditForm = z.preprocess(withSites, z.object({ version: versionField, ...programFields }));

const groupFields = {
  kind: choice(userGroupKind.enumValues, 'the kind of group'),
  name: requiredText(200),
  valuePath: requiredText(10_000),
  expectedFrequency: choice(frequency.enumValues, 'how often they use the twin'),
};

/** A new stakeholder group (its members and route are added one person at a time). */
export const groupCreateForm = z.object(groupFields);

export const groupEditForm = z.object({ version: versionField, ...groupFields });

/** A person to add to a group's members. */
export const memberForm = z.object({ personId: chosen('a person') });

/** A person to put on the escalation route, at a step (blank: last). */
export const routeStepForm = z.object({
  personId: chosen('a person'),
  step: typed(wholeNumber(1, MAX_ROUTE).optional()),
});

/** Moving a step of the route up or down, from the version the page showed. */
export const routeMoveForm = z.object({ version: versionField, direction: z.enum(['up', 'down']) });

/** A milestone: due in a quarter (`2027-Q1`) or on a date, one of the two. */
export const milestoneForm = z
  .object({
    title: requiredText(200),
    criterion: requiredText(10_000),
    useCaseId: z.preprocess(blankIsUndefined, z.uuid().nullable().default(null)),
    dueQuarter: optional(quarter),
    dueDate: optional(dateText),
    ownerId: chosen('the owner'),
    status: choice(milestoneStatus.enumValues, 'the status'),
    evidence: z.preprocess((v) => (typeof v === 'string' ? v : ''), text),
    version: versionField.optional(),
  })
  .superRefine((m, ctx) => {
    if ((m.dueQuarter === undefined) === (m.dueDate === undefined))
      ctx.addIssue({ code: 'custom', path: ['dueQuarter'], message: 'give a quarter or a date (one of the two)' });
  })
  .transform(({ dueQuarter, dueDate, version, ...m }) => ({
    version,
    input: { ...m, due: dueQuarter !== undefined ? { quarter: dueQuarter } : { date: dueDate as string } },
  }));

/** A scope chosen in one select: `site:<id>`, `area:<id>` or `line:<id>`. */
export const scopeChoice = <K extends 'site' | 'area' | 'line'>(kinds: readonly K[]) =>
  z.preprocess(
    blankIsUndefined,
    z
      .string({ error: 'choose where it applies' })
      .regex(new RegExp(`^(${kinds.join('|')}):[0-9a-f-]{36}$`, 'i'), 'choose where it applies')
      .transform((v) => {
        const [kind, id] = v.split(':') as [K, string];
        return { [`${kind}Id`]: id } as { [P in K as `${P}Id`]: string };
      }),
  );

/** A data source with its freshness thresholds, as `POST /api/v1/programs/{id}/data-sources` takes it. */
export const dataSourceForm = z.object({
  name: requiredText(200),
  code: z.preprocess(blankIsUndefined, unsCode.nullable().default(null)),
  kind: choice(dataSourceKind.enumValues, 'the kind of source'),
  scope: scopeChoice(['site', 'area', 'line'] as const),
  ownerId: chosen('the owner of its exceptions'),
  escalationGroupId: z.preprocess(blankIsUndefined, z.uuid().nullable().default(null)),
  expectedRefreshSeconds: typed(wholeNumber(1, 31 * 86_400)),
  maxLatencySeconds: typed(wholeNumber(0, 7 * 86_400)),
  version: versionField.optional(),
});

/** A use case that relies on the source, and whether its answers need it. */
export const linkForm = z.object({
  useCaseId: chosen('a use case'),
  required: z.preprocess((v) => v === 'true' || v === 'on', z.boolean()),
});
