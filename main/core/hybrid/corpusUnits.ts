// Step 1 of hybrid training: every distinct corpus word split into units (units.ts), word units case-folded
// (casing.ts), and what the later steps need added up: folded word types with how often they open a corpus word
// (then a space precedes them) or follow inside one, residue strings (OTHER runs, whitespace, non-ASCII digits,
// words whose case does not fold) and the number of word units. This is the reference; native/units.ts gives the
// same result on the addon.
import { type Casing, makeCasing } from './casing';
import { splitUnits } from './units';

export interface TypeCounts {
  lead: number;
  inner: number;
}

/** Folded word types in code-unit order, with how often each opens a corpus word / stands inside one. */
export interface TypeTable {
  list: string[];
  lead: Float64Array;
  inner: Float64Array;
}

export interface CorpusUnits {
  /** The words with a positive count, in code-unit order (the trainer's later passes walk them). */
  words: [string, number][];
  types: TypeTable;
  /** Residue string (with its leading space where the unit opens a word) -> count. */
  residue: Map<string, number>;
  /** WORD units, counted with their words' counts. */
  wordUnits: number;
}

export interface CorpusUnitsInput {
  wordCounts: Map<string, number>;
  /** The dictionary's language: it decides the case folding. */
  language: string;
  /** Fold the case of words (the model's case markers); off, every word unit is a type as it stands. */
  caseMarkers: boolean;
  /** Called after words 0, 5000, 10000, … with (done, words.length), and once with (words.length, words.length). */
  progress?(done: number, total: number): void;
  /** Called after each of those reports but the last; throws to cancel. */
  stop?(): void;
}

export const UNITS_PROGRESS_EVERY = 5000;
const ASCII_DIGITS = /^[0-9]+$/;

/** The words with a positive count, sorted. The default sort compares code units (and beats a comparator). */
export function sortedWords(wordCounts: Map<string, number>): [string, number][] {
  const keys: string[] = [];
  for (const [w, n] of wordCounts) if (n > 0) keys.push(w);
  keys.sort();
  return keys.map((w) => [w, wordCounts.get(w)!]);
}

/** The sums of step 1, one word at a time (the native pass hands it the words it leaves to the reference). */
export class UnitsAccumulator {
  readonly types = new Map<string, TypeCounts>();
  readonly residue = new Map<string, number>();
  wordUnits = 0;
  private readonly casing: Casing;

  constructor(
    language: string,
    private readonly caseMarkers: boolean,
  ) {
    this.casing = makeCasing(language);
  }

  private addResidue(s: string, n: number): void {
    this.residue.set(s, (this.residue.get(s) ?? 0) + n);
  }

  add(w: string, n: number): void {
    if (!Number.isInteger(n)) throw new Error(`word ${JSON.stringify(w)} has an invalid count ${n}`);
    const units = splitUnits(w);
    for (let j = 0; j < units.length; j++) {
      const u = units[j];
      const s = units.length === 1 ? w : w.slice(u.start, u.end);
      const lead = j === 0 ? ' ' : '';
      if (u.kind === 'word') {
        this.wordUnits += n;
        let folded = s;
        if (this.caseMarkers) {
          const cls = this.casing.classify(s);
          folded = cls === 'mixed' || cls === 'lower' ? s : this.casing.lower(s); // 'lower': already folded
          if (cls === 'mixed' || folded.length !== s.length) {
            this.addResidue(lead + s, n);
            continue;
          }
        }
        let t = this.types.get(folded);
        if (!t) this.types.set(folded, (t = { lead: 0, inner: 0 }));
        if (j === 0) t.lead += n;
        else t.inner += n;
      } else if (u.kind === 'number') {
        if (!ASCII_DIGITS.test(s)) this.addResidue(lead + s, n);
      } else if (u.kind === 'other') {
        this.addResidue(lead + s, n);
      } else {
        this.addResidue(s, n);
      }
    }
  }

  result(words: [string, number][]): CorpusUnits {
    return { words, types: typeTable(this.types), residue: this.residue, wordUnits: this.wordUnits };
  }
}

/** Two type tables as one (the counts of a type in both added). */
export function mergeTypes(a: TypeTable, b: TypeTable): TypeTable {
  if (b.list.length === 0) return a;
  const size = a.list.length + b.list.length;
  const list: string[] = new Array(size);
  const lead = new Float64Array(size);
  const inner = new Float64Array(size);
  let i = 0;
  let j = 0;
  let k = 0;
  for (; i < a.list.length || j < b.list.length; k++) {
    const x = i < a.list.length ? a.list[i] : undefined;
    const y = j < b.list.length ? b.list[j] : undefined;
    const fromA = y === undefined || (x !== undefined && x <= y);
    const fromB = x === undefined || (y !== undefined && y <= x);
    list[k] = fromA ? x! : y!;
    lead[k] = (fromA ? a.lead[i] : 0) + (fromB ? b.lead[j] : 0);
    inner[k] = (fromA ? a.inner[i] : 0) + (fromB ? b.inner[j] : 0);
    if (fromA) i++;
    if (fromB) j++;
  }
  list.length = k;
  return { list, lead: lead.subarray(0, k), inner: inner.subarray(0, k) };
}

/** The types of a map in code-unit order (the default sort compares code units). */
export function typeTable(types: Map<string, TypeCounts>): TypeTable {
  const list = [...types.keys()].sort();
  return { list, lead: Float64Array.from(list, (t) => types.get(t)!.lead), inner: Float64Array.from(list, (t) => types.get(t)!.inner) };
}

/** Step 1 on the TypeScript reference. */
export function corpusUnits(input: CorpusUnitsInput): CorpusUnits {
  const words = sortedWords(input.wordCounts);
  const acc = new UnitsAccumulator(input.language, input.caseMarkers);
  for (let i = 0; i < words.length; i++) {
    acc.add(words[i][0], words[i][1]);
    if (i % UNITS_PROGRESS_EVERY === 0) {
      input.progress?.(i, words.length);
      input.stop?.();
    }
  }
  input.progress?.(words.length, words.length);
  return acc.result(words);
}
