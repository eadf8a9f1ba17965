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
import type { HybridTokenizer, TokenVisitor } from './codec';
import { type AlignmentMetrics, type MorphemeLexicon, alignmentMetrics } from './metrics';
import { type Layout, entryType } from './model';

export interface CorpusEncodingStats {
  tokensPerWord: number;
  sharingRate: number;
  alignment: AlignmentMetrics;
}

const CHUNK_WORDS = 4096;
const SAMPLED = 1;
const SHARABLE = 2;

export function corpusEncodingStats(
  tok: HybridTokenizer,
  layout: Layout,
  words: readonly (readonly [string, number])[],
  lex: MorphemeLexicon,
  onChunk: (done: number) => void,
): CorpusEncodingStats {
  // Per id: SAMPLED (every type but special tokens gives a sample) and SHARABLE (a root or affix id that can stand
  // for more than one surface: a root with alternants, an alternant, a group id, a variant that is not its
  // group's shared id).
  const flags = Uint8Array.from(layout.entries, (e, id) => {
    const type: TokenType = entryType(e);
    const multi = (e.kind === 'root' && e.alts.length > 0) || e.kind === 'rootAlt' || e.kind === 'group' || (e.kind === 'variant' && layout.groupShared.get(e.group.name) !== id);
    return (type !== 'special' ? SAMPLED : 0) | ((type === 'root' || type === 'affix') && multi ? SHARABLE : 0);
  });
  const joinable = !tok.model.config.specialTokens.some((s) => s.includes('\n'));
  let tokenTotal = 0;
  let wordTotal = 0;
  let sharable = 0;
  let sharedN = 0;
  // One sample per distinct (id, text), counts summed, in first-seen order: alignmentMetrics gives the same
  // figures as with one sample per occurrence (it sums counts, and classifies a type by its first sample).
  const samples: { key: number; text: string; count: number }[] = [];
  // Most ids only ever show one or two texts (a word's first morph carries the implied space before it): per id
  // the first two texts and their samples, a map for the others.
  const firstText: (string | undefined)[] = new Array(layout.entries.length);
  const firstAt = new Int32Array(layout.entries.length);
  const secondText: (string | undefined)[] = new Array(layout.entries.length);
  const secondAt = new Int32Array(layout.entries.length);
  const otherAt = new Map<string, number>();
  // The token's text is text[start, end) (or its partial text): compared in place, without slicing it out.
  const shows = (t: string, start: number, end: number, partialText: string | undefined) =>
    partialText !== undefined ? partialText === t : t.length === end - start && text.startsWith(t, start);

  // The words of one call: where each one's "a" starts and where the word ends, and its count.
  let text = '';
  let aStart: number[] = [];
  let wordEnd: number[] = [];
  let weight: number[] = [];
  let cur = 0;
  // One token of the call: counted for the word it ends in (not the "a", nor the newline after a word).
  const take = (id: number, start: number, end: number, shared: boolean, partialText: string | undefined) => {
    while (cur < wordEnd.length && end > wordEnd[cur]) cur++;
    if (cur === wordEnd.length || end <= aStart[cur] + 1) return;
    const n = weight[cur];
    tokenTotal += n;
    const f = flags[id];
    if (f & SAMPLED) addSample(id, start, end, partialText, n);
    if (f & SHARABLE) {
      sharable += n;
      if (shared) sharedN += n;
    }
  };
  const visit: TokenVisitor = (id, start, end, shared, partial) => take(id, start, end, shared, partial?.text);
  const addSample = (id: number, start: number, end: number, partialText: string | undefined, n: number) => {
    const first = firstText[id];
    if (first !== undefined && shows(first, start, end, partialText)) {
      samples[firstAt[id]].count += n;
      return;
    }
    const second = secondText[id];
    if (second !== undefined && shows(second, start, end, partialText)) {
      samples[secondAt[id]].count += n;
      return;
    }
    const t = partialText ?? text.slice(start, end);
    if (first === undefined || second === undefined) {
      (first === undefined ? firstText : secondText)[id] = t;
      (first === undefined ? firstAt : secondAt)[id] = samples.length;
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
    if (wordEnd.length > 0) {
      // The addon's token array when there is one: read in place, without a call per token.
      const r = tok.nativeTokens(text);
      if (r === null) tok.scan(text, visit);
      else for (let i = 0; i < r.length; i += 6) take(r[i], r[i + 1], r[i + 2], r[i + 3] === 1, r[i + 4] < 0 ? undefined : tok.tokenText(r[i]));
    }
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
