import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRejection, parseEvent } from '../../../server/events/eventInput.ts';
import { mapState, stateClasses } from '../../../server/events/stateModel.ts';

describe('the event parser', () => {
  it('never throws on any input, and names the field of each rejection', () => {
    const keys = fc.constantFrom(
      'id',
      'kind',
      'station',
      'ts',
      'timestamp_ms',
      'state',
      'reason',
      'cycleSeconds',
      'good',
      'scrap',
      'kw',
      'kwh',
      'level',
      'system',
      'from',
      'source',
    );
    const eventish = fc.dictionary(
      keys,
      fc.oneof(fc.anything(), fc.constantFrom('state', 'cycle', 'energy', 'buffer', 'count', '2026-12-03T07:00:00Z', 10000)),
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything(), eventish), (raw) => {
        const out = parseEvent(raw, 3);
        if (isRejection(out)) {
          expect(out.index).toBe(3);
          expect(typeof out.path).toBe('string');
          expect(out.message.length).toBeGreaterThan(0);
        } else {
          expect(Number.isFinite(out.ts.getTime())).toBe(true);
          expect(out.eventId.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts every well-formed cycle and keeps its fields', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 50 }).filter((s) => !s.includes('\0')),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.double({ min: 0.001, max: 86_400, noNaN: true }),
        fc.nat(1000),
        fc.nat(1000),
        (id, ts, cycleSeconds, good, scrap) => {
          const out = parseEvent({ id, kind: 'cycle', station: 'e/s/a/l/st', ts: ts.toISOString(), cycleSeconds, good, scrap }, 0);
          expect(isRejection(out)).toBe(false);
          expect(out).toMatchObject({ eventId: id, ts, cycleSeconds, good, scrap });
        },
      ),
    );
  });
});

describe('the UMH state mapping', () => {
  it('maps every code to the class of its ten-thousands, and refuses codes outside the table', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 300_000 }), (code) => {
        const mapped = mapState(code);
        const base = Math.floor(code / 10000) * 10000;
        if (code < 10000 || code >= 230000) expect(mapped).toBeUndefined();
        else {
          expect(mapped).toBeDefined();
          expect(mapped!.code).toBe(code);
          expect(mapState(base)!.state).toBe(mapped!.state);
          expect(mapState(String(code))).toEqual(mapped);
        }
      }),
      { numRuns: 5000 },
    );
    expect([30000, 150000, 210000, 100000, 180001].map((c) => mapState(c)!.state)).toEqual([
      'offline',
      'planned_stop',
      'planned_stop',
      'setup',
      'unplanned_stop',
    ]);
    for (const name of stateClasses) expect(mapState(name)!.state).toBe(name);
    expect(mapState('runnin')).toBeUndefined();
  });
});
