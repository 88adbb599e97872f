import { InvalidInputError } from '../core/errors.ts';
import { MAX_BATCH_EVENTS } from './ingest.ts';

/**
 * The events of one HTTP batch: a JSON array, or NDJSON (one event per line). In NDJSON a line
 * that is not JSON is kept as an item that is not an event, so that it is rejected alone; a JSON
 * array that does not parse is one malformed body and refused whole (400).
 */
export function batchItems(text: string, ndjson: boolean): unknown[] {
  if (ndjson) {
    const items: unknown[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        items.push(JSON.parse(line));
      } catch {
        items.push(NOT_JSON);
      }
    }
    return checkSize(items);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidInputError('invalid body: not JSON (send a JSON array of events, or NDJSON as application/x-ndjson)', [
      { path: 'body', message: 'not JSON' },
    ]);
  }
  if (!Array.isArray(parsed)) {
    throw new InvalidInputError('invalid body: a batch is a JSON array of events', [{ path: 'body', message: 'expected an array' }]);
  }
  return checkSize(parsed);
}

/** Stands for an NDJSON line that is not JSON; parseEvent rejects it as not an object. */
export const NOT_JSON = Symbol('not JSON');

function checkSize(items: unknown[]): unknown[] {
  if (items.length > MAX_BATCH_EVENTS) {
    throw new InvalidInputError(`invalid body: at most ${MAX_BATCH_EVENTS} events per batch, not ${items.length}`, [
      { path: 'body', message: `more than ${MAX_BATCH_EVENTS} events` },
    ]);
  }
  return items;
}
