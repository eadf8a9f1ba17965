// The training statistics that need the finished tokenizer: tokens per word, how often shared ids are used,
// and the language/pure token shares, over every distinct corpus word weighted by its count.
//
// Each word is measured as the encoding of "a " + word (so a leading implied space behaves as in running
// text) without the tokens of "a". Many words go through one call as "a w1\na w2\n…": the encoding of a word
// depends only on what comes before it up to the space before it and on the words it forms a <capsrun> with
// (never across "\na ", since "a" is lower case), so each word gets the very tokens its own call would give.
// Whitespace inside a word (pre-tokenizers such as gpt4o keep a word's leading space) keeps its tokens too: the
// whitespace encoder cuts runs the same way when a newline follows, except that a word's final "\r" would join
// the newline into one CRLF token, so such words are measured one call each. So is every word when a special
// token holds a newline (it could match across the joins).
import type { TokenType } from '../../api/contract';
import type { HybridTokenizer, PartialBytes } from './codec';
import { type AlignmentMetrics, type MorphemeLexicon, alignmentMetrics } from './metrics';
import { type Layout, entryType } from './model';

export interface CorpusEncodingStats {
  tokensPerWord: number;
  sharingRate: number;
  alignment: AlignmentMetrics;
}

const CHUNK_WORDS = 4096;

export function corpusEncodingStats(
  tok: HybridTokenizer,
  layout: Layout,
  words: readonly (readonly [string, number])[],
  lex: MorphemeLexicon,
  onChunk: (done: number) => void,
): CorpusEncodingStats {
  const types: TokenType[] = layout.entries.map(entryType);
  // Ids that can stand for more than one surface: a root with alternants, an alternant, a group id, a variant
  // that is not its group's shared id.
  const multi = layout.entries.map(
    (e, id) => (e.kind === 'root' && e.alts.length > 0) || e.kind === 'rootAlt' || e.kind === 'group' || (e.kind === 'variant' && layout.groupShared.get(e.group.name) !== id),
  );
  const joinable = !tok.model.config.specialTokens.some((s) => s.includes('\n'));
  let tokenTotal = 0;
  let wordTotal = 0;
  let sharable = 0;
  let sharedN = 0;
  // One sample per distinct (id, text), counts summed, in first-seen order: alignmentMetrics gives the same
  // figures as with one sample per occurrence (it sums counts, and classifies a type by its first sample).
  const samples: { key: number; text: string; count: number }[] = [];
  // Most ids only ever show one text: per id the first text and its sample, a map for the other texts.
  const firstText: (string | undefined)[] = new Array(layout.entries.length);
  const firstAt = new Int32Array(layout.entries.length);
  const otherAt = new Map<string, number>();

  // The words of one call: where each one's "a" starts and where the word ends, and its count.
  let text = '';
  let aStart: number[] = [];
  let wordEnd: number[] = [];
  let weight: number[] = [];
  let cur = 0;
  const visit = (id: number, start: number, end: number, shared: boolean, partial: PartialBytes | undefined) => {
    while (cur < wordEnd.length && end > wordEnd[cur]) cur++;
    if (cur === wordEnd.length || end <= aStart[cur] + 1) return; // the "a", or the newline after a word
    const n = weight[cur];
    tokenTotal += n;
    const type = types[id];
    if (type !== 'special') addSample(id, start, end, partial, n);
    if ((type === 'root' || type === 'affix') && multi[id]) {
      sharable += n;
      if (shared) sharedN += n;
    }
  };
  const addSample = (id: number, start: number, end: number, partial: PartialBytes | undefined, n: number) => {
    const first = firstText[id];
    // Most tokens show their id's first text again: compared in place, without slicing it out.
    if (first !== undefined && (partial ? partial.text === first : first.length === end - start && text.startsWith(first, start))) {
      samples[firstAt[id]].count += n;
      return;
    }
    const t = partial ? partial.text : text.slice(start, end);
    if (first === undefined) {
      firstText[id] = t;
      firstAt[id] = samples.length;
      samples.push({ key: id, text: t, count: n });
      return;
    }
    const key = `${id}\u0000${t}`;
    const hit = otherAt.get(key);
    if (hit !== undefined) samples[hit].count += n;
    else {
      otherAt.set(key, samples.length);
      samples.push({ key: id, text: t, count: n });
    }
  };
  const run = (parts: string[]) => {
    text = parts.join('');
    cur = 0;
    if (wordEnd.length > 0) tok.scan(text, visit);
    aStart = [];
    wordEnd = [];
    weight = [];
  };

  let parts: string[] = [];
  let at = 0;
  for (let i = 0; i < words.length; i++) {
    const [w, n] = words[i];
    wordTotal += n;
    if (!joinable || w.endsWith('\r')) {
      run(parts);
      parts = [];
      at = 0;
      aStart.push(0);
      wordEnd.push(w.length + 2);
      weight.push(n);
      run(['a ', w]);
      continue;
    }
    if (parts.length > 0) {
      parts.push('\n');
      at++;
    }
    aStart.push(at);
    parts.push('a ', w);
    at += w.length + 2;
    wordEnd.push(at);
    weight.push(n);
    if (aStart.length >= CHUNK_WORDS) {
      run(parts);
      parts = [];
      at = 0;
    }
    if ((i + 1) % CHUNK_WORDS === 0) onChunk(i + 1);
  }
  run(parts);
  onChunk(words.length);
  return {
    tokensPerWord: wordTotal === 0 ? 0 : tokenTotal / wordTotal,
    sharingRate: sharable === 0 ? 0 : sharedN / sharable,
    alignment: alignmentMetrics(samples, lex),
  };
}
