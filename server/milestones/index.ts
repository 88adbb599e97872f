/** Adoption milestones by quarter, their risk, and the review cycles that record them. */
export { createMilestone, hiddenMilestoneIds, milestoneViews } from './milestones.ts';
export { createReview } from './reviews.ts';
export { milestoneRoutes } from './routes.ts';
