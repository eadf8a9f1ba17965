import { describe, expect, it } from 'vitest';
import type { Annotation, AnnotationStatus } from '../../api/contract';
import { dataLines } from '../gold/common';
import { detectGoldFormat, parseGold } from '../gold/read';
import { type ExportFormat, exportEntries, exportFileName, formatEntries } from './export';

const ann = (annotator: string, segs: string, status: AnnotationStatus = 'gold'): Annotation => ({
  annotator,
  segments: segs.split(' '),
  labels: segs.split(' ').map(() => null),
  status,
  note: '',
  updatedAt: '2025-01-01T00:00:00.000Z',
});
const item = (word: string, annotations: Annotation[], adjudicated: Annotation | null = null) => ({ record: { word, adjudicated }, annotations });

const items = [
  item('evlerden', [ann('a', 'ev ler den'), ann('b', 'ev ler den')]), // agreed gold
  item('kitaplar', [ann('a', 'kitap lar'), ann('b', 'kit ap lar')], ann('h', 'kitap lar')), // adjudicated
  item('geldim', [ann('a', 'gel di m', 'draft')]), // draft: only in 'all'
  item('odalar', [ann('a', 'oda lar'), ann('b', 'o da lar', 'draft')]), // disputed: 'all' gives both
  item('ev', []), // never segmented
  item('c++|x', [ann('a', 'c++| x')]), // CoNLL-U escapes
];

describe('exporting a queue', () => {
  it('chooses adjudicated > agreed > earliest, and lists alternatives for include all', () => {
    expect(exportEntries(items, 'gold')).toEqual([
      { word: 'evlerden', alternatives: [['ev', 'ler', 'den']] },
      { word: 'kitaplar', alternatives: [['kitap', 'lar']] },
      { word: 'c++|x', alternatives: [['c++|', 'x']] },
    ]);
    expect(exportEntries(items, 'all').map((e) => [e.word, e.alternatives.map((a) => a.join('+'))])).toEqual([
      ['evlerden', ['ev+ler+den']],
      ['kitaplar', ['kitap+lar', 'kit+ap+lar']],
      ['geldim', ['gel+di+m']],
      ['odalar', ['oda+lar', 'o+da+lar']],
      ['c++|x', ['c++|+x']],
    ]);
  });

  it('writes each format exactly', () => {
    const two = exportEntries(items, 'all').slice(0, 2);
    expect(formatEntries(two, 'tsv')).toBe('evlerden\tev ler den\nkitaplar\tkitap lar\n');
    expect(formatEntries(two, 'morpho')).toBe('evlerden\tev ler den\nkitaplar\tkitap lar, kit ap lar\n');
    expect(formatEntries(two, 'sigmorphon')).toBe('evlerden\tev @@ler @@den\t000\nkitaplar\tkitap @@lar\t000\n');
    expect(formatEntries(two.slice(0, 1), 'conllu')).toBe('# sent_id = 1\n# text = evlerden\n1\tevlerden\t_\t_\t_\t_\t_\t_\t_\tSeg=ev+ler+den\n');
    expect(exportFileName('Türkçe gold / v1', 'conllu')).toBe('Türkçe-gold-v1.conllu');
    expect(exportFileName('///', 'tsv')).toBe('queue.gold.tsv');
  });

  // The morpho round trip keeps alternatives; the others keep the best segmentation.
  for (const format of ['tsv', 'morpho', 'sigmorphon', 'conllu'] as ExportFormat[]) {
    it(`reads back what it writes: ${format}`, () => {
      const entries = exportEntries(items, 'all').filter((e) => format === 'conllu' || !/[+|]/u.test(e.word));
      const text = formatEntries(entries, format);
      const detected = detectGoldFormat(dataLines(text));
      expect(detected).toBe(format === 'morpho' ? 'morpho' : format);
      const back = parseGold(text, format, `x.${format}`).map((g) => ({ word: g.word, alternatives: g.alternatives }));
      expect(back).toEqual(entries.map((e) => ({ word: e.word, alternatives: format === 'morpho' ? e.alternatives : [e.alternatives[0]] })));
    });
  }
});
