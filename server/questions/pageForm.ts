/**
 * The question forms of a line's page, read into the bodies the domain takes (the API's JSON):
 * the work orders ticked, and the proposed mixes typed as lots (`GB6 x 200, GB7 x 100`: made in
 * that order) or shares (`GB6 70 %, GB7 30 %`), with the API's limits. The domain's own refusals
 * are mapped back onto the fields they name.
 */
import type { FieldErrors } from '../web/forms.ts';
import { MIX_ROWS } from '../../views/questions/model.tsx';
import type { Lot, MixScenarioInput } from './mix.ts';
import type { MaintenanceBody, MixBody } from './submit.ts';

type Values = Record<string, string>;
type Read<T> = { ok: true; body: T; fields?: Map<string, string> } | { ok: false; errors: FieldErrors };

/** The API's limits on lots: a quantity, the lots of one mix, the parts of all of them. */
const MAX_QUANTITY = 100_000;
const MAX_LOTS = 1000;
const MAX_PARTS = 1_000_000;
const MAX_NAME = 200;

/** The work orders ticked (`wo.0`, `wo.1`, …, each with its externalId); at least one. */
export function maintenanceBody(values: Values): Read<MaintenanceBody> {
  const workOrders = Object.entries(values)
    .filter(([k, v]) => /^wo\.\d+$/.test(k) && v.trim())
    .map(([, v]) => v.trim());
  if (!workOrders.length) return { ok: false, errors: { workOrders: 'tick at least one work order' } };
  return { ok: true, body: { workOrders }, fields: new Map([['workOrders', 'workOrders']]) };
}

const LOT = /^(.+?)\s*(?:[×*]|\s[xX])\s*(\d+)$/;
const SHARE = /^(.+?)\s*[:=]?\s*(\d+(?:\.\d+)?)\s*%$/;

/** One mix as typed: lots in the order they are made, or shares; else what is wrong with it. */
export function parseMix(text: string): { lots: Lot[] } | { shares: Record<string, number> } | { error: string } {
  const items = text
    .split(/[,;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const lots: Lot[] = [];
  const shares: Record<string, number> = {};
  for (const item of items) {
    const lot = LOT.exec(item);
    const share = lot ? null : SHARE.exec(item);
    const product = (lot ?? share)?.[1].trim();
    if (!product)
      return { error: `“${item.slice(0, 40)}”: write a lot as product x quantity (GB6 x 200) or a share as product and % (GB6 70 %)` };
    if (product.length > MAX_NAME) return { error: `a product name has at most ${MAX_NAME} characters` };
    if (lot) {
      const quantity = Number(lot[2]);
      if (quantity < 1 || quantity > MAX_QUANTITY) return { error: `a lot's quantity is from 1 to ${MAX_QUANTITY}: ${item}` };
      lots.push({ product, quantity });
    } else shares[product] = (shares[product] ?? 0) + Number(share![2]);
  }
  if (lots.length && Object.keys(shares).length) return { error: 'give either lots (GB6 x 200) or shares (GB6 70 %), not both' };
  if (lots.length > MAX_LOTS) return { error: `at most ${MAX_LOTS} lots` };
  if (lots.reduce((s, l) => s + l.quantity, 0) > MAX_PARTS) return { error: `at most ${MAX_PARTS} parts in all` };
  if (lots.length) return { lots };
  if (!Object.values(shares).some((v) => v > 0)) return { error: 'give at least one lot or a share above 0 %' };
  return { shares };
}

/**
 * The proposed mixes (rows left blank are skipped; blank names are `mix 1`, `mix 2`) and the peak
 * limit; `fields` maps the domain's `scenarios.{k}` back to the row it came from.
 */
export function mixBody(values: Values): Read<MixBody> {
  const errors: FieldErrors = {};
  const scenarios: MixScenarioInput[] = [];
  const fields = new Map<string, string>();
  for (let i = 0; i < MIX_ROWS; i++) {
    const name = (values[`scenarios.${i}.name`] ?? '').trim();
    const text = (values[`scenarios.${i}.mix`] ?? '').trim();
    if (!text) {
      if (name) errors[`scenarios.${i}.mix`] = 'give the lots or shares of this mix';
      continue;
    }
    if (name.length > MAX_NAME) errors[`scenarios.${i}.name`] = `at most ${MAX_NAME} characters`;
    const mix = parseMix(text);
    if ('error' in mix) {
      errors[`scenarios.${i}.mix`] = mix.error;
      continue;
    }
    const k = scenarios.length;
    fields.set(`scenarios.${k}`, `scenarios.${i}.mix`).set(`scenarios.${k}.lots`, `scenarios.${i}.mix`);
    fields.set(`scenarios.${k}.name`, `scenarios.${i}.name`);
    scenarios.push({ name: name || `mix ${i + 1}`, ...mix });
  }
  const limit = (values.peakLimitKw ?? '').trim().replace(',', '.');
  const peakLimitKw = limit === '' ? undefined : Number(limit);
  if (peakLimitKw !== undefined && !(peakLimitKw > 0 && peakLimitKw <= 1_000_000))
    errors.peakLimitKw = 'a power in kW above 0, at most 1 000 000';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, body: { ...(scenarios.length ? { scenarios } : {}), ...(peakLimitKw ? { peakLimitKw } : {}) }, fields };
}

/**
 * A domain refusal's field errors on the form's own fields (`scenarios.0` is the mix row it came
 * from); one that lands on a field is said there alone, not again above the form in the API's words.
 */
export function onFields(errors: FieldErrors, fields?: Map<string, string>): FieldErrors {
  if (!fields) return errors;
  const mapped = Object.entries(errors).filter(([k]) => fields.has(k));
  if (!mapped.length) return errors;
  return Object.fromEntries(mapped.map(([k, v]) => [fields.get(k)!, v]));
}
