import { describe, expect, it } from 'vitest';
import { keepReadsFor, readOnce } from '../../../server/access/requestReads.ts';
import type { Viewer } from '../../../server/access/index.ts';

const viewer = (): Viewer => ({ personId: 'p', role: 'viewer', siteIds: ['s'] });

describe('reads kept for a read-only request', () => {
  it('loads once per key for a viewer whose request keeps its reads, and every time otherwise', async () => {
    let loads = 0;
    const load = async () => ++loads;
    const reading = viewer();
    keepReadsFor(reading);
    expect([await readOnce(reading, 'map', load), await readOnce(reading, 'map', load), await readOnce(reading, 'other', load)]).toEqual([
      1, 1, 2,
    ]);
    // Another request (another viewer object), and a request that writes (never opted in), read afresh.
    const writing = viewer();
    expect([await readOnce(writing, 'map', load), await readOnce(writing, 'map', load)]).toEqual([3, 4]);
    expect(await readOnce(viewer(), 'map', load)).toBe(5);
  });

  it('does not keep a failed read: the next one asks again', async () => {
    const reading = viewer();
    keepReadsFor(reading);
    let calls = 0;
    const flaky = async () => {
      calls++;
      if (calls === 1) throw new Error('database away');
      return 'map';
    };
    await expect(readOnce(reading, 'map', flaky)).rejects.toThrow('database away');
    expect(await readOnce(reading, 'map', flaky)).toBe('map');
    expect(await readOnce(reading, 'map', flaky)).toBe('map');
    expect(calls).toBe(2);
  });
});
