import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HybridTokenizer } from './codec';
import type { HybridConfig } from './model';
import { indonesianMini, turkishMini } from './testdicts';
import { trainHybrid } from './trainer';
import type { Dictionary } from '../dict/types';

const CORPUS = `Kitap kitabı kitaptan kitaplar evler evden eve okula masaya ağacı ağaçtan gidiyorum geliyorum
bilgisayarlarımızdan İstanbul'da Ankara'dan İSTANBUL ANKARA ve IĞDIR Işık ılık iPhone McDonald 1.250,75 TL
"kitap" (ev) gözler gözden evimiz okulumuz masamız bu ki, ve. yorumlar yorumdan %50 12:30 2024`;

function wordCounts(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of text.split(/\s+/)) if (w) m.set(w, (m.get(w) ?? 0) + 2);
  return m;
}

function make(over: Partial<HybridConfig> = {}, corpus = CORPUS): HybridTokenizer {
  const config: HybridConfig = { vocabSize: 600, subwordShare: 0.3, minFrequency: 1, digits: 'single', caseMarkers: true, specialTokens: ['<|endoftext|>'], ...over };
  return new HybridTokenizer(trainHybrid({ wordCounts: wordCounts(corpus), dictionary: turkishMini(), config }).model);
}

const tokenizers = {
  single: make(),
  group3: make({ digits: 'group3', vocabSize: 1700 }),
  nocase: make({ caseMarkers: false }),
  // Most roots pruned: residue next to morphs everywhere.
  sparse: make({ vocabSize: 400 }, 'kitap ev ev'),
};

function roundTrip(tok: HybridTokenizer, s: string): void {
  const toks = tok.encode(s);
  expect(tok.decode(toks.map((t) => t.id))).toBe(s);
  // Offsets: every non-marker token's text is the original slice; together they tile the input.
  let at = 0;
  for (const t of toks) {
    // A token holding part of a character shows U+FFFD; the input may hold U+FFFD itself, so bytes decide then.
    const slice = s.slice(t.start, t.end);
    const partial = t.text.includes('\uFFFD') && (!slice.includes('\uFFFD') || t.byteEnd - t.byteStart !== Buffer.byteLength(slice));
    if (partial) {
      // A byte token inside one character: it points at that character.
      expect(t.start).toBeGreaterThanOrEqual(at - 2);
      at = t.end;
      continue;
    }
    if (t.start === t.end) {
      expect(t.text).toBe('');
      continue;
    }
    expect(t.start).toBeGreaterThanOrEqual(at);
    expect(t.text).toBe(s.slice(t.start, t.end));
    at = t.end;
  }
  expect(at).toBe(s.length);
}

const words = ['kitap', 'kitabı', 'Kitaptan', 'EVLER', 'evden', 'gidiyorum', 'İSTANBUL', 'Işık', 'ılık', 'IĞDIR', 'iPhone', 'McDonald', 'ı', 'I', 'İ', 'i', 've', 'VE', 'bilgisayarlarımızdan', 'Ağaç', 'ağacı', 'ağaçtan', 'yorum', 'masaya', 'ẞ', 'ǅ', 'e\u0301', 'ﬁ'];
const seps = [' ', ' ', ' ', '', '  ', '\n', '\r\n', '\r', '\t', ' '.repeat(20), '.', '. ', ', ', "'", '"', '(', ') ', '\u00a0', '…', '%', ':', '<cap>', '<nosp>', '<|endoftext|>', '<|endoftext|> '];
const nums = ['0', '007', '1250', '1.250,75', '12:30', '3,5', '٣٤', '1000000'];
const piece = fc.oneof(fc.constantFrom(...words), fc.constantFrom(...seps), fc.constantFrom(...nums), fc.string({ unit: 'grapheme', maxLength: 4 }));
const texts = fc.array(piece, { maxLength: 14 }).map((a) => a.join(''));
const noLone = (s: string) => !/\p{Cs}/u.test(s);

describe('HybridTokenizer round trip', () => {
  it('handles the hand-picked cases', () => {
    for (const tok of Object.values(tokenizers)) {
      for (const s of [
        CORPUS,
        '',
        ' ',
        'İSTANBUL ANKARA ve kitap',
        'İSTANBUL ANKARA Ve kitap',
        'İSTANBUL ANKARA VE',
        'ANKARA 06 İZMİR',
        'IĞDIR ILIK İstanbul\'da',
        'ev.kitap ev. kitap 1.250 sayfa. 5 %50 (5) 5%',
        '<cap>ev<caps>EV<nosp> x <|endoftext|>ev<|endoftext|><|endoftext|>',
        '  ev\n\r\n\tkitap   \r\r\n\n' + ' '.repeat(40) + 'x',
        '0012 0 00 000 0000',
        'ǅemal STRAẞE ß ŉ ﬁ İ̇',
        '🙂kitap🙂 kitap🙂',
      ]) roundTrip(tok, s);
    }
  });

  for (const [name, tok] of Object.entries(tokenizers)) {
    it(`decode(encode(x)) === x for generated texts (${name})`, () => {
      fc.assert(fc.property(texts, (s) => roundTrip(tok, s)), { numRuns: 1000 });
    });
  }

  it('decode(encode(x)) === x for arbitrary Unicode strings', () => {
    const tok = tokenizers.single;
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => roundTrip(tok, s)), { numRuns: 1000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }).filter(noLone), (s) => roundTrip(tok, s)), { numRuns: 1000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }).filter(noLone), (s) => roundTrip(tokenizers.nocase, s)), { numRuns: 500 });
  });

  it('rejects a lone surrogate with its offset, and unknown ids', () => {
    expect(() => tokenizers.single.encode('ab\uD800c')).toThrow(/U\+D800 at offset 2/);
    expect(() => tokenizers.single.encode('kitap \uDC00')).toThrow(/offset 6/);
    expect(() => tokenizers.single.decode([0, 999999])).toThrow(/token id 999999 is not in the vocabulary/);
    expect(() => tokenizers.single.decode([1.5])).toThrow(/not in the vocabulary/);
  });
});

describe('HybridTokenizer ids', () => {
  const tok = tokenizers.single;
  const idsOf = (s: string) => tok.encode(s).filter((t) => t.type === 'root' || t.type === 'affix');
  it('kitap, kitabı and kitaptan share the root id', () => {
    const [a] = idsOf('kitap');
    const [b] = idsOf('kitabı');
    const [c] = idsOf('kitaptan');
    expect(a.id).toBe(b.id);
    expect(b.id).toBe(c.id);
    expect(b.shared).toBe(true);
    expect(b.text).toBe('kitab');
    expect(a.group).toBe('kitap');
  });
  it('ev-ler and kitap-lar share the PLU id', () => {
    const ev = idsOf('evler');
    const kitap = idsOf('kitaplar');
    expect(ev[1].id).toBe(kitap[1].id);
    expect(ev[1].group).toBe('PLU');
    expect([ev[1].text, kitap[1].text]).toEqual(['ler', 'lar']);
  });
  it('emits a case marker and an implied space, with exact offsets', () => {
    const toks = tok.encode('ev Kitaplar');
    expect(toks.map((t) => [t.token, t.text, t.start, t.end, t.byteStart, t.byteEnd])).toEqual([
      ['ev', 'ev', 0, 2, 0, 2],
      ['<cap>', '', 3, 3, 3, 3],
      ['kitap', ' Kitap', 2, 8, 2, 8],
      ['[PLU]', 'lar', 8, 11, 8, 11],
    ]);
    const tr = tok.encode('ılık');
    expect(tr[0].byteEnd).toBe(6);
  });
  it('uses an explicit id when the shared one would decode differently', () => {
    // "kitapı" (no softening) is not what the alternant condition predicts: the root must go explicit or residue.
    const toks = tok.encode('kitapı');
    expect(tok.decode(toks.map((t) => t.id))).toBe('kitapı');
    expect(toks.some((t) => t.group === 'kitap' && t.shared)).toBe(false);
    const yler = tok.encode('okuller'); // against vowel harmony: PLU goes explicit
    expect(yler.map((t) => [t.token, t.shared])).toEqual([['okul', true], ['[PLU:ler]', false]]);
  });
  it('text that looks like a marker stays text; user specials are matched', () => {
    const toks = tok.encode('<cap><|endoftext|>');
    expect(toks.filter((t) => t.type === 'special').map((t) => t.token)).toEqual(['<|endoftext|>']);
    expect(toks.filter((t) => t.token === '<cap>')).toHaveLength(0);
  });
  it('tokenType and tokenText describe ids', () => {
    const [root] = idsOf('kitabı');
    expect(tok.tokenType(root.id)).toBe('root');
    expect(tok.tokenText(root.id)).toBe('kitap');
    expect(tok.tokenType(0)).toBe('special');
  });
  it('analyze ranks and explains', () => {
    const list = tok.analyze('Gidiyorum', 3);
    expect(list[0].morphs.map((m) => m.surface)).toEqual(['gid', 'iyor', 'um']);
    expect(list[0].reason).toBe('');
    if (list.length > 1) expect(list[1].reason).not.toBe('');
  });
});

describe('prefix dictionaries', () => {
  it('predicts meN- from the next character and round-trips', () => {
    const dict = indonesianMini();
    const counts = wordCounts('membaca mengambil mendengar melihat bermain dipukul keadilan kebesaran rumahnya Membaca RUMAHNYA');
    const { model } = trainHybrid({ wordCounts: counts, dictionary: dict, config: { vocabSize: 500, subwordShare: 0.3, minFrequency: 1, digits: 'single', caseMarkers: true, specialTokens: [] } });
    const tok = new HybridTokenizer(model);
    const enc = tok.encode('membaca mengambil');
    expect(enc[0].token).toBe('[meN-]');
    expect(enc[0].text).toBe('mem');
    expect(enc[2].text).toBe(' meng');
    expect(enc[2].id).toBe(enc[0].id);
    fc.assert(fc.property(fc.array(fc.constantFrom('membaca', 'Mengambil', 'MELIHAT', 'bermain', 'keadilan', 'x', ' ', '.', 'mem', 'membacaan'), { maxLength: 10 }), (a) => roundTrip(tok, a.join(''))), { numRuns: 500 });
  });
});

describe('compounds', () => {
  // Hungarian-like: the morphotactics allow noun -> noun, so adatbázis = adat + bázis.
  const hu: Dictionary = {
    format: 'tokstudio-dictionary/1',
    name: 'hu-mini',
    language: 'hu',
    alphabet: 'aábcdeéfghiíjklmnoóöőpqrstuúüűvwxyz',
    charClasses: { vowel: 'aáeéiíoóöőuúüű', back: 'aáoóuú', front: 'eéiíöőüű' },
    roots: [
      { surface: 'adat', pos: 'noun' },
      { surface: 'bázis', pos: 'noun' },
      { surface: 'ház', pos: 'noun' },
      { surface: 'kert', pos: 'noun' },
    ],
    groups: [
      { name: 'INE', kind: 'suffix', class: 'case', variants: ['ban', 'ben'], rules: [{ variant: 'ban', when: { lastVowel: 'back' } }, { variant: 'ben', when: { lastVowel: 'front' } }] },
      { name: 'PL', kind: 'suffix', class: 'plural', variants: ['ok', 'ek'], rules: [{ variant: 'ok', when: { lastVowel: 'back' } }, { variant: 'ek', when: { lastVowel: 'front' } }] },
    ],
    morphotactics: { edges: [['^', 'noun'], ['noun', 'noun'], ['noun', 'plural'], ['noun', 'case'], ['plural', 'case']] },
  };
  const words = new Map([['adatbázisban', 5], ['házban', 4], ['kertek', 3], ['adat', 2], ['bázis', 2], ['kertház', 1]]);
  const tok = new HybridTokenizer(trainHybrid({ wordCounts: words, dictionary: hu, config: { vocabSize: 600, subwordShare: 0.5, minFrequency: 1, digits: 'single', caseMarkers: true, specialTokens: [] } }).model);

  it('analyses a compound as two roots and keeps it one word with <nosp>', () => {
    expect(tok.analyze('adatbázisban', 1)[0].morphs.map((m) => `${m.kind}:${m.surface}`)).toEqual(['root:adat', 'root:bázis', 'suffix:ban']);
    const toks = tok.encode('Az adatbázisban van.');
    expect(toks.filter((t) => t.type !== 'special' || t.token === '<nosp>').map((t) => t.token === '<nosp>' ? '<nosp>' : t.text.trim())).toContain('<nosp>');
    expect(tok.decode(toks.map((t) => t.id))).toBe('Az adatbázisban van.');
    // Two words stay two words: no <nosp> between them.
    const two = tok.encode('adat bázis');
    expect(two.some((t) => t.token === '<nosp>')).toBe(false);
    expect(tok.decode(two.map((t) => t.id))).toBe('adat bázis');
  });

  it('round-trips compound-heavy text', () => {
    const parts = fc.constantFrom('adat', 'bázis', 'ház', 'kert', 'ban', 'ben', 'ok', 'ek', ' ', '', 'Adat', 'HÁZ', '.');
    fc.assert(fc.property(fc.array(parts, { maxLength: 12 }).map((a) => a.join('')), (s) => tok.decode(tok.encodeIds(s)) === s), { numRuns: 1000 });
  });
});
