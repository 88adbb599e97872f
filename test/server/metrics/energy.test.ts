import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { machineEvents } from '../../../db/schema/index.ts';
import { ensurePartitions } from '../../../server/events/partitions.ts';
import { energyByStation, MAX_POWER_HOLD_MS } from '../../../server/metrics/energy.ts';
import { createTestDatabase, databaseKinds } from '../../helpers/db.ts';

const at = (hhmm: string) => Date.parse(`2026-12-03T${hhmm}:00Z`);
const window = { start: at('05:00'), end: at('13:00') };

type Reading = { ts: number; kw: number | null; kwh: number | null };

/** The rule read straight from its definition, reading by reading: the oracle of the database's sum. */
function energyOracle(readings: Reading[], end: number): number | null {
  const sorted = [...readings].sort((a, b) => a.ts - b.ts);
  const meter = sorted.filter((r) => r.kwh !== null);
  if (meter.length >= 2) {
    let kwh = 0;
    for (let i = 1; i < meter.length; i++) {
      const delta = meter[i].kwh! - meter[i - 1].kwh!;
      kwh += delta >= 0 ? delta : meter[i].kwh!;
    }
    return kwh;
  }
  const power = sorted.filter((r) => r.kw !== null);
  if (!power.length) return null;
  return power.reduce((sum, r, i) => {
    const until = Math.min(power[i + 1]?.ts ?? Infinity, r.ts + MAX_POWER_HOLD_MS, end);
    return sum + (until > r.ts ? (r.kw! * (until - r.ts)) / 3_600_000 : 0);
  }, 0);
}

describe.each(databaseKinds)('the energy a station used in a window, summed by the database, on %s', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await ensurePartitions(database.db, ['20261202', '20261203', '20261204']);
  });
  afterAll(() => database?.close());

  async function store(stationId: string, readings: Reading[]) {
    if (!readings.length) return;
    await database.db.insert(machineEvents).values(
      readings.map((r, i) => ({
        stationId,
        eventId: `e${i}`,
        ts: new Date(r.ts),
        kind: 'energy' as const,
        receivedAt: new Date(r.ts),
        kw: r.kw,
        kwh: r.kwh,
      })),
    );
  }

  it('integrates power readings, each held until the next for at most five minutes, and sums a meter’s increases across a reset', async () => {
    const [power, meter, outside, silent] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await store(power, [
      { ts: at('05:00'), kw: 10, kwh: null },
      { ts: at('05:03'), kw: 20, kwh: null }, // held for at most 5 minutes: the next reading is an hour later
      { ts: at('06:00'), kw: 0, kwh: null },
      { ts: at('12:58'), kw: 60, kwh: null }, // cut at the window's end: 2 minutes
    ]);
    await store(meter, [
      { ts: at('05:00'), kw: 40, kwh: 1000 },
      { ts: at('06:00'), kw: null, kwh: 1012 },
      { ts: at('07:00'), kw: null, kwh: 3 }, // reset to 0 and counted 3 since
      { ts: at('08:00'), kw: null, kwh: 10 },
      { ts: at('13:00'), kw: null, kwh: 500 }, // the window's end is not in it
    ]);
    await store(outside, [{ ts: at('04:59'), kw: 10, kwh: null }]);
    const energy = await energyByStation(database.db, [power, meter, outside, silent], window);
    expect(energy.get(power)).toBeCloseTo(0.5 + 100 / 60 + 2, 9);
    // With two meter readings or more the meter counts; its power reading does not.
    expect(energy.get(meter)).toBeCloseTo(12 + 3 + 7, 9);
    // Unknown is not zero: no reading in the window, no figure.
    expect(energy.has(outside)).toBe(false);
    expect(energy.has(silent)).toBe(false);
  });

  it('says what the rule says, reading by reading, for any readings', async () => {
    const reading = fc.record({
      minute: fc.integer({ min: -30, max: 8 * 60 + 30 }),
      kw: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
      kwh: fc.option(fc.integer({ min: 0, max: 5000 }), { freq: 3, nil: null }),
    });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(reading, { selector: (r) => r.minute, maxLength: 12 }), async (drawn) => {
        const id = randomUUID();
        const readings = drawn.map((r) => ({ ts: window.start + r.minute * 60_000, kw: r.kw, kwh: r.kwh }));
        await store(id, readings);
        const inWindow = readings.filter((r) => r.ts >= window.start && r.ts < window.end);
        const expected = energyOracle(inWindow, window.end);
        const got = (await energyByStation(database.db, [id], window)).get(id);
        if (expected === null) expect(got).toBeUndefined();
        else expect(got).toBeCloseTo(expected, 6);
      }),
      { numRuns: 40 },
    );
  });
});
