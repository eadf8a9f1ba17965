import { describe, expect, it } from 'vitest';
import { fakeTokenizer } from '../../testing/fakeTokenizer';
import { drawQueue, wordTypes } from './queues';
import { parseWordlist } from './wordlist';

// Whitespace words as a corpus stores them: punctuation attached, mixed case.
const counts = new Map([
  ['Evler,', 3],
  ['evler', 2],
  ['kitap.', 4],
  ["İstanbul'da", 1],
  ['ev', 9],
  ['oda', 5],
]);

describe('drawing a queue', () => {
  it('folds letter runs with the language rules and sums their counts', () => {
    expect(wordTypes(counts, 'tr', 3)).toEqual(new Map([['evler', 5], ['kitap', 4], ['istanbul', 1], ['oda', 5]]));
    expect(wordTypes(counts, 'tr', 2).get('da')).toBe(1);
  });

  it('orders by frequency, ties by word, and cuts at size', () => {
    const items = drawQueue({ source: 'frequency', counts, language: 'tr' }, { size: 3, minLength: 3, tokenizers: [] });
    expect(items.map((i) => [i.word, i.frequency, i.why])).toEqual([['evler', 5, '5 occurrences'], ['oda', 5, '5 occurrences'], ['kitap', 4, '4 occurrences']]);
    expect(items[0].proposal).toBeNull();
  });

  it('ranks disagreement by distinct segmentations, then frequency, and proposes the first tokenizer\'s cut', () => {
    const letters = [...'abcdefghijklmnopqrstuvwxyzıüşöçğ '];
    const t1 = fakeTokenizer([...letters, 'ev', 'ler', 'kitap', 'oda', 'istanbul']);
    const t2 = fakeTokenizer([...letters, 'evler', 'kit', 'ap', 'oda', 'istan', 'bul']);
    const t3 = fakeTokenizer([...letters, 'evl', 'er', 'kit', 'ap', 'oda', 'istanbul']);
    const tokenizers = [t1, t2, t3].map((tok, id) => ({ id: id + 1, tok }));
    const items = drawQueue({ source: 'disagreement', counts, language: 'tr' }, { size: 10, minLength: 3, tokenizers });
    // evler: ev|ler, evler, evl|er (3); kitap: kitap, kit|ap (2); istanbul: whole, istan|bul (2); oda: all agree.
    expect(items.map((i) => [i.word, i.why])).toEqual([
      ['evler', '3 distinct segmentations'],
      ['kitap', '2 distinct segmentations'],
      ['istanbul', '2 distinct segmentations'],
    ]);
    expect(items[0]).toMatchObject({ proposal: ['ev', 'ler'], proposalLabels: null });
    expect(() => drawQueue({ source: 'disagreement', counts, language: 'tr' }, { size: 10, minLength: 3, tokenizers: tokenizers.slice(0, 1) })).toThrow('at least 2 tokenizer versions');
    expect(() => drawQueue({ source: 'uncertainty', counts, language: 'tr' }, { size: 10, minLength: 3, tokenizers: tokenizers.slice(0, 1) })).toThrow('needs a hybrid version');
  });

  it('reads word lists, naming the line of an error', () => {
    const words = parseWordlist('# words\nkitaplar\t12\n\nevler\nev\nkitaplar\t3\n', 'w.txt');
    expect(words).toEqual([
      { word: 'kitaplar', count: 15, line: 2 },
      { word: 'evler', count: 0, line: 4 },
      { word: 'ev', count: 0, line: 5 },
    ]);
    const items = drawQueue({ source: 'wordlist', words }, { size: 10, minLength: 3, tokenizers: [] });
    expect(items.map((i) => [i.word, i.frequency, i.why])).toEqual([['kitaplar', 15, 'word list line 2'], ['evler', 0, 'word list line 4']]);
    expect(() => parseWordlist('ev\nkitap\tmany\n', 'w.txt')).toThrow('w.txt:2: count "many" is not a whole number');
    expect(() => parseWordlist('ev\na\tb\tc\n', 'w.txt')).toThrow('w.txt:2: expected "word" or "word<TAB>count", found 3');
    expect(() => parseWordlist('ev ler\n', 'w.txt')).toThrow('w.txt:1: "ev ler" holds whitespace');
    expect(() => parseWordlist('# only\n\n', 'w.txt')).toThrow('w.txt: no words');
  });
});
