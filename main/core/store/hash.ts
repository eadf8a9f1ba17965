// Stable identity for configurations: two configs that differ only in key order hash the same, so a
// training run can be recognised as a repeat of an earlier one.
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth; array order is kept. Follows JSON.stringify otherwise. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

/** SHA-256 (hex) of the canonical JSON of `obj`. */
export function hashConfig(obj: unknown): string {
  return createHash('sha256').update(canonicalJson(obj)).digest('hex');
}
