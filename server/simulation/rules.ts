/**
 * Rules that relate fields of a model to each other (the shapes are in `schema.ts`). Each
 * violation is reported at the field a user has to change.
 */
import type { z } from 'zod';
import type { modelShape } from './modelSchema.ts';

type Shape = z.output<typeof modelShape>;
type Path = (string | number)[];

/** Total machines and buffer places the core is sized for. */
export const MAX_MACHINES = 2000;
export const MAX_BUFFER_PLACES = 10_000_000;

/** Product names of a model; one product called `part` when none are declared. */
export function productNames(model: Pick<Shape, 'products'>): string[] {
  return model.products?.map((p) => p.name) ?? ['part'];
}

function duplicates(names: string[]): number[] {
  const seen = new Set<string>();
  return names.flatMap((n, i) => (seen.has(n) ? [i] : (seen.add(n), [])));
}

/** Adds an issue for every cross-field rule the model breaks. */
export function checkModelRules(model: Shape, ctx: z.RefinementCtx): void {
  const issue = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message });
  const k = model.machines.length;
  if (model.buffers.length !== k - 1) {
    issue(['buffers'], `expected ${k - 1} buffer capacities (one between each pair of consecutive machines), got ${model.buffers.length}`);
  }
  for (const i of duplicates(model.machines.map((m) => m.name))) issue(['machines', i, 'name'], 'machine names must be unique');
  const products = productNames(model);
  for (const i of duplicates(products)) issue(['products', i, 'name'], 'product names must be unique');
  const known = new Set(products);
  model.machines.forEach((m, i) => {
    const pt = m.processTime;
    if ('dist' in pt) {
      if (pt.dist === 'empirical' && !pt.samples.some((s) => s > 0)) {
        issue(['machines', i, 'processTime', 'samples'], 'at least one sample must be positive');
      }
    } else {
      if (!model.products) issue(['machines', i, 'processTime'], 'times per product need a `products` list');
      for (const p of products) if (!(p in pt)) issue(['machines', i, 'processTime', p], `no processing time for product '${p}'`);
      for (const [p, d] of Object.entries(pt)) {
        if (!known.has(p)) issue(['machines', i, 'processTime', p], `unknown product '${p}'`);
        else if (d.dist === 'empirical' && !d.samples.some((s) => s > 0))
          issue(['machines', i, 'processTime', p, 'samples'], 'at least one sample must be positive');
      }
    }
    for (const [from, row] of Object.entries(m.changeover ?? {})) {
      if (!known.has(from)) issue(['machines', i, 'changeover', from], `unknown product '${from}'`);
      for (const to of Object.keys(row)) if (!known.has(to)) issue(['machines', i, 'changeover', from, to], `unknown product '${to}'`);
    }
  });
  model.sequence?.forEach((p, i) => {
    if (!known.has(p)) issue(['sequence', i], `unknown product '${p}'`);
  });
  if (typeof model.warmup === 'number' && model.warmup >= model.horizon) {
    issue(['warmup'], `must be shorter than the horizon (${model.horizon})`);
  }
  if (model.precision && model.precision.maxReplications < model.replications) {
    issue(['precision', 'maxReplications'], `must be at least replications (${model.replications})`);
  }
  if (model.machines.reduce((n, m) => n + m.count, 0) > MAX_MACHINES) issue(['machines'], `at most ${MAX_MACHINES} machines in total`);
  if (model.buffers.reduce((n, b) => n + b, 0) > MAX_BUFFER_PLACES)
    issue(['buffers'], `at most ${MAX_BUFFER_PLACES} buffer places in total`);
}
