// The one API contract of Tokenizer Studio. Electron IPC, the localhost bridge and the CLI all serve
// exactly these methods through one dispatcher (dispatcher.ts). The renderer may import only *types*
// from this file (`import type`), never the schemas, so zod stays out of the UI bundle.
import { z } from 'zod';

// ---------- shared shapes ----------

export const CorpusFormat = z.enum(['auto', 'text', 'jsonl', 'counts']);
export type CorpusFormat = z.infer<typeof CorpusFormat>;

export const PretokenizerPreset = z.enum(['gpt2', 'gpt4o', 'custom']);
export type PretokenizerPreset = z.infer<typeof PretokenizerPreset>;

export const Corpus = z.object({
  id: z.number().int(),
  name: z.string(),
  sourcePath: z.string(),
  format: z.enum(['text', 'jsonl', 'counts']),
  compressed: z.boolean(),
  language: z.string(),
  textField: z.string().nullable(),
  sizeBytes: z.number(),
  sha256: z.string(),
  lines: z.number(),
  words: z.number(),
  wordTypes: z.number(),
  importedAt: z.string(),
  importMs: z.number(),
});
export type Corpus = z.infer<typeof Corpus>;

export const BpeTrainConfig = z.object({
  vocabSize: z.number().int().positive().max(1_000_000),
  minFrequency: z.number().int().min(1).default(2),
  pretokenizer: PretokenizerPreset.default('gpt4o'),
  /** The regex source when pretokenizer is 'custom'. */
  pattern: z.string().optional(),
  specialTokens: z.array(z.string().min(1)).default(['<|endoftext|>']),
});
export type BpeTrainConfig = z.infer<typeof BpeTrainConfig>;
export type BpeTrainConfigInput = z.input<typeof BpeTrainConfig>;

export const BudgetExplanation = z.object({
  vocabSize: z.number(),
  specials: z.number(),
  alphabet: z.number(),
  merges: z.number(),
  ok: z.boolean(),
  /** One human sentence: "32000 = 1 special + 256 byte tokens + 31743 merges". */
  text: z.string(),
});
export type BudgetExplanation = z.infer<typeof BudgetExplanation>;

export const TokenType = z.enum(['special', 'byte', 'merge', 'root', 'affix', 'subword']);
export type TokenType = z.infer<typeof TokenType>;

export const TokenizerKind = z.enum(['bpe', 'hybrid']);
export type TokenizerKind = z.infer<typeof TokenizerKind>;

export const HybridTrainConfig = z.object({
  vocabSize: z.number().int().positive().max(1_000_000),
  /** The least share of the vocabulary kept for subword (residue BPE) bytes and merges. */
  subwordShare: z.number().min(0).max(1).default(0.3),
  minFrequency: z.number().int().min(1).default(2),
  /** 'single': one token per digit; 'group3': right-aligned groups of three ("1250" -> "1" "250"). */
  digits: z.enum(['single', 'group3']).default('single'),
  /** Case as <cap>/<caps>/<capsrun> markers over folded words (true) or kept in the surface (false). */
  caseMarkers: z.boolean().default(true),
  specialTokens: z.array(z.string().min(1)).default(['<|endoftext|>']),
});
export type HybridTrainConfig = z.infer<typeof HybridTrainConfig>;

export const TokenizerSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: TokenizerKind,
  source: z.enum(['trained', 'imported', 'cut']),
  parentId: z.number().int().nullable(),
  vocabSize: z.number(),
  configHash: z.string(),
  createdAt: z.string(),
  trainingMs: z.number().nullable(),
});
export type TokenizerSummary = z.infer<typeof TokenizerSummary>;

export const TokenizerDetail = TokenizerSummary.extend({
  config: z.record(z.string(), z.unknown()),
  stats: z.record(z.string(), z.unknown()),
  corpusIds: z.array(z.number().int()),
  budget: BudgetExplanation.nullable(),
});
export type TokenizerDetail = z.infer<typeof TokenizerDetail>;

export const EncodedToken = z.object({
  id: z.number().int(),
  /** The token's vocabulary string (byte-level form for BPE). */
  token: z.string(),
  /** The exact text this token stands for; may be partial characters, shown with U+FFFD. */
  text: z.string(),
  type: TokenType,
  /** [start, end) in UTF-16 code units of the input string. */
  start: z.number().int(),
  end: z.number().int(),
  /** [start, end) in UTF-8 bytes of the input string. */
  byteStart: z.number().int(),
  byteEnd: z.number().int(),
  /** Hybrid: the allomorph group (affixes) or root citation form (roots) the token belongs to. */
  group: z.string().nullable().optional(),
  /** Hybrid: true when the token is a group's or root's shared id (the surface is regenerated from context). */
  shared: z.boolean().optional(),
});
export type EncodedToken = z.infer<typeof EncodedToken>;

export const Encoding = z.object({
  tokens: z.array(EncodedToken),
  chars: z.number(),
  words: z.number(),
  charsPerToken: z.number(),
  tokensPerWord: z.number(),
});
export type Encoding = z.infer<typeof Encoding>;

export const JobKind = z.enum(['import', 'train', 'dict-import', 'evaluate']);
export const JobStatus = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
export type JobStatus = z.infer<typeof JobStatus>;

export const Job = z.object({
  id: z.number().int(),
  kind: JobKind,
  status: JobStatus,
  phase: z.string(),
  percent: z.number(),
  /** merges/s while training, MB/s while importing */
  rate: z.number().nullable(),
  rateUnit: z.string().nullable(),
  message: z.string().nullable(),
  error: z.string().nullable(),
  /** The corpus or tokenizer version the job produced. */
  resultId: z.number().int().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type Job = z.infer<typeof Job>;

export const DictionaryFormat = z.enum(['auto', 'json', 'hunspell', 'tsv', 'csv']);

export const DictionarySummary = z.object({
  id: z.number().int(),
  name: z.string(),
  language: z.string(),
  roots: z.number(),
  groups: z.number(),
  variants: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DictionarySummary = z.infer<typeof DictionarySummary>;

export const Morph = z.object({
  surface: z.string(),
  kind: z.enum(['prefix', 'root', 'suffix', 'residue']),
  group: z.string().optional(),
  root: z.string().optional(),
  start: z.number().int(),
  end: z.number().int(),
});

export const WordAnalysis = z.object({
  morphs: z.array(Morph),
  score: z.object({ residueChars: z.number(), logProb: z.number(), morphs: z.number() }),
  full: z.boolean(),
  rank: z.number().int(),
  /** Why this analysis ranks below the best one ('' for the best). */
  reason: z.string(),
});
export type WordAnalysis = z.infer<typeof WordAnalysis>;

export const WorkspaceInfo = z.object({
  path: z.string(),
  schemaVersion: z.number(),
  corpora: z.number(),
  tokenizers: z.number(),
  engine: z.string(),
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfo>;

// ---------- the methods ----------

const Id = z.object({ id: z.number().int() });

export const methods = {
  'workspace.info': { args: z.object({}), result: WorkspaceInfo },
  'workspace.open': { args: z.object({ path: z.string().min(1) }), result: WorkspaceInfo },

  'corpus.import': {
    args: z.object({
      path: z.string().min(1),
      name: z.string().optional(),
      format: CorpusFormat.default('auto'),
      language: z.string().min(2).max(16).default('und'),
      /** JSONL: the field that holds the text. */
      textField: z.string().default('text'),
    }),
    result: z.object({ jobId: z.number().int() }),
  },
  'corpus.list': { args: z.object({}), result: z.array(Corpus) },
  'corpus.remove': { args: Id, result: z.object({ removed: z.boolean() }) },
  'corpus.sample': {
    args: z.object({ id: z.number().int(), lines: z.number().int().min(1).max(1000).default(5) }),
    result: z.object({ text: z.string() }),
  },
  'corpus.bundledSample': { args: z.object({}), result: z.object({ path: z.string(), language: z.string() }) },

  'train.explainBudget': { args: BpeTrainConfig, result: BudgetExplanation },
  'train.start': {
    args: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('bpe'),
        name: z.string().min(1).max(200),
        corpusIds: z.array(z.number().int()).min(1),
        config: BpeTrainConfig,
      }),
      z.object({
        kind: z.literal('hybrid'),
        name: z.string().min(1).max(200),
        corpusIds: z.array(z.number().int()).min(1),
        dictionaryId: z.number().int(),
        config: HybridTrainConfig,
      }),
    ]),
    result: z.object({ jobId: z.number().int() }),
  },

  'dict.list': { args: z.object({}), result: z.array(DictionarySummary) },
  'dict.import': {
    args: z.object({
      path: z.string().min(1),
      format: DictionaryFormat.default('auto'),
      language: z.string().min(2).max(16).optional(),
      name: z.string().min(1).max(200).optional(),
    }),
    result: z.object({ jobId: z.number().int() }),
  },
  'dict.remove': { args: Id, result: z.object({ removed: z.boolean() }) },
  'dict.export': {
    args: z.object({ id: z.number().int(), format: z.enum(['json', 'tsv', 'csv', 'hunspell']) }),
    result: z.object({ files: z.array(z.object({ name: z.string(), content: z.string() })), lost: z.array(z.string()) }),
  },
  'dict.bundled': { args: z.object({}), result: z.object({ path: z.string(), language: z.string() }) },

  'job.get': { args: Id, result: Job },
  'job.list': { args: z.object({}), result: z.array(Job) },
  'job.cancel': { args: Id, result: z.object({ cancelled: z.boolean() }) },

  'tokenizer.list': { args: z.object({}), result: z.array(TokenizerSummary) },
  'tokenizer.get': { args: Id, result: TokenizerDetail },
  'tokenizer.remove': { args: Id, result: z.object({ removed: z.boolean() }) },
  'tokenizer.encode': {
    args: z.object({ id: z.number().int(), text: z.string().max(10_000_000) }),
    result: Encoding,
  },
  'tokenizer.analyze': {
    args: z.object({ id: z.number().int(), word: z.string().min(1).max(200), n: z.number().int().min(1).max(50).default(5) }),
    result: z.object({ word: z.string(), folded: z.string(), analyses: z.array(WordAnalysis) }),
  },
  'tokenizer.decode': {
    args: z.object({ id: z.number().int(), ids: z.array(z.number().int()) }),
    result: z.object({ text: z.string() }),
  },
  'tokenizer.vocab': {
    args: z.object({
      id: z.number().int(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(5000).default(200),
    }),
    result: z.object({
      total: z.number(),
      items: z.array(z.object({ id: z.number(), token: z.string(), text: z.string(), type: TokenType })),
    }),
  },
  'tokenizer.cut': {
    args: z.object({ id: z.number().int(), vocabSize: z.number().int().positive(), name: z.string().optional() }),
    result: TokenizerSummary,
  },
  'tokenizer.exportHf': { args: Id, result: z.object({ json: z.string(), fileName: z.string() }) },
  'tokenizer.importHf': {
    args: z.object({ json: z.string().min(2), name: z.string().min(1).max(200) }),
    result: TokenizerSummary,
  },
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type Args<M extends MethodName> = z.input<Methods[M]['args']>;
export type ParsedArgs<M extends MethodName> = z.output<Methods[M]['args']>;
export type Result<M extends MethodName> = z.output<Methods[M]['result']>;

/** What a transport hands back: a result, or an error the user can read. */
export type Reply<M extends MethodName = MethodName> =
  | { ok: true; result: Result<M> }
  | { ok: false; error: ApiErrorShape };

export interface ApiErrorShape {
  /** 'invalid-args' | 'not-found' | 'bad-input' | 'conflict' | 'internal' | 'unauthorized' */
  code: string;
  message: string;
}

/** Events pushed to every connected client (IPC: 'tokstudio:event', bridge: WebSocket message). */
export type ApiEvent =
  | { type: 'job'; job: Job }
  | { type: 'workspace'; info: WorkspaceInfo };

/** The typed client every front end (renderer, CLI, tests) uses; transports implement `call`. */
export interface ApiClient {
  call<M extends MethodName>(method: M, args: Args<M>): Promise<Result<M>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
}
