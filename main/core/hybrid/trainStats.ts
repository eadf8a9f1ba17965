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
  // One call: the text, where each word's "a" starts and where the word ends, and its count.
  const add = (text: string, aStart: number[], wordEnd: number[], weight: number[]) => {
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
  };
  return {
    addWords(words, alone, chunk, onCall) {
      for (let i = 0; i < words.length; ) {
        let text = '';
        const aStart: number[] = [];
        const wordEnd: number[] = [];
        const weight: number[] = [];
        for (; i < words.length && aStart.length < chunk; i++) {
          if (alone[i] && aStart.length > 0) break;
          if (aStart.length > 0) text += '\n';
          aStart.push(text.length);
          text += 'a ' + words[i][0];
          wordEnd.push(text.length);
          weight.push(words[i][1]);
          if (alone[i]) {
            i++;
            break;
          }
        }
        add(text, aStart, wordEnd, weight);
        onCall(i);
      }
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
  const alone = Uint8Array.from(words, ([w]) => (!joinable || w.endsWith('\r') ? 1 : 0));
  let wordTotal = 0;
  for (const [, n] of words) wordTotal += n;
  // Progress after every CHUNK_WORDS words and at the end, wherever the calls end.
  let next = CHUNK_WORDS;
  tally.addWords(words, alone, CHUNK_WORDS, (done) => {
    for (; next <= done && next < words.length; next += CHUNK_WORDS) onChunk(next);
  });
  onChunk(words.length);
  const { tokens, sharable, shared, samples } = tally.take();
  return {
    tokensPerWord: wordTotal === 0 ? 0 : tokens / wordTotal,
    sharingRate: sharable === 0 ? 0 : shared / sharable,
    alignment: alignmentMetrics(samples, lex),
  };
}
