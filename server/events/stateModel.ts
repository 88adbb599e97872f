import { stateClass } from '../../db/schema/enums.ts';

/**
 * The state model: the fixed classes every source maps into, and the one input mapping built in,
 * the numeric state codes of the United Manufacturing Hub (UMH) convention.
 */
export const stateClasses = stateClass.enumValues;
export type StateClass = (typeof stateClasses)[number];

/** Classes that are stops, and so carry a reason. */
export const stopClasses: readonly StateClass[] = ['unplanned_stop', 'setup', 'planned_stop'];

/** Categories of reasons within each stop class (the reason tree's `category`). */
export const reasonCategories = {
  unplanned_stop: ['technical', 'material', 'operator', 'quality', 'other'],
  setup: ['changeover', 'cleaning'],
  planned_stop: ['break', 'no_order', 'no_shift', 'planned_maintenance'],
} as const;

export interface MappedState {
  state: StateClass;
  /** The reason category the code itself says (UMH codes carry one), if any. */
  category: string | null;
  /** The numeric code as sent. */
  code: number | null;
}

/**
 * UMH's classes by their ten-thousands: a sub-code (such as 180003) belongs to the class of
 * `floor(code / 10000) * 10000`. Names as UMH documents them.
 */
const umhClasses = new Map<number, { state: StateClass; category: string | null; name: string }>([
  [10000, { state: 'running', category: null, name: 'producing at full speed' }],
  [20000, { state: 'reduced_speed', category: null, name: 'producing at lower than set speed' }],
  [30000, { state: 'offline', category: null, name: 'unknown' }],
  [40000, { state: 'unplanned_stop', category: 'other', name: 'unspecified stop' }],
  // A microstop is a stop: whether it is short enough to be a speed loss is judged by its duration.
  [50000, { state: 'unplanned_stop', category: 'other', name: 'microstop' }],
  [60000, { state: 'unplanned_stop', category: 'material', name: 'inlet jam' }],
  [70000, { state: 'unplanned_stop', category: 'material', name: 'outlet jam' }],
  [80000, { state: 'unplanned_stop', category: 'material', name: 'congestion in the bypass flow' }],
  [90000, { state: 'unplanned_stop', category: 'material', name: 'material issue, other' }],
  [100000, { state: 'setup', category: 'changeover', name: 'changeover' }],
  [110000, { state: 'setup', category: 'cleaning', name: 'cleaning' }],
  [120000, { state: 'setup', category: 'changeover', name: 'emptying' }],
  [130000, { state: 'setup', category: 'changeover', name: 'setting up' }],
  [140000, { state: 'unplanned_stop', category: 'operator', name: 'operator not at machine' }],
  [150000, { state: 'planned_stop', category: 'break', name: 'break' }],
  [160000, { state: 'planned_stop', category: 'no_shift', name: 'no shift' }],
  [170000, { state: 'planned_stop', category: 'no_order', name: 'no order' }],
  [180000, { state: 'unplanned_stop', category: 'technical', name: 'equipment failure' }],
  [190000, { state: 'unplanned_stop', category: 'technical', name: 'external failure' }],
  [200000, { state: 'unplanned_stop', category: 'other', name: 'external interference' }],
  [210000, { state: 'planned_stop', category: 'planned_maintenance', name: 'preventive maintenance' }],
  [220000, { state: 'unplanned_stop', category: 'technical', name: 'technical issue, other' }],
]);

/** The UMH table, for the documentation and the reason tree's defaults. */
export function umhStateTable() {
  return [...umhClasses].map(([code, c]) => ({ code, ...c }));
}

/**
 * Maps a state as sent (a class name, or a UMH numeric code as a number or a string of digits)
 * to its class; undefined when it is neither.
 */
export function mapState(value: string | number): MappedState | undefined {
  if (typeof value === 'string' && (stateClasses as readonly string[]).includes(value)) {
    return { state: value as StateClass, category: null, code: null };
  }
  const code = typeof value === 'number' ? value : /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(code) || code < 0) return undefined;
  const known = umhClasses.get(Math.floor(code / 10000) * 10000);
  return known && { state: known.state, category: known.category, code };
}
