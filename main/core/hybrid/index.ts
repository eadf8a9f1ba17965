// The public face of the hybrid morpheme-aware tokenizer core.
export { trainHybrid, validateHybridConfig, TrainingCancelled, EM_PASSES, RESIDUE_PATTERN } from './trainer';
export type { HybridStats, HybridTrainHooks, HybridTrainProgress } from './trainer';
export { HybridTokenizer } from './codec';
export type { HybridToken } from './codec';
export { HYBRID_FORMAT, buildLayout, MARKERS, WHITESPACE_TOKENS } from './model';
export type { HybridConfig, HybridModel, Layout, VocabEntry } from './model';
export { Analyzer, uniformLogProbs, estimateLogProbs, rankAnalyses, rankReason } from './analyzer';
export type { Analysis, RankedAnalysis, Morph, MorphKind, AnalysisScore, MorphemeLogProbs, DictView } from './analyzer';
export { Allomorphy, TableLearner } from './allomorph';
export type { AllomorphTables, VariantTable } from './allomorph';
export { compileClasses, holds, predictVariant } from './context';
export type { CompiledClasses, Ctx } from './context';
export { makeCasing } from './casing';
export type { CaseClass, Casing } from './casing';
export { splitUnits } from './units';
export type { Unit, UnitKind } from './units';
export { alignmentMetrics, buildLexicon, classifyToken } from './metrics';
export type { AlignmentMetrics, AlignmentShare, MorphemeLexicon, TokenSample } from './metrics';
