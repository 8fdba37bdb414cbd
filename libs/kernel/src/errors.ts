/**
 * Every failure a user can see is an AppError with a stable `code`.
 * `kind` says what sort of failure it is; the API maps kinds to HTTP statuses
 * in exactly one place (the problem+json filter), so libs never know HTTP.
 */
export type ErrorKind =
  | 'invalid' // the request itself is malformed
  | 'not-found'
  | 'conflict' // the state moved on, or contradicts the request
  | 'rule' // well-formed, but the domain does not allow it now
  | 'unauthenticated'
  | 'forbidden'
  | 'too-large'
  | 'unavailable';

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    readonly title: string,
    detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }

  get detail(): string {
    return this.message;
  }
}

export class InvalidInputError extends AppError {
  constructor(detail: string, extensions: Record<string, unknown> = {}) {
    super('request.invalid', 'invalid', 'Invalid request', detail, extensions);
  }
}

export class NotFoundError extends AppError {
  constructor(code: string, detail: string, extensions: Record<string, unknown> = {}) {
    super(code, 'not-found', 'Not found', detail, extensions);
  }
}
