/** Work schedules of sites (shifts with breaks) and planned stops: what cuts every metric window. */
export { plannedTime, shiftAt, shiftsIn, type PlannedTime } from './planned.ts';
export { scheduleRoutes } from './routes.ts';
export { plannedStopsOfLine } from './schedules.ts';
export { lineStopsIn, type LineStop } from './lineStops.ts';
