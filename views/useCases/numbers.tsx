/** A measured value as people read it: up to two decimals, none when whole (61.8, 412, 0.35). */
export function amount(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return '–';
  return String(Math.round(value * 100) / 100);
}

/** A share (0..1) as a whole percentage. */
export function share(value: number | null | undefined): string {
  return value == null || !Number.isFinite(value) ? '–' : `${Math.round(value * 100)} %`;
}
