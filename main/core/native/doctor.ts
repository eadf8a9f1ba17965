// Which engine the hot paths use (the C++ addon or the TypeScript reference), where the addon is, why it is not
// in use, and a quick check that it trains and analyses exactly as the reference does: `tokstudio doctor` and
// the app's About panel (app.about) both show this report.
import { engineInUse, nativeStatus } from './load';
import { trainBpeNative } from './train';
import { trainBpe } from '../bpe/trainer';
import { PRETOKENIZER_PRESETS } from '../bpe/pretokenize';
import { Analyzer, type DictView, uniformLogProbs } from '../hybrid/analyzer';
import { HybridAnalyzer } from '../hybrid/engine';

/** What runs on the addon when it is loaded (native/README.md has the details). */
export const NATIVE_WORK = [
  'corpus counting (gpt2 / gpt4o pre-tokenizers; text, gzip, JSONL)',
  'BPE training and encoding',
  'hybrid lattice search, hard-EM counting and residue BPE',
  'hybrid word encoding (ids per morph, verified by decoding, residue fallback)',
  'hybrid text encoding (specials, units, case markers, spaces, digits, residue)',
  "hybrid training's units pass (sorting, splitting and case-folding the corpus words)",
  "hybrid training's residue pass and statistics (summed up and tallied next to the search and the encoder)",
];

export interface DoctorReport {
  engine: 'native' | 'typescript';
  addonPath: string | null;
  reason: string | null;
  /** null when the addon is not in use. */
  selfTest: null | { ok: boolean; detail: string };
  node: string;
  napi: string;
  platform: string;
}

export async function doctorReport(): Promise<DoctorReport> {
  const status = nativeStatus();
  let selfTest: DoctorReport['selfTest'] = null;
  if (status.engine === 'native') {
    const counts: [string, number][] = [['kitaplar', 5], [' kitap', 3], ['lar', 4], [' geldi', 2], ['ğğğ', 2]];
    const opts = { vocabSize: 280, minFrequency: 1, pattern: PRETOKENIZER_PRESETS.gpt4o, specialTokens: ['<|endoftext|>'] };
    try {
      const a = trainBpe(counts, opts).model;
      const b = (await trainBpeNative(counts, opts)).model;
      const bpeOk = JSON.stringify(a) === JSON.stringify(b);
      // The hybrid analyzer: the n best analyses of a few words under a small dictionary, both engines.
      const dict: DictView = {
        language: 'tr',
        charClasses: { vowel: 'aeıioöuü', back: 'aıou', front: 'eiöü' },
        roots: [{ surface: 'kitap', pos: 'noun', alternants: [{ surface: 'kitab', when: { next: 'vowel' } }] }, { surface: 'ev', pos: 'noun' }],
        groups: [
          { name: 'PLU', kind: 'suffix', class: 'plural', variants: ['lar', 'ler'], rules: [{ variant: 'lar', when: { lastVowel: 'back' } }, { variant: 'ler', when: { lastVowel: 'front' } }] },
          { name: 'ACC', kind: 'suffix', class: 'case', variants: ['ı', 'i'] },
        ],
      };
      const words = ['kitaplar', 'kitabı', 'evler', 'evleri', 'kalem'];
      const probs = uniformLogProbs(dict);
      const ref = new Analyzer(dict, probs);
      const nat = new HybridAnalyzer(dict, probs);
      const hybridOk = nat.engine === 'native' && words.every((w) => JSON.stringify(nat.analyze(w, 3)) === JSON.stringify(ref.analyze(w, 3)));
      const ok = bpeOk && hybridOk;
      selfTest = {
        ok,
        detail: ok
          ? `trained ${b.merges.length} merges and analysed ${words.length} words identical to the reference`
          : !bpeOk
            ? 'the native merges differ from the reference'
            : 'the native hybrid analyses differ from the reference',
      };
    } catch (e) {
      selfTest = { ok: false, detail: (e as Error).message };
    }
  }
  return {
    engine: engineInUse(),
    addonPath: status.path,
    reason: status.reason,
    selfTest,
    node: process.version,
    napi: process.versions.napi ?? 'unknown',
    platform: `${process.platform}-${process.arch}`,
  };
}
