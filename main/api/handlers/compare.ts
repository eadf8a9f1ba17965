// Several tokenizers on the same text: workspace versions (trained, cut or imported tokenizer.json) and OpenAI's
// encodings, with the offsets where their boundaries disagree.
import { OPENAI_ENCODINGS, openAiTokenizer } from '../../core/openai';
import { summarizeEncoding, type TextTokenizer } from '../../core/tokenizers';
import type { CompareSource, EncodedToken } from '../contract';
import type { Core } from '../service';
import type { Handlers } from '../dispatcher';

export function compareHandlers(core: Core): Pick<Handlers, 'compare.sources' | 'compare.run'> {
  const tokenizerOf = (s: CompareSource): Promise<TextTokenizer> | TextTokenizer =>
    s.kind === 'version' ? core.tokenizer(s.id) : openAiTokenizer(s.name);
  const labelOf = (s: CompareSource): string => {
    if (s.kind === 'openai') return `OpenAI ${s.name}`;
    const v = core.workspace.getTokenizerSummary(s.id);
    return `#${v.id} ${v.name}`;
  };
  return {
    'compare.sources': () => [
      ...core.workspace.listTokenizerVersions().map((v) => ({
        source: { kind: 'version' as const, id: v.id },
        label: `#${v.id} ${v.name} (${v.kind}, ${v.vocabSize.toLocaleString('en-US')})`,
        kind: v.kind,
      })),
      ...OPENAI_ENCODINGS.map((name) => ({ source: { kind: 'openai' as const, name }, label: `OpenAI ${name}`, kind: 'openai' })),
    ],
    'compare.run': async ({ text, sources }) => {
      const results = await Promise.all(
        sources.map(async (source) => {
          try {
            const tok = await tokenizerOf(source);
            return { source, label: labelOf(source), encoding: summarizeEncoding(text, tok.encode(text)), error: null };
          } catch (err) {
            return { source, label: source.kind === 'openai' ? `OpenAI ${source.name}` : `#${source.id}`, encoding: null, error: (err as Error).message };
          }
        }),
      );
      const cuts = results.map((r) => (r.encoding ? cutsOf(r.encoding.tokens, text.length) : null));
      return { results, disagreements: disagreements(cuts) };
    },
  };
}

/** Offsets strictly inside the text where a token ends (zero-width markers do not cut). */
export function cutsOf(tokens: readonly EncodedToken[], length: number): Set<number> {
  const out = new Set<number>();
  for (const t of tokens) if (t.end > t.start && t.end < length) out.add(t.end);
  return out;
}

/** Offsets cut by some but not all of the tokenizers that ran, with who cuts there. */
export function disagreements(cuts: readonly (Set<number> | null)[]): { offset: number; cutBy: number[] }[] {
  const ran = cuts.filter((c): c is Set<number> => c !== null).length;
  const all = new Set<number>();
  for (const c of cuts) if (c) for (const o of c) all.add(o);
  const out: { offset: number; cutBy: number[] }[] = [];
  for (const offset of [...all].sort((a, b) => a - b)) {
    const cutBy = cuts.flatMap((c, i) => (c?.has(offset) ? [i] : []));
    if (cutBy.length < ran) out.push({ offset, cutBy });
  }
  return out;
}
