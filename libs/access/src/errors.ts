import { AppError } from '@sagsspor/kernel';
import type { Role } from './roles';

/** No credentials, and this route needs some (401). */
export class AuthRequiredError extends AppError {
  constructor() {
    super(
      'auth.required',
      'unauthenticated',
      'Authentication required',
      'Send an API key (Authorization: Bearer <key> or X-Api-Key) or a bearer token.',
    );
  }
}

/**
 * Credentials that do not authenticate (401). The detail is one of a few
 * fixed sentences: never which part of a key matched, never the key.
 */
export class InvalidCredentialsError extends AppError {
  constructor(detail = 'The credentials are not valid.') {
    super('auth.invalid-credentials', 'unauthenticated', 'Invalid credentials', detail);
  }
}

/** Authenticated, but the role does not allow this (403). */
export class ForbiddenError extends AppError {
  constructor(required: Role, what = 'this request') {
    super('auth.forbidden', 'forbidden', 'Forbidden', `The role ${required} or above is needed for ${what}.`, { requiredRole: required });
  }
}

/** Settings that cannot work; raised at startup, never per request. */
export class AuthConfigError extends Error {}
