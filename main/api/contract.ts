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
  /** Set when the dictionary it was trained with has changed (or is gone) since: retrain to catch up. */
  stale: z.string().nullable().optional(),
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
  /** The corpus, tokenizer version, dictionary or evaluation the job produced. */
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

// ---------- dictionary editing (rows have stable ids) ----------

const ClassRef = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
export const Condition = z.strictObject({
  lastVowel: ClassRef.optional(),
  lastChar: ClassRef.optional(),
  next: ClassRef.optional(),
  nextIsEnd: z.boolean().optional(),
});
export const Alternant = z.object({ surface: z.string(), when: Condition.nullable() });
export const AllomorphRule = z.object({ variant: z.string(), when: Condition });

export const DictRoot = z.object({
  rowId: z.number().int(),
  surface: z.string(),
  pos: z.string(),
  gloss: z.string().nullable(),
  alternants: z.array(Alternant),
});
export type DictRoot = z.infer<typeof DictRoot>;

export const DictGroup = z.object({
  rowId: z.number().int(),
  name: z.string(),
  kind: z.enum(['prefix', 'suffix']),
  class: z.string(),
  gloss: z.string().nullable(),
  variants: z.array(z.string()),
  rules: z.array(AllomorphRule),
});
export type DictGroup = z.infer<typeof DictGroup>;

export const DictProblem = z.object({ path: z.string(), message: z.string(), severity: z.enum(['error', 'warning']) });
export type DictProblem = z.infer<typeof DictProblem>;

export const UndoState = z.object({
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  /** What undo / redo would do, e.g. 'add root "kalem"'. */
  undoLabel: z.string().nullable(),
  redoLabel: z.string().nullable(),
});
export type UndoState = z.infer<typeof UndoState>;

const RootFields = {
  surface: z.string(),
  pos: z.string(),
  gloss: z.string().nullable().optional(),
  alternants: z.array(Alternant).optional(),
};
const GroupFields = {
  name: z.string(),
  kind: z.enum(['prefix', 'suffix']),
  class: z.string(),
  gloss: z.string().nullable().optional(),
  variants: z.array(z.string()),
  rules: z.array(AllomorphRule).optional(),
};

export const DictEdit = z.discriminatedUnion('op', [
  z.object({ op: z.literal('root.add'), ...RootFields }),
  z.object({ op: z.literal('root.update'), rowId: z.number().int(), ...partial(RootFields) }),
  z.object({ op: z.literal('root.delete'), rowId: z.number().int() }),
  z.object({ op: z.literal('group.add'), ...GroupFields }),
  z.object({ op: z.literal('group.update'), rowId: z.number().int(), ...partial(GroupFields) }),
  z.object({ op: z.literal('group.delete'), rowId: z.number().int() }),
  /** The whole morphotactic table (it is small). */
  z.object({ op: z.literal('edges.set'), edges: z.array(z.tuple([z.string().min(1), z.string().min(1)])) }),
  z.object({ op: z.literal('classes.set'), charClasses: z.record(z.string(), z.string()), alphabet: z.string().optional() }),
]);
export type DictEdit = z.infer<typeof DictEdit>;

function partial<T extends Record<string, z.ZodType>>(fields: T): { [K in keyof T]: z.ZodOptional<T[K]> } {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])) as never;
}

export const DictionaryDetail = DictionarySummary.extend({
  alphabet: z.string(),
  charClasses: z.record(z.string(), z.string()),
  edges: z.array(z.tuple([z.string(), z.string()])),
  /** Morphotactic classes used by roots (pos) and groups, and whether "^" reaches each. */
  classes: z.array(z.object({ name: z.string(), reachable: z.boolean() })),
  /**
   * The roots' parts of speech the morphotactics can use ("^" reaches them and an edge leaves them; all of
   * them without morphotactics), most roots first: the choices for an import's rootPos.
   */
  usableRootPos: z.array(z.object({ name: z.string(), roots: z.number() })),
  /** Grows with every edit, undo and redo; tokenizer versions remember the revision they were trained on. */
  revision: z.number().int(),
  problems: z.array(DictProblem),
  undo: UndoState,
});
export type DictionaryDetail = z.infer<typeof DictionaryDetail>;

export const EditResult = z.object({
  revision: z.number().int(),
  /** The row the edit created or changed (null for deletes and table edits). */
  rowId: z.number().int().nullable(),
  /** Warnings the edit raised (errors are refused with a bad-input error instead). */
  warnings: z.array(DictProblem),
  undo: UndoState,
});
export type EditResult = z.infer<typeof EditResult>;

export const ImportPreview = z.object({
  format: z.string(),
  /** Counts against the target dictionary (everything is "added" for a new dictionary). */
  roots: z.object({ added: z.number(), changed: z.number(), unchanged: z.number() }),
  groups: z.object({ added: z.number(), changed: z.number(), unchanged: z.number() }),
  /** Rows the importer could not take, with their reason (first 1000). */
  rejected: z.array(z.object({ line: z.number().nullable(), reason: z.string() })),
  rejectedTotal: z.number(),
  warnings: z.array(z.string()),
  /** A few examples of each, for the preview table. */
  samples: z.object({ added: z.array(z.string()), changed: z.array(z.string()) }),
  /**
   * The imported roots the file gives no part of speech, and the one they took (rootPos, else the format's
   * default: "stem" for Hunspell, "root" for word lists); null when every root names its own.
   */
  rootsWithoutPos: z.object({ count: z.number(), pos: z.string() }).nullable(),
  /**
   * With skipAnalysed: the roots left out because the target already analyses them completely as more than
   * one morph, and a few of those analyses ("anla+yacağ+ınız+dan"); null without the option.
   */
  analysed: z.object({ count: z.number(), examples: z.array(z.string()) }).nullable(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const CompareSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('version'), id: z.number().int() }),
  z.object({ kind: z.literal('openai'), name: z.enum(['o200k_base', 'cl100k_base']) }),
]);
export type CompareSource = z.infer<typeof CompareSource>;

// ---------- evaluation: gold segmentations, parallel text, stored runs ----------

export const GoldFormat = z.enum(['auto', 'tsv', 'morpho', 'sigmorphon', 'morfessor', 'conllu']);
export type GoldFormat = z.infer<typeof GoldFormat>;

export const GoldSetSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  language: z.string(),
  /** The file format it was read from; 'annotation' for sets made in the app. */
  format: z.enum(['tsv', 'morpho', 'sigmorphon', 'morfessor', 'conllu', 'annotation']),
  source: z.enum(['file', 'annotation']),
  sourcePath: z.string().nullable(),
  /** Of the file's bytes (or of the set's content for annotation sets). */
  sha256: z.string(),
  entries: z.number().int(),
  /** Entries with more than one accepted segmentation. */
  withAlternatives: z.number().int(),
  createdAt: z.string(),
});
export type GoldSetSummary = z.infer<typeof GoldSetSummary>;

export const GoldEntry = z.object({
  position: z.number().int(),
  word: z.string(),
  /** Accepted segmentations of the surface word, best first; each spells the word exactly. */
  alternatives: z.array(z.array(z.string())),
  /** 1-based line in the source file (null for annotation sets). */
  line: z.number().int().nullable(),
});
export type GoldEntry = z.infer<typeof GoldEntry>;

export const ParallelFormat = z.enum(['auto', 'jsonl', 'tsv']);

export const ParallelSetSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  format: z.enum(['jsonl', 'tsv']),
  sourcePath: z.string(),
  sha256: z.string(),
  languages: z.array(z.string()),
  rows: z.number().int(),
  createdAt: z.string(),
});
export type ParallelSetSummary = z.infer<typeof ParallelSetSummary>;

const Prf = z.object({ precision: z.number(), recall: z.number(), f1: z.number() });

export const EvalCompression = z.object({
  lines: z.number().int(),
  /** Whitespace-separated words. */
  words: z.number().int(),
  tokens: z.number().int(),
  /** Unicode code points. */
  chars: z.number().int(),
  bytes: z.number().int(),
  tokensPerWord: z.number(),
  charsPerToken: z.number(),
  bytesPerToken: z.number(),
  /** Word occurrences encoded as one content token when they follow a space (see core/eval/words.ts). */
  wholeWords: z.number().int(),
  wholeWordRate: z.number(),
});

export const EvalRenyi = z.object({
  alpha: z.number(),
  /** H_alpha(p) / log |V| of the unigram token distribution on the sample. */
  efficiency: z.number(),
  /** The same with alpha = 1 (Shannon), for reference. */
  shannonEfficiency: z.number(),
  /** Distinct token ids used / vocabulary size. */
  utilisation: z.number(),
  typesUsed: z.number().int(),
});

const AlignmentShareShape = z.object({ counted: z.number(), language: z.number(), pure: z.number(), languagePct: z.number(), purePct: z.number() });

export const EvalBoundaries = z.object({
  goldSetId: z.number().int(),
  name: z.string(),
  words: z.number().int(),
  tp: z.number().int(),
  fp: z.number().int(),
  fn: z.number().int(),
  micro: Prf,
  macro: Prf,
  overSegmented: z.number().int(),
  underSegmented: z.number().int(),
  exact: z.number().int(),
});

export const EvalPremium = z.object({
  parallelSetId: z.number().int(),
  name: z.string(),
  pivot: z.string(),
  languages: z.array(
    z.object({
      language: z.string(),
      /** Tokens of this language's side / tokens of the pivot's side, over rows where both are non-empty. */
      premium: z.number().nullable(),
      tokens: z.number().int(),
      pivotTokens: z.number().int(),
      rows: z.number().int(),
      /** Rows left out because this side or the pivot's side is empty. */
      skipped: z.number().int(),
    }),
  ),
});

export const EvalTokenizerResult = z.object({
  source: CompareSource,
  label: z.string(),
  kind: z.enum(['bpe', 'hybrid', 'openai']).nullable(),
  vocabSize: z.number().int().nullable(),
  /** The version's config hash (null for OpenAI encodings, named by their fixed rank tables). */
  configHash: z.string().nullable(),
  compression: EvalCompression.nullable(),
  renyi: EvalRenyi.nullable(),
  alignment: z.object({ tokens: AlignmentShareShape, types: AlignmentShareShape }).nullable(),
  roundTrip: z.object({ lines: z.number().int(), exact: z.number().int(), rate: z.number() }).nullable(),
  /** Encoding the sample, MB (10^6 UTF-8 bytes) per second of wall clock; measured, machine-dependent. */
  throughputMBs: z.number().nullable(),
  boundaries: z.array(EvalBoundaries),
  premium: z.array(EvalPremium),
  /** Set when the tokenizer could not be loaded or failed; the other fields are then empty. */
  error: z.string().nullable(),
});
export type EvalTokenizerResult = z.infer<typeof EvalTokenizerResult>;

export const EvalCurve = z.object({
  versionId: z.number().int(),
  label: z.string(),
  points: z.array(z.object({ vocabSize: z.number().int(), tokensPerWord: z.number(), charsPerToken: z.number(), bytesPerToken: z.number() })),
});

export const EvalConfig = z.object({
  sampleLines: z.number().int(),
  seed: z.number().int(),
  renyiAlpha: z.number(),
  pivot: z.string().nullable(),
  curveSizes: z.array(z.number().int()).nullable(),
});

export const EvalInputs = z.object({
  corpus: z
    .object({ id: z.number().int(), name: z.string(), sha256: z.string(), language: z.string(), lines: z.number().int(), sampledLines: z.number().int() })
    .nullable(),
  goldSets: z.array(z.object({ id: z.number().int(), name: z.string(), format: z.string(), sha256: z.string(), entries: z.number().int() })),
  parallelSets: z.array(z.object({ id: z.number().int(), name: z.string(), sha256: z.string(), rows: z.number().int(), languages: z.array(z.string()) })),
  /** The dictionary's content stamp at the time of the run (changes with every edit). */
  dictionary: z.object({ id: z.number().int(), name: z.string(), stamp: z.string() }).nullable(),
  tokenizers: z.array(z.object({ source: CompareSource, label: z.string(), configHash: z.string().nullable() })),
});

export const EvalSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  createdAt: z.string(),
  durationMs: z.number(),
  tokenizers: z.array(z.string()),
  corpus: z.string().nullable(),
  goldSets: z.number().int(),
  parallelSets: z.number().int(),
});
export type EvalSummary = z.infer<typeof EvalSummary>;

export const EvalResult = z.object({
  id: z.number().int(),
  name: z.string(),
  createdAt: z.string(),
  durationMs: z.number(),
  config: EvalConfig,
  inputs: EvalInputs,
  tokenizers: z.array(EvalTokenizerResult),
  curve: EvalCurve.nullable(),
});
export type EvalResult = z.infer<typeof EvalResult>;

// ---------- two stored runs side by side (core/eval/comparison.ts) ----------

/** One row of the comparison: a metric, for gold and parallel metrics on one set (and language). */
export const EvalCompareMeasure = z.object({
  /** Unique within the comparison; the cells refer to it. */
  key: z.string(),
  /** The metric's id, as in the single-run CSV (tokens_per_word, boundary_f1, token_premium, ...). */
  metric: z.string(),
  label: z.string(),
  help: z.string(),
  /** 'fraction' values are 0..1 (shown as %), 'percent' values 0..100. */
  unit: z.enum(['number', 'fraction', 'percent', 'count', 'MB/s']),
  better: z.enum(['higher', 'lower']).nullable(),
  group: z.enum(['sample', 'dictionary', 'gold', 'parallel']),
  /** The gold or parallel set's name for per-set metrics. */
  set: z.string().nullable(),
  language: z.string().nullable(),
});
export type EvalCompareMeasure = z.infer<typeof EvalCompareMeasure>;

export const EvalCompareCell = z.object({
  measure: z.string(),
  a: z.number().nullable(),
  b: z.number().nullable(),
  /** b − a, when both exist and are comparable. */
  delta: z.number().nullable(),
  /** delta / |a| (null when a is 0). */
  relative: z.number().nullable(),
  /** By the metric's direction; 'same' when unchanged; null without a delta, or for a change with no better direction. */
  change: z.enum(['better', 'worse', 'same']).nullable(),
  /** Why a value or the difference is missing ("run A had no gold set", "pivot differs"). */
  note: z.string().nullable(),
});
export type EvalCompareCell = z.infer<typeof EvalCompareCell>;

export const EvalCompareSide = z.object({
  source: CompareSource,
  label: z.string(),
  kind: z.enum(['bpe', 'hybrid', 'openai']).nullable(),
  vocabSize: z.number().int().nullable(),
  configHash: z.string().nullable(),
  error: z.string().nullable(),
});

export const EvalCompareTokenizer = z.object({
  key: z.string(),
  label: z.string(),
  /** How the two runs' entries were paired: same source, same config hash, same version name; null when in one run only. */
  matchedBy: z.enum(['source', 'config', 'name']).nullable(),
  a: EvalCompareSide.nullable(),
  b: EvalCompareSide.nullable(),
  /** One per measure, in the measures' order. */
  cells: z.array(EvalCompareCell),
});
export type EvalCompareTokenizer = z.infer<typeof EvalCompareTokenizer>;

export const EvalCompareRun = z.object({
  id: z.number().int(),
  name: z.string(),
  createdAt: z.string(),
  corpus: z.string().nullable(),
  sampledLines: z.number().int().nullable(),
  seed: z.number().int(),
  renyiAlpha: z.number(),
  goldSets: z.array(z.string()),
  parallelSets: z.array(z.string()),
  dictionary: z.string().nullable(),
});

export const EvalComparison = z.object({
  a: EvalCompareRun,
  b: EvalCompareRun,
  /** Where the runs' inputs differ (warning) and how tokenizers were paired (info); shown above the table. */
  notices: z.array(z.object({ level: z.enum(['warning', 'info']), kind: z.enum(['corpus', 'sample', 'gold', 'parallel', 'dictionary', 'alpha', 'tokenizers']), text: z.string() })),
  measures: z.array(EvalCompareMeasure),
  tokenizers: z.array(EvalCompareTokenizer),
});
export type EvalComparison = z.infer<typeof EvalComparison>;

// ---------- gold annotation ----------

export const AnnotationStatus = z.enum(['unseen', 'draft', 'gold', 'disputed']);
export type AnnotationStatus = z.infer<typeof AnnotationStatus>;
export const QueueSource = z.enum(['frequency', 'disagreement', 'uncertainty', 'wordlist']);

export const QueueSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  language: z.string(),
  source: QueueSource,
  /** Corpus the words were drawn from (null for a word list). */
  corpusId: z.number().int().nullable(),
  /** Tokenizer versions used to draw the queue and to propose segmentations. */
  tokenizerIds: z.array(z.number().int()),
  /** The gold set this queue feeds (source 'annotation'); usable in Reports like any gold set. */
  goldSetId: z.number().int(),
  items: z.number().int(),
  /** Item counts by their overall status (an item is gold when adjudicated, or when every annotator marked it gold identically). */
  progress: z.object({ unseen: z.number().int(), draft: z.number().int(), gold: z.number().int(), disputed: z.number().int() }),
  annotators: z.array(z.string()),
  createdAt: z.string(),
});
export type QueueSummary = z.infer<typeof QueueSummary>;

export const Annotation = z.object({
  annotator: z.string(),
  /** Surface segments that spell the word exactly. */
  segments: z.array(z.string()),
  /** Per segment: 'root', a group name (e.g. 'PLU'), 'new', or null (unlabelled). */
  labels: z.array(z.string().nullable()),
  status: AnnotationStatus,
  note: z.string(),
  updatedAt: z.string(),
});
export type Annotation = z.infer<typeof Annotation>;

export const QueueItem = z.object({
  itemId: z.number().int(),
  position: z.number().int(),
  word: z.string(),
  frequency: z.number(),
  /** Why it is in the queue, e.g. "3 tokenizers disagree" or "n-best margin 0.12". */
  why: z.string(),
  /** The proposing tokenizer's segmentation (its best analysis for a hybrid version, its tokens otherwise). */
  proposal: z.array(z.string()).nullable(),
  proposalLabels: z.array(z.string().nullable()).nullable(),
  /** This annotator's annotation, if any. */
  mine: Annotation.nullable(),
  /** Every annotator's annotation (for agreement and adjudication views). */
  all: z.array(Annotation),
  /** The settled segmentation when adjudicated. */
  adjudicated: Annotation.nullable(),
  status: AnnotationStatus,
});
export type QueueItem = z.infer<typeof QueueItem>;

export const AgreementPair = z.object({
  a: z.string(),
  b: z.string(),
  /** Items both annotated (draft or gold). */
  items: z.number().int(),
  /** Boundary decisions compared: one per gap between letters of those items. */
  positions: z.number().int(),
  /** b's boundaries against a's as gold. */
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  /** Cohen's kappa on the boundary / no-boundary decision of every gap. */
  kappa: z.number(),
  /** Items whose segmentations differ. */
  disagreements: z.number().int(),
});
export type AgreementPair = z.infer<typeof AgreementPair>;

export const WorkspaceInfo = z.object({
  path: z.string(),
  schemaVersion: z.number(),
  corpora: z.number(),
  tokenizers: z.number(),
  engine: z.string(),
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfo>;

/** The About panel: the app's version and the engine report (`tokstudio doctor` shows the same). */
export const AboutInfo = z.object({
  version: z.string(),
  engine: z.enum(['native', 'typescript']),
  addonPath: z.string().nullable(),
  /** Why the TypeScript path is in use; null when the addon is. */
  reason: z.string().nullable(),
  /** A quick native-vs-reference check; null when the addon is not in use. */
  selfTest: z.object({ ok: z.boolean(), detail: z.string() }).nullable(),
  /** What runs on the addon when it is loaded. */
  nativeWork: z.array(z.string()),
  node: z.string(),
  napi: z.string(),
  platform: z.string(),
});
export type AboutInfo = z.infer<typeof AboutInfo>;

// ---------- the methods ----------

const Id = z.object({ id: z.number().int() });

export const methods = {
  'workspace.info': { args: z.object({}), result: WorkspaceInfo },
  'app.about': { args: z.object({}), result: AboutInfo },
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
      /** Merge into this dictionary (one undoable edit) instead of creating a new one. */
      into: z.number().int().optional(),
      /** With `into`: take only the roots (e.g. a Hunspell lexicon's stems into the starter's affixes). */
      rootsOnly: z.boolean().default(false),
      /**
       * The part of speech for imported roots the file gives none (Hunspell stems without po:, word-list rows
       * without pos), e.g. "noun", so the target's morphotactics reach them; roots that name a pos keep it.
       */
      rootPos: z.string().optional(),
      /**
       * With `into`: leave out imported roots the target (as it is before the merge) already analyses
       * completely as more than one morph (root + affixes, prefix + root, a compound), e.g. the inflected
       * forms a Hunspell lexicon lists as stems; roots the target already has are merged as usual.
       */
      skipAnalysed: z.boolean().default(false),
    }),
    result: z.object({ jobId: z.number().int() }),
  },
  'dict.previewImport': {
    args: z.object({
      path: z.string().min(1),
      format: DictionaryFormat.default('auto'),
      language: z.string().min(2).max(16).optional(),
      into: z.number().int().optional(),
      rootsOnly: z.boolean().default(false),
      /** As for dict.import. */
      rootPos: z.string().optional(),
      /** As for dict.import (needs `into`). */
      skipAnalysed: z.boolean().default(false),
    }),
    result: ImportPreview,
  },
  'dict.get': { args: Id, result: DictionaryDetail },
  'dict.roots': {
    args: z.object({
      id: z.number().int(),
      /** Matches surfaces and alternants by prefix, or anywhere with a leading '*'; case-folded. */
      query: z.string().max(200).default(''),
      pos: z.string().optional(),
      sort: z.enum(['surface', 'pos']).default('surface'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(2000).default(200),
    }),
    result: z.object({ total: z.number(), items: z.array(DictRoot) }),
  },
  'dict.groups': {
    args: z.object({ id: z.number().int(), query: z.string().max(200).default(''), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(2000).default(500) }),
    result: z.object({ total: z.number(), items: z.array(DictGroup) }),
  },
  'dict.edit': { args: z.object({ id: z.number().int(), edit: DictEdit }), result: EditResult },
  'dict.undo': { args: Id, result: EditResult },
  'dict.redo': { args: Id, result: EditResult },
  'dict.tryWord': {
    args: z.object({
      id: z.number().int(),
      word: z.string().min(1).max(200),
      n: z.number().int().min(1).max(50).default(5),
      /** Morpheme probabilities from this hybrid version (else uniform over the dictionary). */
      tokenizerId: z.number().int().optional(),
    }),
    result: z.object({ word: z.string(), folded: z.string(), analyses: z.array(WordAnalysis) }),
  },
  'dict.remove': { args: Id, result: z.object({ removed: z.boolean() }) },
  'dict.export': {
    args: z.object({ id: z.number().int(), format: z.enum(['json', 'tsv', 'csv', 'hunspell']) }),
    result: z.object({ files: z.array(z.object({ name: z.string(), content: z.string() })), lost: z.array(z.string()) }),
  },
  'dict.bundled': { args: z.object({}), result: z.object({ path: z.string(), language: z.string() }) },

  'train.retrain': { args: Id, result: z.object({ jobId: z.number().int() }) },

  'compare.sources': {
    args: z.object({}),
    result: z.array(z.object({ source: CompareSource, label: z.string(), kind: z.string() })),
  },
  'compare.run': {
    args: z.object({ text: z.string().max(1_000_000), sources: z.array(CompareSource).min(1).max(8) }),
    result: z.object({
      results: z.array(z.object({ source: CompareSource, label: z.string(), encoding: Encoding.nullable(), error: z.string().nullable() })),
      /** UTF-16 offsets where some tokenizers cut and others do not, with the indices (into results) that cut there. */
      disagreements: z.array(z.object({ offset: z.number().int(), cutBy: z.array(z.number().int()) })),
    }),
  },

  'gold.import': {
    args: z.object({
      path: z.string().min(1),
      format: GoldFormat.default('auto'),
      name: z.string().min(1).max(200).optional(),
      language: z.string().min(2).max(16).default('und'),
    }),
    result: GoldSetSummary,
  },
  'gold.list': { args: z.object({}), result: z.array(GoldSetSummary) },
  'gold.remove': { args: Id, result: z.object({ removed: z.boolean() }) },
  'gold.entries': {
    args: z.object({ id: z.number().int(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(5000).default(200) }),
    result: z.object({ total: z.number().int(), items: z.array(GoldEntry) }),
  },
  'parallel.import': {
    args: z.object({ path: z.string().min(1), format: ParallelFormat.default('auto'), name: z.string().min(1).max(200).optional() }),
    result: ParallelSetSummary,
  },
  'parallel.list': { args: z.object({}), result: z.array(ParallelSetSummary) },
  'parallel.remove': { args: Id, result: z.object({ removed: z.boolean() }) },

  'annotate.queues': { args: z.object({}), result: z.array(QueueSummary) },
  'annotate.createQueue': {
    args: z.object({
      name: z.string().min(1).max(200),
      language: z.string().min(2).max(16).default('und'),
      source: QueueSource,
      /** frequency | disagreement | uncertainty: the corpus whose word types are drawn. */
      corpusId: z.number().int().optional(),
      /** disagreement: two or more versions; uncertainty: one hybrid version; the first also proposes segmentations. */
      tokenizerIds: z.array(z.number().int()).default([]),
      /** wordlist: a file with one word per line (or word<TAB>count). */
      wordlistPath: z.string().optional(),
      size: z.number().int().min(1).max(100_000).default(200),
      /** Skip words shorter than this (code points). */
      minLength: z.number().int().min(1).max(100).default(3),
    }),
    result: QueueSummary,
  },
  'annotate.removeQueue': { args: Id, result: z.object({ removed: z.boolean() }) },
  'annotate.items': {
    args: z.object({
      queueId: z.number().int(),
      annotator: z.string().min(1).max(100),
      status: AnnotationStatus.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
    }),
    result: z.object({ total: z.number().int(), items: z.array(QueueItem) }),
  },
  /** Saves (creates or replaces) one annotator's annotation of an item, at once; undoable per annotator. */
  'annotate.save': {
    args: z.object({
      itemId: z.number().int(),
      annotator: z.string().min(1).max(100),
      segments: z.array(z.string().min(1)).min(1),
      labels: z.array(z.string().nullable()).optional(),
      status: AnnotationStatus,
      note: z.string().max(10_000).default(''),
    }),
    result: QueueItem,
  },
  /** Undo / redo the annotator's last save (across items, persisted, so it survives a restart). */
  'annotate.undo': { args: z.object({ annotator: z.string().min(1) }), result: z.object({ item: QueueItem.nullable(), canUndo: z.boolean(), canRedo: z.boolean() }) },
  'annotate.redo': { args: z.object({ annotator: z.string().min(1) }), result: z.object({ item: QueueItem.nullable(), canUndo: z.boolean(), canRedo: z.boolean() }) },
  'annotate.agreement': {
    args: z.object({ queueId: z.number().int() }),
    result: z.object({ annotators: z.array(z.string()), pairs: z.array(AgreementPair) }),
  },
  /** Items where annotators disagree or someone marked it disputed. */
  'annotate.disputes': {
    args: z.object({ queueId: z.number().int(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(100) }),
    result: z.object({ total: z.number().int(), items: z.array(QueueItem) }),
  },
  /** Settles an item: its gold segmentation, whatever the annotators said. */
  'annotate.adjudicate': {
    args: z.object({ itemId: z.number().int(), annotator: z.string().min(1), segments: z.array(z.string().min(1)).min(1), labels: z.array(z.string().nullable()).optional(), note: z.string().default('') }),
    result: QueueItem,
  },
  'annotate.export': {
    args: z.object({ queueId: z.number().int(), format: z.enum(['tsv', 'morpho', 'sigmorphon', 'conllu']), include: z.enum(['gold', 'all']).default('gold') }),
    result: z.object({ content: z.string(), fileName: z.string(), entries: z.number().int() }),
  },

  'eval.start': {
    args: z.object({
      name: z.string().min(1).max(200).optional(),
      sources: z.array(CompareSource).min(1).max(12),
      corpusId: z.number().int().optional(),
      /** Lines drawn at random from the corpus's non-blank lines; seeded, so a rerun sees the same lines. */
      sampleLines: z.number().int().min(1).max(1_000_000).default(2000),
      seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
      goldSetIds: z.array(z.number().int()).default([]),
      parallelSetIds: z.array(z.number().int()).default([]),
      /** Default: 'en' when a parallel set has it, else its first language. */
      pivot: z.string().optional(),
      dictionaryId: z.number().int().optional(),
      renyiAlpha: z.number().positive().max(100).default(2.5),
      /** A BPE version whose merge history gives fertility at smaller vocabulary sizes. */
      curveVersionId: z.number().int().optional(),
      /** Default: powers of two from 512 below the version's size, plus its size. */
      curveSizes: z.array(z.number().int().positive()).max(64).optional(),
    }),
    result: z.object({ jobId: z.number().int() }),
  },
  'eval.list': { args: z.object({}), result: z.array(EvalSummary) },
  'eval.get': { args: Id, result: EvalResult },
  'eval.remove': { args: Id, result: z.object({ removed: z.boolean() }) },
  'eval.export': {
    args: z.object({ id: z.number().int(), format: z.enum(['csv', 'json', 'md']) }),
    result: z.object({ content: z.string(), fileName: z.string() }),
  },
  /** Two stored runs side by side (B − A); with `format`, also as a file like eval.export's. */
  'eval.compare': {
    args: z.object({ a: z.number().int(), b: z.number().int(), format: z.enum(['csv', 'json', 'md']).optional() }),
    result: z.object({ comparison: EvalComparison, export: z.object({ content: z.string(), fileName: z.string() }).nullable() }),
  },

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
  'tokenizer.mergeTrace': {
    args: z.object({ id: z.number().int(), tokenId: z.number().int() }),
    result: z.object({
      /** The merges that built the token, in training order ([] for bytes, specials, roots and affixes). */
      steps: z.array(z.object({ rank: z.number().int(), left: z.string(), right: z.string(), result: z.string() })),
    }),
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
