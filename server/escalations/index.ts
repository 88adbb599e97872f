/** Escalations with an SLA and a route: raising, handling, figures, and the overdue sweep. */
export { addEvent, changeEscalationStatus, commentOnEscalation, isBreached, raiseEscalation } from './escalations.ts';
export { escalationRoutes } from './routes.ts';
export { escalateOverdue } from './sweep.ts';
export { visibleSubjects } from './subjects.ts';
