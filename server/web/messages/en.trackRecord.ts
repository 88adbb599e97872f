/**
 * The twin's track record on the program page and the line page: how well its predictions held,
 * said for a sponsor. The figures' own labels are the use case page's (`ucd.record*`, `ucd.trend.*`,
 * `ucd.verdict.*` in en.decisions.ts).
 */
export const trackRecordTexts = {
  'tr.program.heading': 'Track record of the twin',
  'tr.program.intro':
    'Can the twin be trusted? Each decision recorded with a predicted effect on a KPI is checked against what was measured once its period has passed; this is how often the predictions held.',
  'tr.calibrate': 'Calibrate the line’s model',
  'tr.none': 'No prediction has been checked yet: decisions recorded with predicted effects are checked when their period has passed.',
  'tr.overall': 'All use cases together',
  'tr.overall.good': 'With a good record',
  'tr.overall.goodValue': '{good} of {count, plural, one {# use case} other {# use cases}}: the evidence that the twin can be relied on',
  'tr.overall.inside': 'Predictions that held',
  'tr.overall.insideValue': '{inside} of {checked} ({share}) inside the range the twin gave',
  'tr.byUseCase': 'By use case',
  'tr.table': 'Track record of each use case',
  'tr.col.useCase': 'Use case',
  'tr.meaning':
    'Inside the interval: the share of predictions where what was measured fell within the range the twin gave. Mean bias: how far what was measured lay from the prediction on average, relative to the predicted value; negative when less came than was predicted.',
  'tr.line.heading': 'Track record of the twin on this line',
  'tr.line.intro':
    'How well the twin’s predictions about this line held, across the decisions of the use cases on the line and its area, once their period had passed.',
} as const;
