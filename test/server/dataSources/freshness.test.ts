import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextOnRoute } from '../../../server/escalations/route.ts';
import { freshness } from '../../../server/dataSources/freshness.ts';

const now = new Date('2026-11-25T12:00:00Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000);

describe('freshness', () => {
  const source = (age: number | null, quality: 'good' | 'uncertain' | 'bad' | null = 'good') => ({
    expectedRefreshSeconds: 60,
    maxLatencySeconds: 30,
    lastReceivedAt: age === null ? null : ago(age),
    lastSourceTimestamp: age === null ? null : ago(age),
    lastQuality: quality,
  });

  it('is fresh within one refresh plus latency, late until three refreshes are missed, then stale', () => {
    expect(freshness(source(null), now).status).toBe('never_received');
    expect(freshness(source(90), now).status).toBe('fresh');
    expect(freshness(source(91), now).status).toBe('late');
    expect(freshness(source(210), now).status).toBe('late');
    expect(freshness(source(211), now).status).toBe('stale');
  });

  it('treats Bad and Uncertain values as stale whatever their age', () => {
    expect(freshness(source(1, 'bad'), now).status).toBe('stale');
    expect(freshness(source(1, 'uncertain'), now).reason).toContain('Uncertain');
  });

  it('measures age from the source timestamp, not the arrival', () => {
    const s = { ...source(5), lastSourceTimestamp: ago(500) };
    expect(freshness(s, now).status).toBe('stale');
  });

  it('never gets fresher as data gets older', () => {
    const rank = { fresh: 0, late: 1, stale: 2, never_received: 3 };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 86_400 }),
        fc.integer({ min: 0, max: 86_400 }),
        fc.nat(1e6),
        fc.nat(1e6),
        (refresh, latency, a, b) => {
          const at = (age: number) =>
            freshness(
              {
                expectedRefreshSeconds: refresh,
                maxLatencySeconds: latency,
                lastReceivedAt: ago(age),
                lastSourceTimestamp: ago(age),
                lastQuality: 'good',
              },
              now,
            ).status;
          const [young, old] = a < b ? [a, b] : [b, a];
          expect(rank[at(old)]).toBeGreaterThanOrEqual(rank[at(young)]);
        },
      ),
    );
  });
});

describe('escalation route', () => {
  it('moves to the person after the assignee, or to the first when the assignee is not on the route', () => {
    expect(nextOnRoute(['tomas', 'martin', 'eva'], 'martin', 0)).toEqual({ personId: 'eva', step: 3 });
    expect(nextOnRoute(['tomas', 'martin', 'eva'], 'jana', 0)).toEqual({ personId: 'tomas', step: 1 });
    expect(nextOnRoute(['tomas', 'martin', 'eva'], 'eva', 3)).toBeNull();
    expect(nextOnRoute([], 'eva', 0)).toBeNull();
  });

  it('always moves forward along the route and ends', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 8 }),
        fc.string({ minLength: 1, maxLength: 3 }),
        (route, first) => {
          let assignee = first;
          let step = 0;
          const seen: string[] = [];
          for (let next = nextOnRoute(route, assignee, step); next; next = nextOnRoute(route, assignee, step)) {
            expect(next.step).toBeGreaterThan(step);
            expect(next.personId).not.toBe(assignee);
            seen.push(next.personId);
            ({ personId: assignee, step } = next);
          }
          expect(seen.length).toBeLessThanOrEqual(route.length);
        },
      ),
    );
  });
});
