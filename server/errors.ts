/**
 * Domain errors: each carries a stable code that clients switch on and an HTTP status that the one
 * error handler in server/http/errors.ts turns into {"error": {"code", "message", "field"}}.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class DomainError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly field: string | undefined;

  constructor(options: {
    status: ContentfulStatusCode;
    code: string;
    message: string;
    field?: string;
  }) {
    super(options.message);
    this.name = 'DomainError';
    this.status = options.status;
    this.code = options.code;
    this.field = options.field;
  }
}

export const invalidInput = (field: string, message: string) =>
  new DomainError({ status: 400, code: 'invalid_input', message, field });

export const notSignedIn = () =>
  new DomainError({ status: 401, code: 'not_signed_in', message: 'Sign in to continue.' });

export const forbidden = (message = 'You may not do this here.') =>
  new DomainError({ status: 403, code: 'forbidden', message });

export const notFound = (what: string) =>
  new DomainError({ status: 404, code: 'not_found', message: `${what} was not found.` });

export const conflict = (code: string, message: string, field?: string) =>
  new DomainError({ status: 409, code, message, field });
