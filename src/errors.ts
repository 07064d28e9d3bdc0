/**
 * Domain errors. Domain functions throw these; the app's one `onError` turns each into its
 * status code and page, so a route never builds an error response by hand.
 */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409 | 413 | 422,
  ) {
    super(message);
  }
}

export class NotFound extends DomainError {
  constructor(message = 'We could not find that page.') {
    super(message, 404);
  }
}

export class Invalid extends DomainError {
  constructor(message: string) {
    super(message, 400);
  }
}

export class Forbidden extends DomainError {
  constructor(message = 'You do not have permission to do that.') {
    super(message, 403);
  }
}

export class Conflict extends DomainError {
  constructor(message: string) {
    super(message, 409);
  }
}

/** The record looked up, or a 404 saying what is missing. */
export function found<T>(record: T | undefined, message: string): T {
  if (record === undefined) throw new NotFound(message);
  return record;
}
