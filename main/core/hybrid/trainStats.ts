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
import type { TallyResult } from '../native/textEncoder';
import type { HybridTokenizer, TokenTally } from './codec';
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

/**
 * The tally in TypeScript, over the tokenizer's visitor: the reference for the addon's (native/src/tally.h), and
 * what runs when the tokenizer encodes in TypeScript.
 */
export function scanTally(tok: HybridTokenizer, flags: Uint8Array): TokenTally {
  let tokens = 0;
  let sharable = 0;
  let shared = 0;
  // One sample per distinct (id, text), counts summed, in first-seen order: alignmentMetrics gives the same
  // figures as with one sample per occurrence (it sums counts, and classifies a type by its first sample).
  const samples: TallyResult['samples'] = [];
  const at = new Map<string, number>();
  return {
    add(text, aStart, wordEnd, weight) {
      let cur = 0;
      // A token counts for the word it ends in (not the "a", nor the newline after a word).
      tok.scan(text, (id, start, end, isShared, partial) => {
        while (cur < wordEnd.length && end > wordEnd[cur]) cur++;
        if (cur === wordEnd.length || end <= aStart[cur] + 1) return;
        const n = weight[cur];
        tokens += n;
        const f = flags[id];
        if (f & SAMPLED) {
          const t = partial?.text ?? text.slice(start, end);
          const key = `${id}\u0000${t}`;
          const hit = at.get(key);
          if (hit !== undefined) samples[hit].count += n;
          else {
            at.set(key, samples.length);
            samples.push({ key: id, text: t, count: n });
          }
        }
        if (f & SHARABLE) {
          sharable += n;
          if (isShared) shared += n;
        }
      });
    },
    take: () => ({ tokens, sharable, shared, samples }),
  };
}

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
  const tally = tok.nativeTally(flags) ?? scanTally(tok, flags);
  const joinable = !tok.model.config.specialTokens.some((s) => s.includes('\n'));
  let wordTotal = 0;

  // The words of one call: where each one's "a" starts and where the word ends, and its count.
  const aStart = new Int32Array(CHUNK_WORDS);
  const wordEnd = new Int32Array(CHUNK_WORDS);
  const weight = new Float64Array(CHUNK_WORDS);
  let parts: string[] = [];
  let count = 0;
  let at = 0;
  const run = () => {
    if (count > 0) tally.add(parts.join(''), aStart.subarray(0, count), wordEnd.subarray(0, count), weight.subarray(0, count));
    parts = [];
    count = 0;
    at = 0;
  };
  const push = (w: string, n: number) => {
    if (count > 0) {
      parts.push('\n');
      at++;
    }
    aStart[count] = at;
    parts.push('a ', w);
    at += w.length + 2;
    wordEnd[count] = at;
    weight[count++] = n;
  };

  for (let i = 0; i < words.length; i++) {
    const [w, n] = words[i];
    wordTotal += n;
    if (!joinable || w.endsWith('\r')) {
      run();
      push(w, n);
      run();
    } else {
      push(w, n);
      if (count === CHUNK_WORDS) run();
    }
    if ((i + 1) % CHUNK_WORDS === 0) onChunk(i + 1);
  }
  run();
  onChunk(words.length);
  const { tokens, sharable, shared, samples } = tally.take();
  return {
    tokensPerWord: wordTotal === 0 ? 0 : tokens / wordTotal,
    sharingRate: sharable === 0 ? 0 : shared / sharable,
    alignment: alignmentMetrics(samples, lex),
  };
}
