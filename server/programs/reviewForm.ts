import { z } from 'zod';
import { isoDate, text } from '../http/schemas.ts';

/**
 * The review form as the browser posts it: `heldOn`, `summary` and, per open milestone,
 * `items.N.milestoneId`, `items.N.status` and `items.N.note`. Nested into the shape of the API's
 * review body (`POST /programs/{id}/reviews`) and checked with the same rules, so a field error
 * names the field the API would (`items.2.status`).
 */
function nest(values: unknown): unknown {
  if (typeof values !== 'object' || values === null) return values;
  const flat = values as Record<string, string>;
  const items: Record<string, string>[] = [];
  for (const [name, value] of Object.entries(flat)) {
    const match = /^items\.(\d{1,3})\.(milestoneId|status|note)$/.exec(name);
    if (!match) continue;
    const index = Number(match[1]);
    items[index] ??= {};
    items[index][match[2]] = value;
  }
  return {
    heldOn: flat.heldOn ?? '',
    summary: flat.summary ?? '',
    // A hole (items.0 and items.2 only) would shift the field names of the errors: keep the indexes.
    items: Array.from(items, (item) => item ?? {}),
  };
}

const status = z.enum(['planned', 'met', 'missed', 'deferred'], { error: 'choose the status at this review' });

export const reviewForm = z.preprocess(
  nest,
  z.object({
    heldOn: isoDate,
    summary: text.optional(),
    items: z
      .array(z.object({ milestoneId: z.uuid(), status, note: text.optional() }))
      .max(500)
      .refine((items) => new Set(items.map((i) => i.milestoneId)).size === items.length, 'a milestone is recorded once per review'),
  }),
);

export type ReviewForm = z.infer<typeof reviewForm>;
