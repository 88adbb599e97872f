/** Times and figures of a balance as the page writes them: one decimal at most, none for whole numbers. */
export function num(x: number | null | undefined, decimals = 1): string {
  if (x == null || !Number.isFinite(x)) return '–';
  const rounded = Number(x.toFixed(decimals));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** A time in seconds, the line's time unit: `122.1 s`. */
export function secs(x: number | null | undefined): string {
  return `${num(x)} s`;
}

/** A text usable inside an element id (model ids are free text). */
export function idPart(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, (ch) => `_${ch.charCodeAt(0).toString(16)}`);
}
