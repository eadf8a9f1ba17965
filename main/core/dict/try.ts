// "Try a word": the analyses of one word under a dictionary as it is right now (no training needed), the
// same lattice and ranking the hybrid tokenizer uses. Without morpheme probabilities every root and group
// is equally likely; with a trained hybrid version's probabilities the ranking is the tokenizer's own.
import type { WordAnalysis } from '../../api/contract';
import { type MorphemeLogProbs, rankAnalyses, uniformLogProbs } from '../hybrid/analyzer';
import { HybridAnalyzer } from '../hybrid/engine';
import { surfaceFolder } from './normalize';
import type { Dictionary } from './types';

export interface TryResult {
  word: string;
  folded: string;
  analyses: WordAnalysis[];
}

/** An analyzer built once per dictionary content (building one over 368k roots takes a while). */
export class WordTrial {
  private readonly analyzer: HybridAnalyzer;
  private readonly uniform: MorphemeLogProbs;
  private readonly fold: (s: string) => string;

  constructor(dictionary: Dictionary) {
    this.uniform = uniformLogProbs(dictionary);
    this.analyzer = new HybridAnalyzer(dictionary, this.uniform);
    this.fold = surfaceFolder(dictionary.language);
  }

  analyze(word: string, n: number, logProbs?: MorphemeLogProbs): TryResult {
    const trimmed = word.trim();
    const folded = this.fold(trimmed);
    this.analyzer.setProbs(logProbs ?? this.uniform);
    return { word: trimmed, folded, analyses: rankAnalyses(this.analyzer.analyze(folded, n)) };
  }
}

export function tryWord(dictionary: Dictionary, word: string, n = 5, logProbs?: MorphemeLogProbs): TryResult {
  return new WordTrial(dictionary).analyze(word, n, logProbs);
}
