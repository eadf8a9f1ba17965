// A stored evaluation as a file: JSON (the stored result as is), CSV (long, "tidy" form: one row per
// tokenizer x metric x subset, so pandas' pivot_table(index='tokenizer', columns='metric', values='value')
// gives the wide table), and Markdown (the tables a person pastes into a paper or an issue, with the
// definitions and their references as footnotes).
import type { EvalResult, EvalTokenizerResult } from '../../api/contract';

export type ExportFormat = 'csv' | 'json' | 'md';

export function exportEvaluation(r: EvalResult, format: ExportFormat): { content: string; fileName: string } {
  const base = `evaluation-${r.id}-${r.name.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^_+|_+$/g, '').slice(0, 60) || 'run'}`;
  if (format === 'json') return { content: JSON.stringify(r, null, 2) + '\n', fileName: `${base}.json` };
  if (format === 'csv') return { content: toCsv(r), fileName: `${base}.csv` };
  return { content: toMarkdown(r), fileName: `${base}.md` };
}

// ---------- CSV ----------

export const CSV_COLUMNS = ['evaluation_id', 'tokenizer', 'kind', 'vocab_size', 'metric', 'set', 'language', 'at_vocab_size', 'value', 'error'] as const;

type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], string | number | null>>;

function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function metricRows(t: EvalTokenizerResult): CsvRow[] {
  const rows: CsvRow[] = [];
  const add = (metric: string, value: number | null, extra: CsvRow = {}) => rows.push({ metric, value, ...extra });
  if (t.error) add('error', null, { error: t.error });
  const c = t.compression;
  if (c) {
    add('tokens_per_word', c.tokensPerWord);
    add('chars_per_token', c.charsPerToken);
    add('bytes_per_token', c.bytesPerToken);
    add('whole_word_rate', c.wholeWordRate);
    add('sample_tokens', c.tokens);
    add('sample_words', c.words);
  }
  if (t.renyi) {
    add('renyi_efficiency', t.renyi.efficiency, { set: `alpha=${t.renyi.alpha}` });
    add('shannon_efficiency', t.renyi.shannonEfficiency);
    add('vocab_utilisation', t.renyi.utilisation);
    add('types_used', t.renyi.typesUsed);
  }
  if (t.alignment) {
    add('language_token_pct', t.alignment.tokens.languagePct);
    add('pure_token_pct', t.alignment.tokens.purePct);
    add('language_type_pct', t.alignment.types.languagePct);
    add('pure_type_pct', t.alignment.types.purePct);
  }
  if (t.roundTrip) add('round_trip_rate', t.roundTrip.rate);
  if (t.throughputMBs !== null) add('throughput_mb_s', t.throughputMBs);
  for (const b of t.boundaries) {
    const set = { set: b.name };
    add('boundary_precision', b.micro.precision, set);
    add('boundary_recall', b.micro.recall, set);
    add('boundary_f1', b.micro.f1, set);
    add('boundary_macro_precision', b.macro.precision, set);
    add('boundary_macro_recall', b.macro.recall, set);
    add('boundary_macro_f1', b.macro.f1, set);
    add('exact_words', b.exact, set);
    add('over_segmented', b.overSegmented, set);
    add('under_segmented', b.underSegmented, set);
    add('gold_words', b.words, set);
  }
  for (const p of t.premium) {
    for (const l of p.languages) {
      const at = { set: `${p.name} (pivot ${p.pivot})`, language: l.language };
      add('token_premium', l.premium, at);
      add('parallel_tokens', l.tokens, at);
      add('parallel_rows', l.rows, at);
      add('parallel_rows_skipped', l.skipped, at);
    }
  }
  return rows.map((r) => ({ tokenizer: t.label, kind: t.kind, vocab_size: t.vocabSize, ...r }));
}

function toCsv(r: EvalResult): string {
  const rows: CsvRow[] = r.tokenizers.flatMap(metricRows);
  if (r.curve) {
    for (const p of r.curve.points) {
      for (const [metric, value] of [['tokens_per_word', p.tokensPerWord], ['chars_per_token', p.charsPerToken], ['bytes_per_token', p.bytesPerToken]] as const) {
        rows.push({ tokenizer: r.curve.label, kind: 'bpe', metric: `curve_${metric}`, at_vocab_size: p.vocabSize, value });
      }
    }
  }
  const lines = [CSV_COLUMNS.join(','), ...rows.map((row) => CSV_COLUMNS.map((c) => csvCell(c === 'evaluation_id' ? r.id : row[c])).join(','))];
  return lines.join('\n') + '\n';
}

// ---------- Markdown ----------

const f3 = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(3));
const f2 = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(2));
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${x.toFixed(1)}%`);
const int = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toLocaleString('en-US'));
const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(head: string[], rows: string[][], align?: string[]): string {
  const sep = align ?? head.map((_, i) => (i === 0 ? '---' : '---:'));
  return [`| ${head.join(' | ')} |`, `| ${sep.join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function toMarkdown(r: EvalResult): string {
  const ok = r.tokenizers.filter((t) => !t.error);
  const out: string[] = [`# Evaluation #${r.id}: ${esc(r.name)}`, ''];
  const inputs: string[] = [];
  const c = r.inputs.corpus;
  if (c) inputs.push(`corpus "${esc(c.name)}" (${c.language}, sha256 \`${c.sha256.slice(0, 12)}\`): ${int(c.sampledLines)} non-blank lines sampled of ${int(c.lines)} (seed ${r.config.seed})`);
  for (const g of r.inputs.goldSets) inputs.push(`gold "${esc(g.name)}" (${g.format}, ${int(g.entries)} words, sha256 \`${g.sha256.slice(0, 12)}\`)`);
  for (const p of r.inputs.parallelSets) inputs.push(`parallel "${esc(p.name)}" (${p.languages.join(', ')}; ${int(p.rows)} rows, sha256 \`${p.sha256.slice(0, 12)}\`)`);
  if (r.inputs.dictionary) inputs.push(`dictionary "${esc(r.inputs.dictionary.name)}" (stamp \`${r.inputs.dictionary.stamp}\`)`);
  out.push(`Run ${r.createdAt.slice(0, 19).replace('T', ' ')} UTC in ${(r.durationMs / 1000).toFixed(1)} s. Inputs: ${inputs.join('; ') || 'none'}.`, '');

  if (ok.some((t) => t.compression)) {
    out.push(`## Compression and efficiency`, '');
    out.push(
      table(
        ['Tokenizer', 'Vocabulary', 'Tokens/word[^1]', 'Chars/token', 'Bytes/token', 'Whole words[^2]', `Rényi eff. α=${r.config.renyiAlpha}[^3]`, 'Shannon eff.', 'Utilisation', 'Round trip[^4]', 'MB/s[^5]'],
        ok.filter((t) => t.compression).map((t) => [
          esc(t.label), int(t.vocabSize), f3(t.compression!.tokensPerWord), f3(t.compression!.charsPerToken), f3(t.compression!.bytesPerToken),
          pct(100 * t.compression!.wholeWordRate), f3(t.renyi?.efficiency), f3(t.renyi?.shannonEfficiency), pct(t.renyi ? 100 * t.renyi.utilisation : null),
          t.roundTrip ? `${pct(100 * t.roundTrip.rate)} (${int(t.roundTrip.exact)}/${int(t.roundTrip.lines)})` : '–', f2(t.throughputMBs),
        ]),
      ),
      '',
    );
  }
  if (ok.some((t) => t.alignment)) {
    out.push(`## Alignment with dictionary "${esc(r.inputs.dictionary?.name ?? '?')}"[^6]`, '');
    out.push(
      table(
        ['Tokenizer', 'Language-token % (tokens)', 'Pure-token % (tokens)', 'Language-token % (types)', 'Pure-token % (types)'],
        ok.filter((t) => t.alignment).map((t) => [esc(t.label), pct(t.alignment!.tokens.languagePct), pct(t.alignment!.tokens.purePct), pct(t.alignment!.types.languagePct), pct(t.alignment!.types.purePct)]),
      ),
      '',
    );
  }
  for (const g of r.inputs.goldSets) {
    const rows = ok.flatMap((t) => t.boundaries.filter((b) => b.goldSetId === g.id).map((b) => [esc(t.label), f3(b.micro.precision), f3(b.micro.recall), f3(b.micro.f1), f3(b.macro.f1), int(b.exact), int(b.overSegmented), int(b.underSegmented)]));
    out.push(`## Morpheme boundaries: "${esc(g.name)}" (${int(g.entries)} words)[^7]`, '');
    out.push(table(['Tokenizer', 'Precision', 'Recall', 'F1', 'Macro F1', 'Exact words', 'Over-segmented', 'Under-segmented'], rows), '');
  }
  for (const p of r.inputs.parallelSets) {
    const results = ok.flatMap((t) => t.premium.filter((x) => x.parallelSetId === p.id).map((x) => ({ t, x })));
    const pivot = results[0]?.x.pivot ?? r.config.pivot ?? '?';
    const langs = p.languages.filter((l) => l !== pivot);
    out.push(`## Token premium: "${esc(p.name)}", pivot ${pivot}[^8]`, '');
    out.push(
      table(
        ['Tokenizer', `${pivot} tokens`, ...langs],
        results.map(({ t, x }) => {
          const self = x.languages.find((l) => l.language === pivot);
          return [esc(t.label), int(self?.tokens), ...langs.map((l) => f3(x.languages.find((y) => y.language === l)?.premium))];
        }),
      ),
      '',
    );
    const skipped = results[0]?.x.languages.filter((l) => l.skipped > 0) ?? [];
    if (skipped.length) out.push(`Rows skipped for lack of a side: ${skipped.map((l) => `${l.language} ${l.skipped}`).join(', ')}.`, '');
  }
  if (r.curve) {
    out.push(`## Fertility against vocabulary size: ${esc(r.curve.label)}`, '');
    out.push(table(['Vocabulary', 'Tokens/word', 'Chars/token', 'Bytes/token'], r.curve.points.map((p) => [int(p.vocabSize), f3(p.tokensPerWord), f3(p.charsPerToken), f3(p.bytesPerToken)])), '');
  }
  const failed = r.tokenizers.filter((t) => t.error);
  if (failed.length) out.push(`## Failed`, '', ...failed.map((t) => `- ${esc(t.label)}: ${esc(t.error!)}`), '');
  const notes = [
    '[^1]: Tokens (every token the encoder emits, markers and whitespace tokens included) per whitespace-separated word on the sample; characters are Unicode code points, bytes UTF-8.',
    '[^2]: Share of word occurrences encoded, after a space, as exactly one content token (markers and whitespace-only tokens not counted).',
    `[^3]: H_α(p) / log |V| of the unigram token distribution on the sample, α = ${r.config.renyiAlpha}; Shannon = α → 1. Zouhar et al. 2023, "Tokenization and the Noiseless Channel" (ACL). Utilisation = distinct token ids used / |V|.`,
    '[^4]: Sample lines with decode(encode(line)) = line.',
    '[^5]: Encoding the sample into tokens with offsets (the app\'s encode call), 10^6 UTF-8 bytes per second of wall clock on the machine that ran it; not comparable across machines.',
    '[^6]: Tokens (without leading whitespace, case-folded) that are exactly one morpheme of the dictionary (pure) or a morpheme or a word it analyses completely (language), over token occurrences and over distinct token ids; after the Turkish tokenization benchmark\'s TR % / Pure %.',
    '[^7]: Boundaries where a word\'s tokens end inside it (the word encoded after a space), against the gold boundaries; micro = pooled counts, macro = mean per word; a word with alternatives is scored against its best-matching one.',
    '[^8]: Tokens of each language\'s side / tokens of the pivot\'s side over the rows where both are non-empty. Petrov et al. 2023, "Language Model Tokenizers Introduce Unfairness Between Languages" (NeurIPS).',
  ];
  const body = out.join('\n');
  // Only the notes the tables above refer to.
  const used = notes.filter((n) => body.includes(n.slice(0, n.indexOf(':'))));
  return body + used.join('\n') + '\n';
}
