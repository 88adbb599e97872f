/** Decision use cases: their accountable owner, lifecycle, user groups and recorded usage. */
export { type UseCaseStatus } from './lifecycle.ts';
export { useCaseRoutes } from './routes.ts';
export { recordUsage } from './usage.ts';
export { createUseCase, refuseRetired, transitionUseCase } from './useCases.ts';
