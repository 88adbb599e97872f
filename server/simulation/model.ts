/**
 * The exported model schema and its parser. `simulationModel` is the zod schema routes can
 * mount; `parseSimulationModel` turns any input into a checked model or a
 * `SimulationInputError` naming each offending field by its dotted path.
 */
import { z } from 'zod';
import { SimulationInputError, type SimulationFieldIssue } from './errors.ts';
import { checkModelRules } from './rules.ts';
import { distribution, modelShape } from './modelSchema.ts';

/** The simulation model: shapes plus cross-field rules (checked only once the shapes hold). */
export const simulationModel = modelShape.superRefine(checkModelRules, { when: (payload) => payload.issues.length === 0 });

/** A model as a client writes it (defaults optional). */
export type SimulationModelInput = z.input<typeof simulationModel>;
/** A checked model with defaults filled in. */
export type SimulationModel = z.output<typeof simulationModel>;
/** One processing time distribution. */
export type Distribution = z.output<typeof distribution>;

type Issue = z.core.$ZodIssue;

/**
 * A union failed: report the branch the input was aiming at. An unknown `dist` shows up as a
 * discriminator issue inside the union, which says more than "Invalid input"; otherwise the
 * branch with the fewest issues is the closest match (when there is exactly one such).
 */
function unionIssues(issue: Issue & { code: 'invalid_union' }): Issue[] {
  const branches = issue.errors ?? [];
  for (const branch of branches) {
    const discriminator = branch.find((i) => i.code === 'invalid_union' && 'discriminator' in i);
    if (discriminator) return [{ ...discriminator, path: [...issue.path, ...discriminator.path] } as Issue];
  }
  const fewest = Math.min(...branches.map((b) => b.length));
  const closest = branches.filter((b) => b.length === fewest);
  if (closest.length !== 1) return [issue];
  return closest[0].flatMap((i) => {
    const nested = { ...i, path: [...issue.path, ...i.path] } as Issue;
    return nested.code === 'invalid_union' ? unionIssues(nested) : [nested];
  });
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/** Zod issues of parsing `input` as dotted field paths with messages. */
export function fieldIssues(error: z.ZodError, input: unknown): SimulationFieldIssue[] {
  return error.issues
    .flatMap((issue) => (issue.code === 'invalid_union' ? unionIssues(issue) : [issue]))
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      if (issue.code === 'invalid_union' && 'discriminator' in issue) {
        const given = JSON.stringify(valueAt(input, issue.path)) ?? 'nothing';
        return { path, message: `unknown distribution ${given}; expected one of deterministic, exponential, normal, lognormal, empirical` };
      }
      if (issue.code === 'unrecognized_keys') {
        return { path: [path, ...issue.keys].filter(Boolean).join('.'), message: `unknown field '${issue.keys[0]}'` };
      }
      return { path, message: issue.message };
    });
}

/** Validates any input as a simulation model; throws `SimulationInputError` when it is not one. */
export function parseSimulationModel(input: unknown): SimulationModel {
  const parsed = simulationModel.safeParse(input);
  if (!parsed.success) throw new SimulationInputError(fieldIssues(parsed.error, input));
  return parsed.data;
}
