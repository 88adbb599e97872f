import { z } from '@hono/zod-openapi';
import { isoDateTime, unsCode, uuid } from '../http/schemas.ts';
import { placementName } from '../questions/maintenance.ts';

const runId = (what: string) => uuid.openapi({ description: `The run it was chosen from: ${what}` });
const scenario = z.string().trim().min(1).max(200);

/**
 * What a decision chose, by kind. Every kind but `free_text` names the run it was chosen from,
 * which counts as one of the runs the decision is based on (`basedOn`, added when not listed), and
 * the scenario of that run it chose, which is where its predictions are taken from.
 */
export const decisionChoice = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('balance'),
        balancingRunId: uuid.openapi({ description: "The balancing run of the use case's line whose assignment is put into effect" }),
        scenario: scenario.optional().openapi({ description: 'The scenario of a comparison among `basedOn` that simulated this balance' }),
      })
      .openapi('BalanceChoice'),
    z
      .object({
        kind: z.literal('buffer_change'),
        runId: runId('a comparison (or a simulation) of the line'),
        scenario: scenario.openapi({ description: 'The compared scenario (variant) chosen' }),
        buffers: z
          .array(
            z.object({
              afterStation: unsCode.openapi({ description: 'The code of the station the buffer follows' }),
              capacity: z.number().int().min(0).max(1_000_000),
            }),
          )
          .min(1)
          .max(200),
      })
      .openapi('BufferChangeChoice'),
    z
      .object({
        kind: z.literal('maintenance_placement'),
        runId: runId('a maintenance plan (`POST /lines/{id}/maintenance-plans`)'),
        workOrderExternalId: z
          .string()
          .trim()
          .min(1)
          .max(100)
          .openapi({ description: "The CMMS work order's number, a work order of the run's line" }),
        start: isoDateTime.openapi({
          description: 'When the work starts: its scenario is the placement `<workOrderExternalId> at <start>`',
        }),
      })
      .openapi('MaintenancePlacementChoice'),
    z
      .object({
        kind: z.literal('mix'),
        runId: runId('a mix scenario run (or a comparison)'),
        scenario: scenario.openapi({ description: 'The mix chosen, as the run names it' }),
      })
      .openapi('MixChoice'),
    z
      .object({
        kind: z.literal('sequence'),
        runId: runId('a mix scenario run (or a comparison)'),
        scenario: scenario.openapi({ description: 'The scenario with this sequence, as the run names it' }),
        sequence: z.array(z.string().trim().min(1).max(100)).min(1).max(10_000).openapi({ description: 'Products in release order' }),
      })
      .openapi('SequenceChoice'),
    z
      .object({
        kind: z.literal('free_text'),
        text: z.string().trim().min(1).max(10_000).openapi({ description: 'What was decided, in words' }),
      })
      .openapi('FreeTextChoice'),
  ])
  .openapi('DecisionChoice');

export type DecisionChoice = z.infer<typeof decisionChoice>;

/** The kinds of run each kind of choice is chosen from. */
export const runKindsOfChoice: Record<DecisionChoice['kind'], readonly string[]> = {
  balance: [],
  buffer_change: ['comparison', 'simulation'],
  maintenance_placement: ['maintenance_plan'],
  mix: ['mix_scenario', 'comparison'],
  sequence: ['mix_scenario', 'comparison'],
  free_text: [],
};

/** The run a choice names (null: a balance or free text). */
export function runOfChoice(choice: DecisionChoice): string | null {
  return 'runId' in choice ? choice.runId : null;
}

/**
 * The scenario a choice chose, which its predictions are taken from: the one it names; for a
 * maintenance placement the placement's own name as the maintenance plan gives it
 * (`WO-1 at 2026-12-02T06:00:00.000Z`, placementName); none for free text.
 */
export function scenarioOfChoice(choice: DecisionChoice): string | null {
  if (choice.kind === 'maintenance_placement') return placementName(choice.workOrderExternalId, Date.parse(choice.start));
  return 'scenario' in choice ? (choice.scenario ?? null) : null;
}
