// Sources checked against each other (issue 15): so far the comparison of two counts per period.
export {
  allowanceOf,
  breachesOf,
  comparePeriods,
  type PeriodComparison,
  type PeriodCounts,
  type PeriodVerdict,
  type Tolerance,
} from './compare.ts';
