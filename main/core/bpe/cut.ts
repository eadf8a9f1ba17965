// Cutting a model's merge history to a smaller vocabulary. BPE training is greedy and each merge depends
// only on the merges before it, so the first k merges are exactly what training with k merges produces.
import type { BpeModel } from './types';
import { BYTE_TO_CHAR } from './bytelevel';
import { explainBudget } from './budget';

/**
 * Keeps the specials, the 256 byte tokens and the first (vocabSize - specials - 256) merges, laid out as
 * the trainer lays them out (specials, bytes in byte order, merges in merge order). For a model trained
 * here that is a prefix of its vocabulary; an imported model with another id layout gets renumbered.
 */
export function cutModel(model: BpeModel, vocabSize: number): BpeModel {
  const budget = explainBudget(vocabSize, model.specials.length);
  if (!budget.ok) throw new Error(`cannot cut to ${budget.text}`);
  if (vocabSize > model.vocab.length) {
    throw new Error(`cannot cut to ${vocabSize} tokens: the model has only ${model.vocab.length}`);
  }
  const specials = [...model.specials].sort((a, b) => a.id - b.id).map((s) => s.content);
  const kept = new Set<string>(BYTE_TO_CHAR);
  const vocab = [...specials, ...BYTE_TO_CHAR];
  const merges: [string, string][] = [];
  for (let rank = 0; rank < model.merges.length && vocab.length < vocabSize; rank++) {
    const [left, right] = model.merges[rank];
    if (!kept.has(left) || !kept.has(right)) {
      throw new Error(
        `merge ${rank} (${JSON.stringify(left)} + ${JSON.stringify(right)}) uses a token no earlier merge produces, ` +
          'so this model cannot be cut',
      );
    }
    merges.push([left, right]);
    const token = left + right;
    if (!kept.has(token)) {
      kept.add(token);
      vocab.push(token);
    }
  }
  if (vocab.length < vocabSize) {
    throw new Error(`cannot cut to ${vocabSize} tokens: the merges of this model produce only ${vocab.length}`);
  }
  return {
    pattern: model.pattern,
    specials: specials.map((content, id) => ({ id, content })),
    vocab,
    merges,
  };
}

