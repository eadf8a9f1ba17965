// Shapes shared by the BPE trainer, encoder, Hugging Face import/export and the workspace store.

/** A byte-level BPE tokenizer, complete enough to encode, decode and export. */
export interface BpeModel {
  /** The pre-tokenizer regex source (JavaScript syntax, compiled with the 'gu' flags). */
  pattern: string;
  /** Special tokens, matched verbatim in the input before pre-tokenization. */
  specials: { id: number; content: string }[];
  /** id -> token string in the GPT-2 byte-to-unicode form; specials appear here under their own ids. */
  vocab: string[];
  /** Merges in rank order, both sides in byte-to-unicode form. */
  merges: [string, string][];
  /** Hugging Face's ignore_merges (imported models only): a pre-token that is itself a token stays whole. */
  ignoreMerges?: boolean;
}

export interface BpeTrainOptions {
  vocabSize: number;
  minFrequency: number;
  pattern: string;
  specialTokens: string[];
}

export interface BpeTrainProgress {
  phase: 'counting' | 'merging';
  done: number;
  total: number;
  mergesPerSecond?: number;
}

export interface BpeTrainStats {
  merges: number;
  /** Set when fewer merges than the budget allowed could be made. */
  stoppedEarly: null | { reason: string; atMerges: number };
  pretokenTypes: number;
  pretokenTotal: number;
  trainingMs: number;
  /** Pairs passed over because their concatenation was already a token (see trainer.ts). */
  duplicatePairsSkipped?: number;
}
