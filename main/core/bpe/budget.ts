// How a vocabulary budget splits into special tokens, the 256-byte alphabet and merges.
import type { BudgetExplanation } from '../../api/contract';

export const BYTE_ALPHABET = 256;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function explainBudget(vocabSize: number, specialCount: number): BudgetExplanation {
  const minimum = specialCount + BYTE_ALPHABET;
  const merges = vocabSize - minimum;
  const specials = plural(specialCount, 'special token', 'special tokens');
  if (!Number.isInteger(vocabSize) || vocabSize < minimum) {
    return {
      vocabSize,
      specials: specialCount,
      alphabet: BYTE_ALPHABET,
      merges: 0,
      ok: false,
      text:
        `${vocabSize} is too small: the vocabulary must hold ${specials} + ${BYTE_ALPHABET} byte tokens, ` +
        `so the minimum is ${minimum} (which leaves 0 merges)`,
    };
  }
  return {
    vocabSize,
    specials: specialCount,
    alphabet: BYTE_ALPHABET,
    merges,
    ok: true,
    text: `${vocabSize} = ${specials} + ${BYTE_ALPHABET} byte tokens + ${plural(merges, 'merge', 'merges')}`,
  };
}
