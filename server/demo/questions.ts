/**
 * The demo's use cases answered by the twin's questions: the next-shift constraint of crankshaft
 * line 1, the gearbox line's maintenance window, the pump line's mix. Bound only: an answer needs
 * the live state, which the feed brings after the demo is seeded, so people ask them themselves.
 */
import type { Write } from '../core/write.ts';
import { bindQuestion } from '../questions/bound.ts';

export async function seedDemoQuestions(
  w: Write,
  cases: { constraint: string; maintenance: string; changeover: string },
  lineIds: Record<string, string>,
): Promise<void> {
  await bindQuestion(w, cases.constraint, { question: 'next_shift', lineId: lineIds['crankshaft-1'] });
  await bindQuestion(w, cases.maintenance, { question: 'maintenance_plan', lineId: lineIds['gearbox-assembly'] });
  await bindQuestion(w, cases.changeover, { question: 'mix_scenario', lineId: lineIds['pump-2'] });
}
