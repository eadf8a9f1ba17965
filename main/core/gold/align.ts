// Projecting canonical segment boundaries onto a surface word (SIGMORPHON 2022 gives segments in canonical
// form: "ablations" = "ablate @@ion @@s"). The concatenated canonical string is aligned with the surface by
// Levenshtein DP over code points (match 0, substitution, insertion, deletion 1; case-insensitive), and each
// canonical boundary lands where the surface stands just before the step that consumes the next canonical
// character. So surface characters the canonical form lacks (insertions) at a junction go to the LEFT
// segment ("stopped" = "stop @@ed" -> stopp|ed), deleted canonical characters vanish (ablat|ion|s), and
// substitutions keep their place (happi|ness). Boundaries that fall on the word's edges or on each other
// collapse, so a segment that is wholly absent from the surface disappears.

/** The surface segments of `word` whose boundaries are those of `canonical`, projected as above. */
export function projectSegments(word: string, canonical: readonly string[]): string[] {
  if (canonical.join('') === word) return [...canonical];
  const w = Array.from(word);
  const c: string[] = [];
  const canonBoundaries: number[] = []; // in code points of the canonical string
  for (const seg of canonical) {
    if (c.length > 0) canonBoundaries.push(c.length);
    c.push(...Array.from(seg));
  }
  const n = c.length;
  const m = w.length;
  const lw = w.map((x) => x.toLowerCase());
  const lc = c.map((x) => x.toLowerCase());
  // dist[i][j]: cost of aligning c[0..i) with w[0..j).
  const dist: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = 0; i <= n; i++) dist[i][0] = i;
  for (let j = 0; j <= m; j++) dist[0][j] = j;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const sub = dist[i - 1][j - 1] + (lc[i - 1] === lw[j - 1] ? 0 : 1);
      dist[i][j] = Math.min(sub, dist[i - 1][j] + 1, dist[i][j - 1] + 1);
    }
  }
  // Backtrace, preferring the diagonal, then deletion, then insertion, so the path is deterministic.
  // consumedAt[i] = the surface position when canonical character i is consumed.
  const consumedAt = new Int32Array(n + 1);
  consumedAt[n] = m;
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && dist[i][j] === dist[i - 1][j - 1] + (lc[i - 1] === lw[j - 1] ? 0 : 1)) {
      consumedAt[i - 1] = j - 1;
      i--;
      j--;
    } else if (i > 0 && dist[i][j] === dist[i - 1][j] + 1) {
      consumedAt[i - 1] = j;
      i--;
    } else {
      j--;
    }
  }
  // Insertions just before canonical character b happen before it is consumed, so consumedAt[b] already
  // counts them: they join the left segment.
  const cuts = [...new Set(canonBoundaries.map((b) => consumedAt[b]))].filter((x) => x > 0 && x < m).sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const cut of [...cuts, m]) {
    out.push(w.slice(from, cut).join(''));
    from = cut;
  }
  return out;
}
