/**
 * The demo's KPIs: narrow economic targets with baselines from the three months before
 * go-live. `pace` is the share of the gap the line closes in six months (above 1 = ahead,
 * negative = getting worse); `monthsMeasured` below 6 leaves a KPI overdue for measurement.
 */
export const demoKpis = [
  { useCase: 'constraint', name: 'Line OEE', unit: '%', direction: 'higher_is_better', baseline: 61.8, target: 70, pace: 0.7, noise: 1.2, monthsMeasured: 6, owner: 'martin', annualValuePerUnit: 38_000, baselineSource: 'MES OEE report, 3 months before go-live', measurementSource: 'MES OEE report' },
  { useCase: 'constraint', name: 'Output per shift', unit: 'parts', direction: 'higher_is_better', baseline: 412, target: 460, pace: 0.6, noise: 8, monthsMeasured: 6, owner: 'martin', annualValuePerUnit: 2_900, baselineSource: 'MES production counts', measurementSource: 'MES production counts' },
  { useCase: 'constraint', name: 'Unplanned downtime at the constraint', unit: 'h/week', direction: 'lower_is_better', baseline: 9.5, target: 6, pace: 0.55, noise: 0.8, monthsMeasured: 6, owner: 'jana', annualValuePerUnit: 21_000, baselineSource: 'CMMS work orders', measurementSource: 'CMMS work orders' },
  { useCase: 'constraint', name: 'Energy per good crankshaft', unit: 'kWh/part', direction: 'lower_is_better', baseline: 18.4, target: 16.5, pace: 0.1, noise: 0.3, monthsMeasured: 6, owner: 'martin', annualValuePerUnit: 95_000, baselineSource: 'Energy meters ÷ MES good count', measurementSource: 'Energy meters ÷ MES good count' },
  { useCase: 'buffer', name: 'Blocked and starved time at OP40', unit: '%', direction: 'lower_is_better', baseline: 14, target: 8, pace: 0.45, noise: 1, monthsMeasured: 5, owner: 'martin', annualValuePerUnit: null, baselineSource: 'PLC state log', measurementSource: 'PLC state log' },
  { useCase: 'buffer', name: 'Work in process', unit: 'parts', direction: 'lower_is_better', baseline: 180, target: 140, pace: -0.2, noise: 6, monthsMeasured: 5, owner: 'tomas', annualValuePerUnit: null, baselineSource: 'MES WIP snapshot', measurementSource: 'MES WIP snapshot' },
  { useCase: 'maintenance', name: 'Mean time between failures', unit: 'h', direction: 'higher_is_better', baseline: 38, target: 55, pace: 0.3, noise: 2, monthsMeasured: 3, owner: 'jana', annualValuePerUnit: 1_800, baselineSource: 'CMMS failure records', measurementSource: 'CMMS failure records' },
  { useCase: 'maintenance', name: 'Output lost to maintenance', unit: 'units/week', direction: 'lower_is_better', baseline: 320, target: 200, pace: 0.4, noise: 15, monthsMeasured: 5, owner: 'jana', annualValuePerUnit: 310, baselineSource: 'MES downtime reasons', measurementSource: 'MES downtime reasons' },
  { useCase: 'changeover', name: 'Changeover time', unit: 'min', direction: 'lower_is_better', baseline: null, target: 30, pace: 0, noise: 0, monthsMeasured: 0, owner: 'anna', annualValuePerUnit: null, baselineSource: '', measurementSource: '' },
] as const;
