// Deterministic Turkish-like text for the end-to-end test: real roots with suffixes chosen by vowel
// harmony and consonant assimilation, so BPE finds the kind of structure it finds in real Turkish.

import { mulberry32 } from '../main/core/eval/sample';

export type Rng = () => number;

/** mulberry32 (the evaluation's sampler): small, seedable, good enough for test data. */
export const seededRng = (seed: number): Rng => mulberry32(seed);

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];

const VOWELS = 'aeıioöuü';
const BACK = 'aıou';
const ROUND = 'oöuü';
const VOICELESS = 'çfhkpsşt';

function lastVowel(w: string): string {
  for (let i = w.length - 1; i >= 0; i--) if (VOWELS.includes(w[i])) return w[i];
  return 'e';
}
const endsInVowel = (w: string) => VOWELS.includes(w[w.length - 1]);

/** Bare roots that change before a vowel-initial suffix: final-stop softening and vowel loss. */
const BEFORE_VOWEL: Record<string, string> = {
  kitap: 'kitab', ağaç: 'ağac', çocuk: 'çocuğ', ekmek: 'ekmeğ', mektup: 'mektub', yemek: 'yemeğ',
  bardak: 'bardağ', köpek: 'köpeğ', git: 'gid', şehir: 'şehr', nehir: 'nehr',
};

/**
 * Appends a suffix written with archiphonemes: A (a/e), I (ı/i/u/ü), D (d/t), C (c/ç), and an optional
 * leading segment in parentheses that is kept only where Turkish keeps it: a buffer consonant "(y)",
 * "(s)", "(n)" after a vowel, a linking vowel "(I)" after a consonant. E.g. "(y)A", "(s)I", "(I)m", "DA".
 */
export function suffix(stem: string, pattern: string): string {
  let s = pattern;
  const opt = /^\((\w)\)/.exec(s);
  if (opt) {
    const keep = /[AI]/.test(opt[1]) ? !endsInVowel(stem) : endsInVowel(stem);
    s = (keep ? opt[1] : '') + s.slice(opt[0].length);
  }
  let out = stem;
  if (/^[AIaeıioöuü]/.test(s)) {
    if (BEFORE_VOWEL[out]) out = BEFORE_VOWEL[out];
    else if (/(cak|cek)$/.test(out)) out = out.slice(0, -1) + 'ğ'; // future -AcAk + vowel
  }
  for (const ch of s) {
    const v = lastVowel(out);
    const back = BACK.includes(v);
    const round = ROUND.includes(v);
    const voiceless = VOICELESS.includes(out[out.length - 1]);
    if (ch === 'A') out += back ? 'a' : 'e';
    else if (ch === 'I') out += back ? (round ? 'u' : 'ı') : round ? 'ü' : 'i';
    else if (ch === 'D') out += voiceless ? 't' : 'd';
    else if (ch === 'C') out += voiceless ? 'ç' : 'c';
    else out += ch;
  }
  return out;
}

const NOUNS = [
  'ev', 'okul', 'kitap', 'masa', 'şehir', 'köy', 'deniz', 'göz', 'yol', 'kapı', 'çocuk', 'öğretmen', 'doktor',
  'bilgisayar', 'pencere', 'bahçe', 'ağaç', 'kuş', 'gün', 'yıl', 'hafta', 'dil', 'söz', 'haber', 'gazete',
  'müzik', 'şarkı', 'resim', 'araba', 'tren', 'istasyon', 'hastane', 'üniversite', 'öğrenci', 'arkadaş',
  'anne', 'baba', 'kardeş', 'komşu', 'sokak', 'mahalle', 'dağ', 'orman', 'göl', 'nehir', 'köprü', 'market',
  'ekmek', 'bardak', 'köpek', 'çay', 'kahve', 'yemek', 'mektup', 'telefon', 'soru', 'cevap', 'düşünce', 'hikâye', 'toplantı',
];
const PROPER = ['İstanbul', 'Ankara', 'İzmir', 'Trabzon', 'Eskişehir', 'Diyarbakır', 'Ayşe', 'Mehmet', 'Zeynep', 'Emre', 'Çağla', 'Gökhan'];
const ADJECTIVES = [
  'büyük', 'küçük', 'güzel', 'eski', 'yeni', 'uzun', 'kısa', 'sıcak', 'soğuk', 'temiz', 'kalabalık', 'sessiz',
  'zor', 'kolay', 'önemli', 'ilginç', 'yorgun', 'mutlu', 'hızlı', 'yavaş', 'güçlü', 'karanlık', 'aydınlık',
];
const VERBS = [
  'gel', 'git', 'oku', 'yaz', 'bak', 'gör', 'düşün', 'anlat', 'sev', 'bekle', 'konuş', 'çalış', 'öğren',
  'başla', 'bitir', 'aç', 'kapat', 'al', 'ver', 'bul', 'sor', 'dinle', 'anla', 'yürü', 'koş', 'otur', 'iç',
];
const ADVERBS = ['bugün', 'dün', 'yarın', 'sonra', 'hemen', 'yine', 'çok', 'biraz', 'artık', 'belki', 'hâlâ', 'sabahleyin', 'akşamları'];
const CONNECTORS = ['ama', 've', 'çünkü', 'ya da', 'fakat', 'hatta', 'oysa', 'yani'];

const CASES = ['', '(y)A', '(y)I', 'DA', 'DAn', '(n)In', '(y)lA'];
const POSSESSIVES = ['', '(I)m', '(I)n', '(s)I', '(I)mIz', '(I)nIz'];
/** After a 3rd-person possessive the cases take a pronominal n. */
const AFTER_3SG: Record<string, string> = { '(y)A': 'nA', '(y)I': 'nI', DA: 'nDA', DAn: 'nDAn', '(n)In': 'nIn', '(y)lA': '(y)lA' };
const TENSES: [string, string[]][] = [
  ['Iyor', ['um', 'sun', '', 'uz', 'sunuz', 'lar']],
  ['DI', ['m', 'n', '', 'k', 'nIz', 'lAr']],
  ['mIş', ['Im', 'sIn', '', 'Iz', 'sInIz', 'lAr']],
  ['(y)AcAk', ['Im', 'sIn', '', 'Iz', 'sInIz', 'lAr']],
];

function noun(rng: Rng): string {
  let w = pick(rng, NOUNS);
  if (rng() < 0.35) w = suffix(w, 'lAr');
  const poss = rng() < 0.4 ? pick(rng, POSSESSIVES) : '';
  if (poss) w = suffix(w, poss);
  const kase = pick(rng, CASES);
  if (kase) w = suffix(w, poss === '(s)I' ? AFTER_3SG[kase] : kase);
  return w;
}

function verb(rng: Rng): string {
  let w = pick(rng, VERBS);
  if (rng() < 0.2) w = suffix(w, 'mA'); // negation
  const [tense, persons] = pick(rng, TENSES);
  // "-Iyor" after a vowel-final stem replaces that vowel: başla -> başlıyor, oku -> okuyor.
  if (tense === 'Iyor' && endsInVowel(w)) w = w.slice(0, -1);
  w = suffix(w, tense);
  const p = pick(rng, persons);
  return p ? suffix(w, p) : w;
}

const capitalize = (s: string) => s.charAt(0).toLocaleUpperCase('tr') + s.slice(1);

/** One sentence of 4-12 words with Turkish punctuation habits. */
export function sentence(rng: Rng): string {
  const parts: string[] = [];
  if (rng() < 0.3) parts.push(pick(rng, ADVERBS));
  if (rng() < 0.25) {
    const name = pick(rng, PROPER);
    parts.push(name + '’' + suffix(name, pick(rng, ['DA', '(y)A', 'DAn', '(n)In'])).slice(name.length));
  }
  parts.push((rng() < 0.5 ? pick(rng, ADJECTIVES) + ' ' : '') + noun(rng));
  if (rng() < 0.6) parts.push(noun(rng));
  if (rng() < 0.3) parts.push(`${Math.floor(rng() * 2030)}`);
  parts.push(verb(rng));
  if (rng() < 0.3) parts.push(pick(rng, CONNECTORS), noun(rng), verb(rng));
  let s = capitalize(parts.join(' '));
  const end = rng();
  s += end < 0.75 ? '.' : end < 0.88 ? '?' : end < 0.95 ? '!' : '...';
  if (rng() < 0.08) s = `“${s}” dedi ${pick(rng, PROPER.slice(6))}.`; // people, not cities
  return s;
}

/** Lines of 1-4 sentences until at least `bytes` UTF-8 bytes; blank lines now and then. */
export function turkishText(seed: number, bytes: number): string {
  const rng = seededRng(seed);
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const n = 1 + Math.floor(rng() * 4);
    const line = Array.from({ length: n }, () => sentence(rng)).join(' ');
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
    if (rng() < 0.05) {
      lines.push('');
      size += 1;
    }
  }
  return lines.join('\n') + '\n';
}

/** Many distinct pseudo-words (random harmonic syllables): a corpus where BPE never runs out of pairs. */
export function pseudoWordText(seed: number, bytes: number): string {
  const rng = seededRng(seed);
  const onsets = ['', 'b', 'c', 'ç', 'd', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 'ş', 't', 'y', 'z'];
  const codas = ['', '', 'n', 'r', 'l', 'k', 'm', 's', 'ş', 't'];
  const word = () => {
    let w = '';
    const syl = 1 + Math.floor(rng() * 4);
    for (let i = 0; i < syl; i++) w += pick(rng, onsets) + pick(rng, [...VOWELS]) + pick(rng, codas);
    return rng() < 0.5 ? suffix(w || 'a', pick(rng, ['lAr', 'DA', 'DAn', '(y)I', 'lIk', 'CI', 'sIz'])) : w;
  };
  const out: string[] = [];
  let size = 0;
  while (size < bytes) {
    const n = 5 + Math.floor(rng() * 12);
    const line = capitalize(Array.from({ length: n }, word).join(' ')) + '.';
    out.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  return out.join('\n') + '\n';
}
