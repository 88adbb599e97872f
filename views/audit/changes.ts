/**
 * What an audit entry changed, field by field, from its before and after snapshots: the reading a
 * person needs ("status: planned → met"), not the stored JSON.
 */

export interface FieldChange {
  /** The field's name; a nested one dotted (`scope.kind`). */
  field: string;
  /** The value before, in words; undefined when the entry has no before (a creation). */
  before?: string;
  /** The value after; undefined when the entry has no after (a deletion). */
  after?: string;
}

// Bookkeeping every change touches; the entry's own time and actor say it already.
const quietFields = new Set(['id', 'createdAt', 'updatedAt', 'version']);
const LONGEST = 300;

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => !!v && typeof v === 'object' && !Array.isArray(v);

/** A value as one short line: a dash for nothing, lists joined, other objects as compact JSON. */
export function valueText(value: unknown): string {
  let text: string;
  if (value === null || value === undefined || value === '') text = '–';
  else if (typeof value === 'boolean') text = value ? 'yes' : 'no';
  else if (typeof value === 'string' || typeof value === 'number') text = String(value);
  else if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) text = value.length ? value.join(', ') : '–';
  else text = JSON.stringify(value);
  return text.length > LONGEST ? `${text.slice(0, LONGEST - 1)}…` : text;
}

/** A snapshot's fields one level deep (`scope.kind`), so a nested change reads as the field it is. */
function flatten(snapshot: unknown): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  if (!isPlain(snapshot)) {
    if (snapshot !== null && snapshot !== undefined) fields.set('value', snapshot);
    return fields;
  }
  for (const [key, value] of Object.entries(snapshot)) {
    if (quietFields.has(key)) continue;
    if (isPlain(value) && Object.keys(value).length) for (const [inner, v] of Object.entries(value)) fields.set(`${key}.${inner}`, v);
    else fields.set(key, value);
  }
  return fields;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields an entry changed: for a change, those whose value differs; for a creation, those it
 * set (empty ones left out); for a deletion, what the entity held.
 */
export function changesOf(before: unknown, after: unknown): FieldChange[] {
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  const was = flatten(before);
  const is = flatten(after);
  const names = [...new Set([...was.keys(), ...is.keys()])];
  const changes: FieldChange[] = [];
  for (const field of names) {
    const a = was.get(field);
    const b = is.get(field);
    if (hasBefore && hasAfter && same(a, b)) continue;
    if (!hasBefore && (b === null || b === undefined || b === '')) continue;
    changes.push({ field, before: hasBefore ? valueText(a) : undefined, after: hasAfter ? valueText(b) : undefined });
  }
  return changes;
}

/** A field's name as words: `scope.enterpriseId` → `scope › enterprise id`. */
export function fieldWords(field: string): string {
  return field
    .split('.')
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase())
    .join(' › ');
}

/** An action as words: `change-password` → `change password`, `transition:proposed->piloting` → `transition proposed → piloting`. */
export function actionWords(action: string): string {
  return action.replace(/->/g, ' → ').replace(/[-_:]/g, ' ');
}
