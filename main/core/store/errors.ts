// Store errors carry the API error code the dispatcher reports (see ApiErrorShape in contract.ts).

/** A corpus, tokenizer version or job id that does not exist (any more). */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
  readonly code = 'not-found';
}

/** A file that cannot be used as a workspace: not SQLite, another app's database, too new. */
export class WorkspaceError extends Error {
  override name = 'WorkspaceError';
  readonly code = 'bad-input';
}
