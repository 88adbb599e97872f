import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { balancingRuns, lines } from '../../../db/schema/index.ts';
import { createDemoPages } from '../../helpers/pages.ts';
import { balanceAsModel } from '../../../server/simulation/balanceModel.ts';
import { parseSimulationModel } from '../../../server/simulation/model.ts';

const base = {
  timeUnit: 'min',
  machines: [
    { name: 'op10', processTime: { dist: 'normal', mean: 1, sd: 0.1 }, failure: { mtbf: 600, mttr: 10 } },
    { name: 'op20', processTime: { dist: 'empirical', samples: [0.5, 1.5] }, power: { processing: 12 } },
    { name: 'op30', processTime: { dist: 'exponential', mean: 2 }, failure: { mtbf: 300, mttr: 20, basis: 'calendar' } },
  ],
  buffers: [4, 6],
  horizon: 4800,
  replications: 5,
};
const loads = (...xs: number[]) => xs.map((load, i) => ({ station: i + 1, tasks: [`t${i}`], load, idle: 0 }));

describe('a proposed balance as a simulation model', () => {
  it('takes each station’s load as its machine’s mean time, in the model’s unit, keeping the shape, failures and buffers', () => {
    const model = balanceAsModel(base, loads(120, 90, 30));
    expect(model.machines).toEqual([
      { name: 'op10', count: 1, processTime: { dist: 'normal', mean: 2, sd: 0.2 }, failure: { mtbf: 600, mttr: 10 } },
      { name: 'op20', count: 1, processTime: { dist: 'empirical', samples: [0.75, 2.25] }, power: { processing: 12 } },
      { name: 'op30', count: 1, processTime: { dist: 'exponential', mean: 0.5 }, failure: { mtbf: 300, mttr: 20, basis: 'calendar' } },
    ]);
    expect(model.buffers).toEqual([4, 6]);
    expect(model.horizon).toBe(4800);
    expect(() => parseSimulationModel(model)).not.toThrow();
  });

  it('gives a station’s parallel workplaces as the machine’s count', () => {
    const model = balanceAsModel(base, [{ station: 1, tasks: ['a'], load: 180, idle: 0, replicas: 3 }, ...loads(60, 60).slice(1)]);
    expect((model.machines as { count: number }[]).map((m) => m.count)).toEqual([3, 1]);
  });

  it('names added stations by their number and gives them the last machine’s failures and buffer; drops what a shorter line has not', () => {
    const longer = balanceAsModel(base, loads(60, 60, 60, 60));
    const machines = longer.machines as { name: string; failure?: unknown }[];
    expect(machines.map((m) => m.name)).toEqual(['op10', 'op20', 'op30', 'S4']);
    expect(machines[3].failure).toEqual(base.machines[2].failure);
    expect(longer.buffers).toEqual([4, 6, 6]);
    expect(() => parseSimulationModel(longer)).not.toThrow();
    const shorter = balanceAsModel(base, loads(90, 90));
    expect((shorter.machines as { name: string }[]).map((m) => m.name)).toEqual(['op10', 'op20']);
    expect(shorter.buffers).toEqual([4]);
  });

  it('scales a time per product by the load over the share-weighted mean', () => {
    const mixed = {
      ...base,
      products: [
        { name: 'A', share: 3 },
        { name: 'B', share: 1 },
      ],
      machines: [{ name: 'op10', processTime: { A: { dist: 'deterministic', mean: 2 }, B: { dist: 'deterministic', mean: 4 } } }],
      buffers: [],
    };
    // Weighted mean 2.5 min; a load of 300 s = 5 min doubles every product's time.
    expect((balanceAsModel(mixed, loads(300)).machines as { processTime: unknown }[])[0].processTime).toEqual({
      A: { dist: 'deterministic', mean: 4 },
      B: { dist: 'deterministic', mean: 8 },
    });
  });
});

describe('the model of a line’s balancing run, over the API (demo plant)', () => {
  it('answers the line’s model with the balance’s stations, which simulates, and 404 to someone who does not see the line', async () => {
    const pages = await createDemoPages('pglite');
    try {
      const { db } = pages.database;
      const [line] = await db.select().from(lines).where(eq(lines.code, 'gearbox-assembly'));
      const [run] = await db.select().from(balancingRuns).where(eq(balancingRuns.lineId, line.id)).limit(1);
      const call = (path: string, token: string, init: RequestInit = {}) =>
        pages.app.request(path, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
      const res = await call(`/api/v1/balancing-runs/${run.id}/simulation-model`, 'tw_demo_planner');
      expect(res.status).toBe(200);
      const answer = (await res.json()) as { lineId: string; model: { machines: { processTime: unknown }[] } };
      expect(answer.lineId).toBe(line.id);
      const stationLoads = (run.result as { stationLoads: { load: number }[] }).stationLoads;
      expect(answer.model.machines).toHaveLength(stationLoads.length);
      const queued = await call('/api/v1/simulations', 'tw_demo_planner', {
        method: 'POST',
        body: JSON.stringify({ title: 'The proposed balance', model: answer.model }),
      });
      expect(queued.status).toBe(202);
      expect((await call(`/api/v1/balancing-runs/${run.id}/simulation-model`, 'tw_demo_planner_linz')).status).toBe(404);
    } finally {
      await pages.close();
    }
  });
});
