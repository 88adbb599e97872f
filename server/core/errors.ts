/**
 * The errors the domain throws on purpose. Each says what kind of refusal it is and carries what
 * a caller needs to act on it (the offending field paths, the missing conditions); the domain
 * knows nothing of HTTP, and `server/http/errors.ts` maps each kind to problem+json in one place.
 */

/** One offending input: a dotted path into the request (`body.kpis.0.name`) and the reason. */
export interface FieldError {
  path: string;
  message: string;
}

/** Base of the domain's errors: a message, the fields at fault, and facts for the caller. */
export abstract class DomainError extends Error {
  constructor(
    message: string,
    readonly errors?: FieldError[],
    /** Machine-readable facts, such as `missing: ['owner']` or the allowed transitions. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** An id names nothing (or nothing the caller may see). */
export class NotFoundError extends DomainError {}

/** Who is asking could not be established: a wrong password, an expired link. */
export class UnauthenticatedError extends DomainError {}

/** Too many attempts in a window; `details.retryAfterSeconds` says when to try again. */
export class TooManyAttemptsError extends DomainError {}

/** The caller may see the entity but not do this to it (not theirs, not their program). */
export class ForbiddenError extends DomainError {}

/** The request is well-formed but a business rule refuses it. */
export class RuleViolationError extends DomainError {}

/** Input that passed the shape check but is invalid in context (a date range backwards). */
export class InvalidInputError extends DomainError {}

/** The change was made from a version of the entity that is no longer the stored one (If-Match). */
export class PreconditionFailedError extends DomainError {}

/** A service twinward relies on (the identity provider) cannot be reached now; try again later. */
export class UnavailableError extends DomainError {}

/** The input is valid but no solution exists, or none was found within the time limit. */
export class NoSolutionError extends DomainError {}

/**
 * A value given by hand contradicts the stored one it must be taken from (a decision's predicted
 * value that differs from its run's prediction): well-formed, but not to be believed.
 */
export class ContradictionError extends DomainError {}

/** An id that names nothing; `field` when the id came from the request body. */
export function notFound(entity: string, id: string, field?: string): NotFoundError {
  return new NotFoundError(`no ${entity} with id '${id}'`, field ? [{ path: field, message: `unknown ${entity}` }] : undefined);
}

/** A business rule refuses the change; `details` say which conditions are missing. */
export function ruleViolation(detail: string, details: Record<string, unknown> = {}, errors?: FieldError[]): RuleViolationError {
  return new RuleViolationError(detail, errors, details);
}

/** One field that is invalid in context. */
export function invalidInput(path: string, message: string): InvalidInputError {
  return new InvalidInputError(`invalid ${path}: ${message}`, [{ path, message }]);
}
