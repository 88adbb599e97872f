/**
 * Demand shares of a mixed-model line written as text, as the CLI's `--models` and an upload's
 * `models` query take them: `A=0.6,B=0.4` (any positive weights; they are normalised to sum 1).
 */
import { BalancingInputError } from './errors.ts';

/** Parses `A=0.6,B=0.4`; `field` names the option in errors. */
export function parseModelShares(text: string, field: string): { id: string; share: number }[] {
  const models = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const at = part.lastIndexOf('=');
      const id = at > 0 ? part.slice(0, at).trim() : '';
      const share = Number(part.slice(at + 1));
      if (at <= 0 || id === '' || !Number.isFinite(share) || share <= 0 || share > 1e6) {
        throw new BalancingInputError(field, `${field}: "${part}" is not model=share with a positive share (e.g. A=0.6,B=0.4)`);
      }
      return { id, share };
    });
  const twice = models.find((m, k) => models.findIndex((o) => o.id === m.id) !== k);
  if (twice) throw new BalancingInputError(field, `${field}: model ${twice.id} is given twice`);
  if (models.length === 0) throw new BalancingInputError(field, `${field}: give the models' demand shares, e.g. A=0.6,B=0.4`);
  return models;
}

/** The models of a CSV's time:<model> columns with their shares; every column needs a share and every share a column. */
export function sharesForColumns(modelIds: string[], shares: { id: string; share: number }[] | undefined, field: string) {
  if (!shares) {
    throw new BalancingInputError(
      field,
      `the file has a time column per model (${modelIds.join(', ')}): give their demand shares in ${field}, e.g. ${modelIds.map((m) => `${m}=1`).join(',')}`,
    );
  }
  const missing = modelIds.find((m) => !shares.some((s) => s.id === m));
  if (missing) throw new BalancingInputError(field, `${field}: no share for model ${missing}, which has a time column`);
  const extra = shares.find((s) => !modelIds.includes(s.id));
  if (extra) throw new BalancingInputError(field, `${field}: model ${extra.id} has no time:${extra.id} column in the file`);
  return modelIds.map((m) => shares.find((s) => s.id === m)!);
}

/** The demand shares as fractions of the mix, summing to 1 (any positive weights are accepted). */
export function normalisedShares(models: readonly { share: number }[]): number[] {
  const total = models.reduce((sum, m) => sum + m.share, 0);
  return models.map((m) => m.share / total);
}
