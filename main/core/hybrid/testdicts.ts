// Small hand-built dictionaries for the hybrid tests (a Turkish-like and an Indonesian-like one). Test data
// only: the shipped starter dictionaries live under samples/.
import type { Dictionary } from '../dict/types';

const TR_CLASSES = {
  vowel: 'aeıioöuü',
  back: 'aıou',
  front: 'eiöü',
  rounded: 'oöuü',
  unrounded: 'aeıi',
  voiceless: 'çfhkpsşt',
  consonant: 'bcçdfgğhjklmnprsştvyz',
};

/** Four-way harmony variants [back-unrounded, front-unrounded, back-rounded, front-rounded]. */
function fourWay(vs: [string, string, string, string], extra: object = {}) {
  const cls: [string | string[], string][] = [
    [['back', 'unrounded'], vs[0]],
    [['front', 'unrounded'], vs[1]],
    [['back', 'rounded'], vs[2]],
    [['front', 'rounded'], vs[3]],
  ];
  return cls.map(([lv, variant]) => ({ variant, when: { lastVowel: lv, ...extra } }));
}

export function turkishMini(): Dictionary {
  const soft = (s: string, alt: string) => ({ surface: s, pos: 'noun', alternants: [{ surface: alt, when: { next: 'vowel' } }] });
  return {
    format: 'tokstudio-dictionary/1',
    name: 'tr-mini',
    language: 'tr',
    alphabet: 'abcçdefgğhıijklmnoöprsştuüvyz',
    charClasses: TR_CLASSES,
    roots: [
      { surface: 'ev', pos: 'noun' },
      soft('kitap', 'kitab'),
      soft('ağaç', 'ağac'),
      { surface: 'git', pos: 'verb', alternants: [{ surface: 'gid', when: { next: 'vowel' } }] },
      { surface: 'yorum', pos: 'noun' },
      { surface: 'gel', pos: 'verb' },
      { surface: 'okul', pos: 'noun' },
      { surface: 'göz', pos: 'noun' },
      { surface: 'bilgi', pos: 'noun' },
      { surface: 'masa', pos: 'noun' },
      { surface: 'istanbul', pos: 'noun' },
      { surface: 'ankara', pos: 'noun' },
      { surface: 'ışık', pos: 'noun' },
      { surface: 'ılık', pos: 'adj' },
      { surface: 'ığdır', pos: 'noun' },
      { surface: 've', pos: 'conj' },
      { surface: 'bu', pos: 'pron' },
    ],
    groups: [
      { name: 'PLU', kind: 'suffix', class: 'plural', variants: ['lar', 'ler'], rules: [{ variant: 'lar', when: { lastVowel: 'back' } }, { variant: 'ler', when: { lastVowel: 'front' } }] },
      {
        name: 'ABL',
        kind: 'suffix',
        class: 'case',
        variants: ['dan', 'den', 'tan', 'ten'],
        rules: [
          { variant: 'dan', when: { lastVowel: 'back', lastChar: '!voiceless' } },
          { variant: 'den', when: { lastVowel: 'front', lastChar: '!voiceless' } },
          { variant: 'tan', when: { lastVowel: 'back', lastChar: 'voiceless' } },
          { variant: 'ten', when: { lastVowel: 'front', lastChar: 'voiceless' } },
        ],
      },
      {
        name: 'ACC',
        kind: 'suffix',
        class: 'case',
        variants: ['ı', 'i', 'u', 'ü', 'yı', 'yi', 'yu', 'yü'],
        rules: [...fourWay(['ı', 'i', 'u', 'ü'], { lastChar: 'consonant' }), ...fourWay(['yı', 'yi', 'yu', 'yü'], { lastChar: 'vowel' })],
      },
      {
        name: 'P1PL',
        kind: 'suffix',
        class: 'poss',
        variants: ['ımız', 'imiz', 'umuz', 'ümüz', 'mız', 'miz', 'muz', 'müz'],
        rules: [...fourWay(['ımız', 'imiz', 'umuz', 'ümüz'], { lastChar: 'consonant' }), ...fourWay(['mız', 'miz', 'muz', 'müz'], { lastChar: 'vowel' })],
      },
      {
        name: 'PROG',
        kind: 'suffix',
        class: 'tense',
        variants: ['ıyor', 'iyor', 'uyor', 'üyor', 'yor'],
        rules: [...fourWay(['ıyor', 'iyor', 'uyor', 'üyor'], { lastChar: 'consonant' }), { variant: 'yor', when: { lastChar: 'vowel' } }],
      },
      { name: 'A1SG', kind: 'suffix', class: 'person', variants: ['ım', 'im', 'um', 'üm', 'm'], rules: [...fourWay(['ım', 'im', 'um', 'üm'], { lastChar: 'consonant' }), { variant: 'm', when: { lastChar: 'vowel' } }] },
      // No rules: the choice is learned from the corpus.
      { name: 'DAT', kind: 'suffix', class: 'case', variants: ['a', 'e', 'ya', 'ye'] },
      { name: 'REL', kind: 'suffix', class: 'rel', variants: ['ki'] },
    ],
  };
}

export function indonesianMini(): Dictionary {
  return {
    format: 'tokstudio-dictionary/1',
    name: 'id-mini',
    language: 'id',
    alphabet: 'abcdefghijklmnopqrstuvwxyz',
    charClasses: { vowel: 'aeiou', labial: 'bpf', dental: 'dtcjz', velar: 'gkh', liquid: 'lmnrwy' },
    roots: [
      { surface: 'baca', pos: 'verb' },
      { surface: 'ambil', pos: 'verb' },
      { surface: 'dengar', pos: 'verb' },
      { surface: 'main', pos: 'verb' },
      { surface: 'pukul', pos: 'verb' },
      { surface: 'adil', pos: 'adj' },
      { surface: 'besar', pos: 'adj' },
      { surface: 'lihat', pos: 'verb' },
      { surface: 'rumah', pos: 'noun' },
    ],
    groups: [
      {
        name: 'meN-',
        kind: 'prefix',
        class: 'active',
        variants: ['me', 'mem', 'men', 'meng'],
        rules: [
          { variant: 'mem', when: { next: 'labial' } },
          { variant: 'men', when: { next: 'dental' } },
          { variant: 'meng', when: { next: 'velar' } },
          { variant: 'meng', when: { next: 'vowel' } },
          { variant: 'me', when: { next: 'liquid' } },
        ],
      },
      { name: 'ber-', kind: 'prefix', class: 'intr', variants: ['ber'] },
      { name: 'di-', kind: 'prefix', class: 'passive', variants: ['di'] },
      { name: 'ke-', kind: 'prefix', class: 'nominal', variants: ['ke'] },
      { name: '-an', kind: 'suffix', class: 'nominal', variants: ['an'] },
      { name: '-kan', kind: 'suffix', class: 'caus', variants: ['kan'] },
      { name: '-nya', kind: 'suffix', class: 'clitic', variants: ['nya'] },
    ],
    morphotactics: {
      edges: [
        ['^', 'active'],
        ['^', 'intr'],
        ['^', 'passive'],
        ['^', 'nominal'],
        ['^', 'verb'],
        ['^', 'adj'],
        ['^', 'noun'],
        ['active', 'verb'],
        ['intr', 'verb'],
        ['passive', 'verb'],
        ['nominal', 'adj'],
        ['nominal', 'verb'],
        ['verb', 'caus'],
        ['adj', 'nominal'],
        ['verb', 'nominal'],
        ['noun', 'clitic'],
        ['verb', 'clitic'],
        ['nominal', 'clitic'],
        ['caus', 'clitic'],
      ],
    },
  };
}
