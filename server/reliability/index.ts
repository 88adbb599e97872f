// The reliability engineer's weekly health view (issue 15): so far its anomaly method.
export {
  FALSE_ALARM_RATE,
  MIN_BASELINE_POINTS,
  controlChart,
  robustLimits,
  runRuleSignals,
  zScore,
  type ChartLimits,
  type ChartPoint,
  type RuleSignal,
  type RunRule,
  type SeriesPoint,
} from './controlChart.ts';
