// Errors a user can act on. Transports turn `code` into the API error code and show `message` verbatim,
// so messages must say what is wrong and where (file, line, byte offset, id).
export class UserError extends Error {
  readonly code: string;
  constructor(message: string, code = 'bad-input') {
    super(message);
    this.name = 'UserError';
    this.code = code;
  }
}

/** A job stopped because the user asked it to. */
export class CancelledError extends Error {
  constructor(message = 'cancelled by the user') {
    super(message);
    this.name = 'CancelledError';
  }
}
