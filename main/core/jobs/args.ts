import type { ParsedArgs } from '../../api/contract';

export type ImportArgs = ParsedArgs<'corpus.import'>;
export type TrainArgs = ParsedArgs<'train.start'>;
export type DictImportArgs = ParsedArgs<'dict.import'>;
export type EvalArgs = ParsedArgs<'eval.start'>;
