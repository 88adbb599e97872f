import { describeSeconds } from '../dataSources/freshness.ts';

/**
 * How the pages write times and numbers: instants in a time zone (the site's or the program's),
 * ages and countdowns in words, figures with a fixed number of decimals.
 */

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(zone: string, withDate: boolean): Intl.DateTimeFormat {
  const key = `${zone}|${withDate}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    // ISO-like and unambiguous in every locale: 2026-12-04 19:05.
    format = new Intl.DateTimeFormat('sv-SE', {
      timeZone: zone,
      ...(withDate ? { year: 'numeric', month: '2-digit', day: '2-digit' } : {}),
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateTimeFormats.set(key, format);
  }
  return format;
}

/** `2026-12-04 19:05` in the zone. */
export function dateTime(instant: Date | string | null | undefined, zone: string): string {
  if (instant == null) return '–';
  return dateTimeFormat(zone, true).format(new Date(instant));
}

/** `19:05` in the zone. */
export function timeOfDay(instant: Date | string, zone: string): string {
  return dateTimeFormat(zone, false).format(new Date(instant));
}

/** The age or the time left in words (`3 h 12 min`), from whole seconds. */
export function duration(seconds: number): string {
  return describeSeconds(Math.max(0, Math.round(seconds)));
}

/** A figure with `decimals` decimals, or a dash when there is none. */
export function figure(value: number | null | undefined, decimals = 1, unit = ''): string {
  if (value == null || !Number.isFinite(value)) return '–';
  return `${value.toFixed(decimals)}${unit}`;
}

/** A share (0..1) as a percentage. */
export function percent(share: number | null | undefined, decimals = 1): string {
  return share == null || !Number.isFinite(share) ? '–' : `${(share * 100).toFixed(decimals)} %`;
}
