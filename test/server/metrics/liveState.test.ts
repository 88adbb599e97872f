import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { machineEvents } from '../../../db/schema/index.ts';
import { ensurePartitions } from '../../../server/events/partitions.ts';
import { currentStates, latestBuffers, statesBefore } from '../../../server/metrics/liveState.ts';
import { createTestDatabase, databaseKinds } from '../../helpers/db.ts';

const START = Date.parse('2026-12-01T00:00:00Z');
const HOUR = 3_600_000;
const NOW = new Date(START + 72 * HOUR);

type Change = { ts: number; state: 'running' | 'unplanned_stop' | 'starved'; reason: string | null };

/** A station's state changes over three days, in time order (equal states repeat, as heartbeats do). */
const history = fc
  .array(
    fc.record({
      gap: fc.integer({ min: 1, max: 6 * HOUR }),
      state: fc.constantFrom('running' as const, 'unplanned_stop' as const, 'starved' as const),
      reason: fc.constantFrom(null, 'E-TOOL', 'E-JAM'),
    }),
    { maxLength: 14 },
  )
  .map((items) => {
    let ts = START;
    return items.map(({ gap, ...c }): Change => ({ ts: (ts += gap % (5 * HOUR)), ...c }));
  });

/** The run of equal states that ends the list, read from the whole list: what the live view must say. */
function expectedRun(changes: Change[]) {
  const latest = changes.at(-1);
  if (!latest) return undefined;
  let first = changes.length - 1;
  while (first > 0 && changes[first - 1].state === latest.state && changes[first - 1].reason === latest.reason) first--;
  return { state: latest.state, reason: latest.reason, since: changes[first].ts, latest: latest.ts };
}

describe.each(databaseKinds)('the live state of stations, read for all at once, on %s', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await ensurePartitions(database.db, ['20261201', '20261202', '20261203', '20261204']);
  });
  afterAll(() => database?.close());

  async function store(stationId: string, changes: Change[]) {
    if (!changes.length) return;
    await database.db.insert(machineEvents).values(
      changes.map((c, i) => ({
        stationId,
        eventId: `s${i}`,
        ts: new Date(c.ts),
        kind: 'state' as const,
        receivedAt: new Date(c.ts),
        state: c.state,
        reason: c.reason,
      })),
    );
    // Cycles between the state changes, which no state read may mistake for one.
    await database.db.insert(machineEvents).values(
      changes.map((c, i) => ({
        stationId,
        eventId: `c${i}`,
        ts: new Date(c.ts + 1000),
        kind: 'cycle' as const,
        receivedAt: NOW,
        good: 1,
        scrap: 0,
      })),
    );
  }

  it('says each station’s state now and since when, and its state before a moment, as its whole history does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(history, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 72 }), async (histories, cut) => {
        const ids = histories.map(() => randomUUID());
        for (const [i, changes] of histories.entries()) await store(ids[i], changes);
        const current = await currentStates(database.db, ids, NOW);
        const before = await statesBefore(database.db, ids, new Date(START + cut * HOUR));
        for (const [i, changes] of histories.entries()) {
          expect(current.get(ids[i])).toEqual(expectedRun(changes));
          expect(before.get(ids[i])).toEqual(changes.filter((c) => c.ts < START + cut * HOUR).at(-1));
        }
      }),
      { numRuns: 25 },
    );
  });

  it('gives the newest measured buffer level of the stations that measure one', async () => {
    const [measured, unmeasured] = [randomUUID(), randomUUID()];
    await database.db.insert(machineEvents).values(
      [3, 7, 5].map((level, i) => ({
        stationId: measured,
        eventId: `b${i}`,
        ts: new Date(START + i * HOUR),
        kind: 'buffer' as const,
        receivedAt: NOW,
        bufferLevel: level,
      })),
    );
    await store(unmeasured, [{ ts: START, state: 'running', reason: null }]);
    const levels = await latestBuffers(database.db, [measured, unmeasured], NOW);
    expect([...levels]).toEqual([[measured, { level: 5, basis: 'measured', at: new Date(START + 2 * HOUR).toISOString() }]]);
  });
});
