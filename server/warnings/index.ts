/** Early warnings of a stalling program: weighted signals, each linked to the entity to fix. */
export { earlyWarnings } from './earlyWarnings.ts';
export { warningRoutes } from './routes.ts';
