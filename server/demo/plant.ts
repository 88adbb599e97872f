import type { Write } from '../core/write.ts';
import { createArea, createEnterprise, createLine, createSite, createStation } from '../plant/index.ts';

/** The Brno plant's zone, which the demo program's calendar takes (most of its sites are in it). */
export const demoZone = 'Europe/Prague';

/** Lines of the demo plant: two sites, three lines, with their stations in flow order. */
const layout = [
  {
    site: { code: 'brno', name: 'Brno Powertrain Plant', timezone: demoZone, peakLimitKw: 400 },
    areas: [
      {
        code: 'machining',
        name: 'Machining hall',
        lines: [
          {
            code: 'crankshaft-1',
            name: 'Crankshaft line 1',
            stations: [
              'OP10 Turning',
              'OP20 Milling',
              'OP30 Drilling',
              'OP40 Induction hardening',
              'OP50 Grinding',
              'OP60 Balancing',
              'OP70 Final inspection',
            ],
          },
        ],
      },
      {
        code: 'assembly',
        name: 'Assembly hall',
        lines: [
          {
            code: 'gearbox-assembly',
            name: 'Gearbox assembly line',
            stations: [
              'ST01 Housing preparation',
              'ST02 Shaft pressing',
              'ST03 Bearing pressing',
              'ST04 Gear set',
              'ST05 Cover and sealing',
              'ST06 End-of-line test',
            ],
          },
        ],
      },
    ],
  },
  {
    site: { code: 'linz', name: 'Linz Pump Plant', timezone: 'Europe/Vienna', peakLimitKw: 60 },
    areas: [
      {
        code: 'final-assembly',
        name: 'Final assembly',
        lines: [
          {
            code: 'pump-2',
            name: 'Pump line 2',
            stations: ['P10 Impeller fitting', 'P20 Motor mounting', 'P30 Wiring', 'P40 Pressure test', 'P50 Packing'],
          },
        ],
      },
    ],
  },
];

export interface DemoPlant {
  enterpriseId: string;
  siteIds: Record<string, string>;
  areaIds: Record<string, string>;
  lineIds: Record<string, string>;
}

/** The demo enterprise's code: an installation that has it runs the demo (and its live feed). */
export const DEMO_ENTERPRISE_CODE = 'northwind';

/** Creates the demo enterprise "Northwind Components" with its sites, areas, lines and stations. */
export async function createDemoPlant(w: Write): Promise<DemoPlant> {
  const enterprise = await createEnterprise(w, { code: DEMO_ENTERPRISE_CODE, name: 'Northwind Components' });
  const plant: DemoPlant = { enterpriseId: enterprise.id, siteIds: {}, areaIds: {}, lineIds: {} };
  for (const s of layout) {
    const site = await createSite(w, { enterpriseId: enterprise.id, ...s.site });
    plant.siteIds[s.site.code] = site.id;
    for (const a of s.areas) {
      const area = await createArea(w, { siteId: site.id, code: a.code, name: a.name });
      plant.areaIds[a.code] = area.id;
      for (const l of a.lines) {
        const line = await createLine(w, { areaId: area.id, code: l.code, name: l.name });
        plant.lineIds[l.code] = line.id;
        for (const [i, label] of l.stations.entries()) {
          const [code, ...words] = label.split(' ');
          await createStation(w, { lineId: line.id, code: code.toLowerCase(), name: `${code} ${words.join(' ')}`, position: i + 1 });
        }
      }
    }
  }
  return plant;
}
