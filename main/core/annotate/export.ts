// Exporting a queue's segmentations in the formats the gold readers (core/gold/) take back, so an export
// imported with gold.import gives the same entries.
//   include 'gold'  items whose status is gold: the adjudicated segmentation, else the agreed one;
//   include 'all'   every item someone segmented (an annotation other than 'unseen'): adjudicated > agreed (all
//                   such annotations identical) > the earliest annotation; in `morpho` the other annotators'
//                   distinct segmentations follow as alternatives.
// Formats:
//   tsv         word<TAB>seg seg seg
//   morpho      word<TAB>seg seg, alt alt        (Morpho Challenge; alternatives comma-separated)
//   sigmorphon  word<TAB>seg @@seg @@seg<TAB>000 (SIGMORPHON 2022 Task 1; the category, a 3-digit code of
//               inflection/derivation/compounding, is not known here and is written 000)
//   conllu      one sentence per word: `# sent_id`, `# text`, then one token line with ID 1, FORM the word, `_`
//               in LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS, and MISC `Seg=kitap+lar+dan` (gold/conllu.ts: '%',
//               '+' and '|' inside a segment are written %25, %2B, %7C).
import type { Annotation } from '../../api/contract';
import { SEG_KEY, escapeSegment } from '../gold/conllu';
import type { ItemRecord } from '../store/annotations';
import { goldSegments, sameSegments } from './status';

export type ExportFormat = 'tsv' | 'morpho' | 'sigmorphon' | 'conllu';

export interface ExportItem {
  record: Pick<ItemRecord, 'word' | 'adjudicated'>;
  annotations: readonly Annotation[];
}

export interface ExportEntry {
  word: string;
  /** Best first; more than one only for include 'all' when annotators differ. */
  alternatives: string[][];
}

export function exportEntries(items: readonly ExportItem[], include: 'gold' | 'all'): ExportEntry[] {
  const out: ExportEntry[] = [];
  for (const { record, annotations } of items) {
    const gold = goldSegments(annotations, record.adjudicated);
    if (include === 'gold') {
      if (gold) out.push({ word: record.word, alternatives: [gold] });
      continue;
    }
    const seen = annotations.filter((a) => a.status !== 'unseen').map((a) => a.segments);
    const agreed = seen.length > 0 && seen.every((s) => sameSegments(s, seen[0])) ? seen[0] : null;
    const best = gold ?? agreed ?? seen[0];
    if (!best) continue;
    const alternatives = [best];
    for (const s of seen) if (!alternatives.some((a) => sameSegments(a, s))) alternatives.push(s);
    out.push({ word: record.word, alternatives });
  }
  return out;
}

export function formatEntries(entries: readonly ExportEntry[], format: ExportFormat): string {
  const lines: string[] = [];
  entries.forEach(({ word, alternatives }, i) => {
    const first = alternatives[0];
    switch (format) {
      case 'tsv':
        lines.push(`${word}\t${first.join(' ')}`);
        break;
      case 'morpho':
        lines.push(`${word}\t${alternatives.map((a) => a.join(' ')).join(', ')}`);
        break;
      case 'sigmorphon':
        lines.push(`${word}\t${first.join(' @@')}\t000`);
        break;
      case 'conllu':
        lines.push(`# sent_id = ${i + 1}`, `# text = ${word}`, ['1', word, '_', '_', '_', '_', '_', '_', '_', `${SEG_KEY}=${first.map(escapeSegment).join('+')}`].join('\t'), '');
        break;
    }
  });
  return lines.length === 0 ? '' : lines.join('\n') + (format === 'conllu' ? '' : '\n');
}

const SUFFIX: Record<ExportFormat, string> = { tsv: '.gold.tsv', morpho: '.morpho.txt', sigmorphon: '.sigmorphon.tsv', conllu: '.conllu' };

export function exportFileName(queueName: string, format: ExportFormat): string {
  const base = queueName.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/gu, '') || 'queue';
  return base + SUFFIX[format];
}
