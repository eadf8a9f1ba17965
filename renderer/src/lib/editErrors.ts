// A refused dictionary edit comes back as one message with a line per problem, "path: message"
// ("surface: root \"ev\" (noun) already exists (row 12)", "alternants[1].when.next: …"). The editor shows
// each line at the field its path names, and the rest above the form.

export interface FieldError {
  /** "" when the line names no field. */
  path: string;
  message: string;
}

const PATH = /^((?:[A-Za-z_][\w]*)(?:\[\d+\])?(?:\.[^\s:.[\]]+(?:\[\d+\])?)*): (.+)$/su;

export function splitEditError(message: string): FieldError[] {
  return message
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const m = PATH.exec(line);
      return m ? { path: m[1], message: m[2] } : { path: '', message: line };
    });
}

/** The messages for a field: its own path or anything inside it ("alternants[0]" takes "alternants[0].when.next"). */
export function errorAt(errors: readonly FieldError[], path: string): string | null {
  const hits = errors.filter((e) => e.path === path || e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`));
  return hits.length ? hits.map((e) => e.message).join('\n') : null;
}

/** Lines no field in `shown` takes: they go above the form so nothing is lost. */
export function unplacedErrors(errors: readonly FieldError[], shown: readonly string[]): string | null {
  const rest = errors.filter((e) => e.path === '' || !shown.some((p) => e.path === p || e.path.startsWith(`${p}.`) || e.path.startsWith(`${p}[`)));
  return rest.length ? rest.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('\n') : null;
}

/** What the editor's tabs get back when they ask for an edit: the result, or the refusal split by field. */
export type ApplyOutcome<R> = { ok: true; result: R } | { ok: false; errors: FieldError[] };
