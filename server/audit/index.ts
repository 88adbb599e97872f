/** The audit trail of every entity (the entries are written by `core/write.ts`). */
export { auditTrail } from './auditLog.ts';
export { auditRoutes } from './routes.ts';
