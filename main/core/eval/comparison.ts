// Two stored evaluation runs side by side: every tokenizer of either run, paired across the runs, with each
// metric's value in run A, in run B and the difference B − A judged by the metric's direction (metrics.ts).
// Pure: it reads two EvalResults and nothing else, so the handler, the CLI and tests share it.
//
// Pairing, in this order, each entry used once:
//   1. the same source: the same workspace version id, or the same OpenAI encoding;
//   2. the same config hash: the same training recipe on the same corpora (training is deterministic), or
//      the same tokenizer.json imported twice;
//   3. the same version name, when exactly one unpaired version of each run has it and their kinds agree:
//      a retrained version keeps its name, so "the hybrid before and after a dictionary edit" pairs up.
// Pairs made by 2 and 3 are listed as notices so nobody mistakes them for one version.
// Gold and parallel sets pair by id, else by sha256 (the same file imported again).
import type { CompareSource, EvalCompareCell, EvalCompareMeasure, EvalCompareTokenizer, EvalComparison, EvalResult, EvalTokenizerResult } from '../../api/contract';
import { UserError } from '../errors';
import { BOUNDARY_METRICS, PREMIUM_METRICS, TOKENIZER_METRICS, type MetricDef } from './metrics';

type Run = 'A' | 'B';
type Notice = EvalComparison['notices'][number];
type Read = { value: number | null; note: string | null };

interface Spec {
  measure: EvalCompareMeasure;
  /** One run's value for one tokenizer of that run, or why there is none. */
  read(run: Run, t: EvalTokenizerResult): Read;
  /** Why the two runs' values cannot be subtracted (different α or pivot), else null. */
  incomparable: string | null;
}

interface Slot<T> {
  a: T | null;
  b: T | null;
  name: string;
  /** Same id but different content (a set re-annotated or replaced). */
  changed: boolean;
}

export function sourceKey(s: CompareSource): string {
  return s.kind === 'version' ? `v${s.id}` : `o:${s.name}`;
}

export function compareEvaluations(a: EvalResult, b: EvalResult): EvalComparison {
  if (a.id === b.id) throw new UserError(`evaluation #${a.id} cannot be compared with itself: pick two different runs`);
  const notices: Notice[] = [];
  const runs = { A: a, B: b } as const;

  notices.push(...corpusNotices(a, b));
  const gold = matchSets(a.inputs.goldSets, b.inputs.goldSets);
  const parallel = matchSets(a.inputs.parallelSets, b.inputs.parallelSets);
  for (const s of gold) {
    if (!s.a || !s.b) notices.push(warn('gold', `gold set "${s.name}" is only in run ${s.a ? 'A' : 'B'}: its boundary scores have nothing to compare with`));
    else if (s.changed) notices.push(warn('gold', `gold set "${s.name}" changed between the runs (${s.a.entries} → ${s.b.entries} words, sha256 ${s.a.sha256.slice(0, 12)} → ${s.b.sha256.slice(0, 12)}): the boundary scores are on different words`));
  }
  for (const s of parallel) {
    if (!s.a || !s.b) notices.push(warn('parallel', `parallel set "${s.name}" is only in run ${s.a ? 'A' : 'B'}: its token premiums have nothing to compare with`));
    else if (s.changed) notices.push(warn('parallel', `parallel set "${s.name}" changed between the runs (${s.a.rows} → ${s.b.rows} rows, sha256 ${s.a.sha256.slice(0, 12)} → ${s.b.sha256.slice(0, 12)})`));
  }
  notices.push(...dictionaryNotices(a, b));
  const alphaDiffers = a.config.renyiAlpha !== b.config.renyiAlpha;
  if (alphaDiffers) notices.push(warn('alpha', `Rényi α differs: ${a.config.renyiAlpha} in run A, ${b.config.renyiAlpha} in run B; Rényi efficiencies are shown but not subtracted`));

  // ---- the measures ----
  const specs: Spec[] = [];
  for (const m of TOKENIZER_METRICS) {
    specs.push({
      measure: measureOf(m, m.id, null, null),
      read: (run, t) => {
        if (t.error) return failed(run);
        const v = finite(m.value(t));
        if (v !== null) return { value: v, note: null };
        const r = runs[run];
        if (!r.inputs.corpus) return { value: null, note: `run ${run} had no corpus sample` };
        if (m.group === 'dictionary' && !r.inputs.dictionary) return { value: null, note: `run ${run} had no dictionary` };
        return { value: null, note: `not measured in run ${run}` };
      },
      incomparable: m.id === 'renyi_efficiency' && alphaDiffers ? `α differs (${a.config.renyiAlpha} in A, ${b.config.renyiAlpha} in B)` : null,
    });
  }
  gold.forEach((slot, k) => {
    for (const m of BOUNDARY_METRICS) {
      specs.push({
        measure: measureOf(m, `gold${k}:${m.id}`, slot.name, null),
        read: (run, t) => {
          const set = run === 'A' ? slot.a : slot.b;
          if (!set) return { value: null, note: `run ${run} had no gold set "${slot.name}"` };
          if (t.error) return failed(run);
          const found = t.boundaries.find((x) => x.goldSetId === set.id);
          return found ? { value: finite(m.value(found)), note: null } : { value: null, note: `not measured in run ${run}` };
        },
        incomparable: null,
      });
    }
  });
  parallel.forEach((slot, k) => {
    const pivotA = slot.a ? pivotOf(a, slot.a.id) : null;
    const pivotB = slot.b ? pivotOf(b, slot.b.id) : null;
    const pivotDiffers = pivotA !== null && pivotB !== null && pivotA !== pivotB;
    if (pivotDiffers) notices.push(warn('parallel', `parallel set "${slot.name}": pivot ${pivotA} in run A, ${pivotB} in run B; token premiums are shown but not subtracted`));
    // Every language but the pivot (a language that is the pivot in one run only stays: it has a value in the other).
    const languages = [...new Set([...(slot.a?.languages ?? []), ...(slot.b?.languages ?? [])])].filter(
      (l) => !((pivotA === null || l === pivotA) && (pivotB === null || l === pivotB)),
    );
    for (const language of languages) {
      for (const m of PREMIUM_METRICS) {
        specs.push({
          measure: measureOf(m, `parallel${k}:${language}:${m.id}`, slot.name, language),
          read: (run, t) => {
            const set = run === 'A' ? slot.a : slot.b;
            if (!set) return { value: null, note: `run ${run} had no parallel set "${slot.name}"` };
            if (t.error) return failed(run);
            const side = t.premium.find((x) => x.parallelSetId === set.id)?.languages.find((l) => l.language === language);
            if (!side) return { value: null, note: `no ${language} side in run ${run}` };
            const v = finite(m.value(side));
            return v === null ? { value: null, note: `no rows with both sides in run ${run}` } : { value: v, note: null };
          },
          incomparable: pivotDiffers ? `pivot differs (${pivotA} in A, ${pivotB} in B)` : null,
        });
      }
    }
  });

  // ---- the tokenizers ----
  const pairs = matchTokenizers(a.tokenizers, b.tokenizers);
  const rows: EvalCompareTokenizer[] = pairs.map((p) => ({
    key: `${p.a ? sourceKey(p.a.source) : '-'}~${p.b ? sourceKey(p.b.source) : '-'}`,
    label: p.a && p.b ? (p.a.label === p.b.label ? p.a.label : `${p.a.label} → ${p.b.label}`) : (p.a ?? p.b)!.label,
    matchedBy: p.by,
    a: p.a ? sideOf(p.a) : null,
    b: p.b ? sideOf(p.b) : null,
    cells: specs.map((s) => cellOf(s, p.a, p.b)),
  }));
  for (const p of pairs) {
    if (p.by === 'config') notices.push(info('tokenizers', `${p.a!.label} (run A) and ${p.b!.label} (run B) are different versions with the same config hash, compared as one tokenizer`));
    if (p.by === 'name') notices.push(info('tokenizers', `${p.a!.label} (run A) and ${p.b!.label} (run B) are different versions of the same name, compared as one tokenizer`));
  }
  for (const run of ['A', 'B'] as const) {
    const only = pairs.filter((p) => (run === 'A' ? p.a && !p.b : p.b && !p.a)).map((p) => (p.a ?? p.b)!.label);
    if (only.length) notices.push(info('tokenizers', `only in run ${run}: ${only.join(', ')}`));
  }

  // A measure nobody has a value for (e.g. no dictionary in either run) is left out.
  const keep = specs.map((_, i) => rows.some((r) => r.cells[i].a !== null || r.cells[i].b !== null));
  return {
    a: runOf(a),
    b: runOf(b),
    // Warnings (different data) first: they change how every figure below reads.
    notices: [...notices.filter((n) => n.level === 'warning'), ...notices.filter((n) => n.level === 'info')],
    measures: specs.filter((_, i) => keep[i]).map((s) => s.measure),
    tokenizers: rows.map((r) => ({ ...r, cells: r.cells.filter((_, i) => keep[i]) })),
  };
}

// ---------- cells ----------

function cellOf(spec: Spec, ta: EvalTokenizerResult | null, tb: EvalTokenizerResult | null): EvalCompareCell {
  const ra: Read = ta ? spec.read('A', ta) : { value: null, note: 'not in run A' };
  const rb: Read = tb ? spec.read('B', tb) : { value: null, note: 'not in run B' };
  const cell: EvalCompareCell = { measure: spec.measure.key, a: ra.value, b: rb.value, delta: null, relative: null, change: null, note: null };
  if (ra.value === null || rb.value === null) {
    cell.note = [ra.note, rb.note].filter(Boolean).join('; ') || null;
    return cell;
  }
  if (spec.incomparable) {
    cell.note = spec.incomparable;
    return cell;
  }
  const d = rb.value - ra.value;
  // Figures from the same seeded sample repeat exactly; this only absorbs float noise in the subtraction.
  const same = Math.abs(d) <= 1e-12 * Math.max(1, Math.abs(ra.value), Math.abs(rb.value));
  cell.delta = same ? 0 : d;
  cell.relative = ra.value !== 0 ? cell.delta / Math.abs(ra.value) : null;
  const better = spec.measure.better;
  cell.change = same ? 'same' : better === null ? null : (d < 0) === (better === 'lower') ? 'better' : 'worse';
  return cell;
}

function measureOf<T>(m: MetricDef<T>, key: string, set: string | null, language: string | null): EvalCompareMeasure {
  return { key, metric: m.id, label: m.label, help: m.help, unit: m.unit, better: m.better, group: m.group, set, language };
}

const failed = (run: Run): Read => ({ value: null, note: `failed in run ${run}` });
const finite = (v: number | null | undefined): number | null => (v == null || !Number.isFinite(v) ? null : v);
const warn = (kind: Notice['kind'], text: string): Notice => ({ level: 'warning', kind, text });
const info = (kind: Notice['kind'], text: string): Notice => ({ level: 'info', kind, text });

// ---------- pairing ----------

interface Pair {
  a: EvalTokenizerResult | null;
  b: EvalTokenizerResult | null;
  by: EvalCompareTokenizer['matchedBy'];
}

const sameSource = (x: CompareSource, y: CompareSource) => sourceKey(x) === sourceKey(y);
const versionName = (t: EvalTokenizerResult) => (t.source.kind === 'version' ? t.label.replace(/^#\d+\s+/, '') : null);

export function matchTokenizers(as: readonly EvalTokenizerResult[], bs: readonly EvalTokenizerResult[]): Pair[] {
  const partner = new Array<number>(as.length).fill(-1);
  const how = new Array<Pair['by']>(as.length).fill(null);
  const taken = new Set<number>();
  const pass = (by: NonNullable<Pair['by']>, pick: (i: number) => number) => {
    as.forEach((_, i) => {
      if (partner[i] >= 0) return;
      const j = pick(i);
      if (j >= 0) {
        partner[i] = j;
        how[i] = by;
        taken.add(j);
      }
    });
  };
  const free = (pred: (t: EvalTokenizerResult) => boolean) => bs.findIndex((t, j) => !taken.has(j) && pred(t));
  pass('source', (i) => free((t) => sameSource(t.source, as[i].source)));
  pass('config', (i) => (as[i].configHash ? free((t) => t.configHash === as[i].configHash) : -1));
  pass('name', (i) => {
    const name = versionName(as[i]);
    if (name === null) return -1;
    const inA = as.filter((t, k) => partner[k] < 0 && versionName(t) === name);
    const inB = bs.map((t, j) => ({ t, j })).filter(({ t, j }) => !taken.has(j) && versionName(t) === name);
    if (inA.length !== 1 || inB.length !== 1) return -1; // ambiguous: better unpaired than wrongly paired
    const kb = inB[0].t.kind;
    return as[i].kind && kb && as[i].kind !== kb ? -1 : inB[0].j;
  });
  const out: Pair[] = as.map((t, i) => ({ a: t, b: partner[i] >= 0 ? bs[partner[i]] : null, by: how[i] }));
  bs.forEach((t, j) => {
    if (!taken.has(j)) out.push({ a: null, b: t, by: null });
  });
  return out;
}

function matchSets<T extends { id: number; name: string; sha256: string }>(as: readonly T[], bs: readonly T[]): Slot<T>[] {
  const taken = new Set<number>();
  const slots: Slot<T>[] = as.map((x) => {
    let j = bs.findIndex((y, k) => !taken.has(k) && y.id === x.id);
    if (j < 0) j = bs.findIndex((y, k) => !taken.has(k) && y.sha256 === x.sha256);
    if (j < 0) return { a: x, b: null, name: x.name, changed: false };
    taken.add(j);
    const y = bs[j];
    return { a: x, b: y, name: x.name === y.name ? x.name : `${x.name} / ${y.name}`, changed: x.sha256 !== y.sha256 };
  });
  bs.forEach((y, k) => {
    if (!taken.has(k)) slots.push({ a: null, b: y, name: y.name, changed: false });
  });
  return slots;
}

/** The pivot a run used on a parallel set, as its results say (the config holds only what was asked for). */
function pivotOf(r: EvalResult, setId: number): string | null {
  for (const t of r.tokenizers) {
    const p = t.premium.find((x) => x.parallelSetId === setId);
    if (p) return p.pivot;
  }
  return r.config.pivot;
}

// ---------- inputs ----------

function corpusNotices(a: EvalResult, b: EvalResult): Notice[] {
  const ca = a.inputs.corpus;
  const cb = b.inputs.corpus;
  if (!ca && !cb) return [];
  if (!ca || !cb) {
    const [has, c] = ca ? (['A', ca] as const) : (['B', cb!] as const);
    return [warn('corpus', `only run ${has} measured a corpus sample ("${c.name}"): run ${has === 'A' ? 'B' : 'A'} has no sample metrics`)];
  }
  if (ca.sha256 !== cb.sha256) {
    return [warn('corpus', `different corpora: run A sampled "${ca.name}" (sha256 ${ca.sha256.slice(0, 12)}), run B "${cb.name}" (sha256 ${cb.sha256.slice(0, 12)}); the sample metrics are measured on different text`)];
  }
  if (ca.sampledLines !== cb.sampledLines || a.config.seed !== b.config.seed) {
    return [warn('sample', `different samples of "${ca.name}": ${ca.sampledLines} lines with seed ${a.config.seed} in run A, ${cb.sampledLines} lines with seed ${b.config.seed} in run B`)];
  }
  return [];
}

function dictionaryNotices(a: EvalResult, b: EvalResult): Notice[] {
  const da = a.inputs.dictionary;
  const db = b.inputs.dictionary;
  if (!da && !db) return [];
  if (!da || !db) {
    const [has, d] = da ? (['A', da] as const) : (['B', db!] as const);
    return [warn('dictionary', `only run ${has} measured alignment with a dictionary ("${d.name}")`)];
  }
  if (da.id !== db.id) return [warn('dictionary', `different dictionaries: "${da.name}" in run A, "${db.name}" in run B; the alignment metrics judge tokens against different morphemes`)];
  if (da.stamp !== db.stamp) return [warn('dictionary', `dictionary "${db.name}" was edited between the runs (stamp ${da.stamp} → ${db.stamp}); the alignment metrics judge tokens against different morphemes`)];
  return [];
}

function runOf(r: EvalResult): EvalComparison['a'] {
  return {
    id: r.id,
    name: r.name,
    createdAt: r.createdAt,
    corpus: r.inputs.corpus?.name ?? null,
    sampledLines: r.inputs.corpus?.sampledLines ?? null,
    seed: r.config.seed,
    renyiAlpha: r.config.renyiAlpha,
    goldSets: r.inputs.goldSets.map((g) => g.name),
    parallelSets: r.inputs.parallelSets.map((p) => p.name),
    dictionary: r.inputs.dictionary?.name ?? null,
  };
}

function sideOf(t: EvalTokenizerResult): NonNullable<EvalCompareTokenizer['a']> {
  return { source: t.source, label: t.label, kind: t.kind, vocabSize: t.vocabSize, configHash: t.configHash, error: t.error };
}
