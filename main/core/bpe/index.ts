// The public face of the byte-level BPE core: the service layer and jobs import from here only.
export { trainBpe, TrainingCancelled } from './trainer';
export type { TrainHooks } from './trainer';
export { BpeTokenizer } from './tokenizer';
export { explainBudget } from './budget';
export { cutModel } from './cut';
export { toHfTokenizerJson, fromHfTokenizerJson } from './hf';
export { PRETOKENIZER_PRESETS, compilePattern, resolvePattern, pretokenize, splitSpecials } from './pretokenize';
export type { Span, Segment, PresetName } from './pretokenize';
export type { BpeModel, BpeTrainOptions, BpeTrainProgress, BpeTrainStats } from './types';
