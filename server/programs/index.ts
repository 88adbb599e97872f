/** Programs with their sites and value window, user groups with their escalation routes, and adoption. */
export { adoption, adoptionViews } from './adoptionReport.ts';
export { createProgram } from './programs.ts';
export { programRoutes } from './routes.ts';
export { userGroupRoutes } from './userGroupRoutes.ts';
export { createUserGroup } from './userGroups.ts';
export { portfolio, programSummary } from './portfolio.ts';
