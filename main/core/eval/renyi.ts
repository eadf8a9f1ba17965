// Rényi efficiency of a tokenizer's unigram distribution (Zouhar et al. 2023, "Tokenization and the
// Noiseless Channel"): with p the relative frequencies of token ids on a sample and |V| the vocabulary size,
//   H_a(p) = 1/(1 - a) * log sum_i p_i^a        (a != 1)
//   H_1(p) = - sum_i p_i log p_i                (the limit a -> 1: Shannon entropy)
//   efficiency_a = H_a(p) / log |V|
// The base of the logarithm cancels; natural logs are used. sum p_i^a is computed as exp of a log-sum-exp so
// large a does not underflow. Vocabulary utilisation = distinct ids used / |V|.

export function renyiEntropy(counts: Iterable<number>, alpha: number): number {
  if (!(alpha > 0)) throw new Error(`Rényi alpha must be positive, got ${alpha}`);
  const c = [...counts].filter((x) => x > 0);
  const total = c.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  const logP = c.map((x) => Math.log(x / total));
  if (Math.abs(alpha - 1) < 1e-12) return -logP.reduce((s, lp) => s + Math.exp(lp) * lp, 0);
  const terms = logP.map((lp) => alpha * lp);
  let max = -Infinity;
  for (const t of terms) if (t > max) max = t;
  const logSum = max + Math.log(terms.reduce((s, t) => s + Math.exp(t - max), 0));
  return logSum / (1 - alpha);
}

export function renyiEfficiency(counts: Iterable<number>, vocabSize: number, alpha: number): number {
  if (vocabSize < 2) return 0;
  return renyiEntropy(counts, alpha) / Math.log(vocabSize);
}

export function utilisation(typesUsed: number, vocabSize: number): number {
  return vocabSize === 0 ? 0 : typesUsed / vocabSize;
}
