export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `tokstudio — Tokenizer Studio on the command line

usage: tokstudio <command> [options]        (global: --workspace FILE, --json)

  demo [--vocab 2000]                    the main job on the bundled sample: import, train, encode, export
  info                                   the workspace: path, schema, contents
  doctor                                 the engine in use (native addon or TypeScript) and why
  corpus import FILE [--name N] [--format auto|text|jsonl|counts] [--lang tr] [--field text]
  corpus list | remove ID | sample ID
  budget --vocab N [--special TOK]...    explain how a vocabulary size is spent
  train --kind bpe --corpus ID[,ID] --vocab N [--min-frequency 2]
        [--pretokenizer gpt4o|gpt2 | --pattern REGEX] [--special TOK]... [--no-specials] [--name N]
  train --kind hybrid --corpus ID[,ID] --dict ID --vocab N [--subword-share 0.3] [--min-frequency 2]
        [--digits single|group3] [--no-case-markers] [--special TOK]... [--name N]
  dict import FILE [--format auto|json|hunspell|tsv|csv] [--lang tr] [--name N] [--into ID [--roots-only] [--skip-analysed]] [--root-pos POS]
        --into: merge into dictionary ID as one undoable edit; --roots-only: take only the file's roots;
        --skip-analysed: leave out words dictionary ID already analyses as root + affixes (inflected forms listed as stems);
        --root-pos: the part of speech for roots the file gives none (e.g. noun; others keep theirs)
  dict list | remove ID | bundled | export ID [--format json|tsv|csv|hunspell] [-o DIR]
  analyze -t ID WORD [-n 5]              the n best morpheme analyses of a word (hybrid)
  tokenizers                             list tokenizer versions
  tokenizer show ID | remove ID
  encode -t ID [--text T | FILE | stdin] [--format ids|tokens|json]
  decode -t ID [IDS... | stdin]
  export ID [-o tokenizer.json]          Hugging Face tokenizer.json
  import-hf FILE [--name N]              a byte-level BPE tokenizer.json
  cut ID --vocab N [--name N]            a smaller vocabulary from a version's merge history
  gold import FILE [--format auto|tsv|morpho|sigmorphon|morfessor|conllu] [--name N] [--lang L]
  gold list | remove ID                  gold morpheme segmentations
  parallel import FILE [--format auto|jsonl|tsv] [--name N]
  parallel list | remove ID              parallel text (language codes as JSONL keys or a TSV header)
  eval --tokenizer ID|openai:o200k_base[,...] [--corpus ID] [--sample 2000] [--seed 1]
        [--gold ID|FILE]... [--parallel ID|FILE]... [--pivot en] [--dict ID] [--alpha 2.5]
        [--curve ID] [--curve-sizes N,N...] [--name N] [--format md|json|csv] [-o FILE]
  eval list | show ID [--format md|json|csv] [-o FILE] | remove ID
  eval compare A B [--format md|json|csv] [-o FILE]   two stored runs side by side (B − A)
  annotate queues                        gold annotation queues with their progress
  annotate create --name N --source frequency|disagreement|uncertainty|wordlist [--corpus ID] [--tokenizer ID,...] [--wordlist FILE] [--size 200] [--min-length 3] [--lang L]
  annotate export QUEUE [--format tsv|morpho|sigmorphon|conllu] [--include gold|all] [-o FILE]
  annotate agreement QUEUE | remove QUEUE    boundary P/R/F1 and Cohen's kappa per annotator pair
  jobs                                   recent import, training and evaluation jobs
  serve [--port N]                       the app in a browser (localhost bridge); prints the URL

The workspace defaults to $TOKSTUDIO_WORKSPACE, else the user-data folder.
`;

export function commandHelp(command: string): string {
  const lines = USAGE.split('\n').filter((l) => l.trimStart().startsWith(command));
  return lines.length ? `usage: tokstudio ${lines.map((l) => l.trim()).join('\n       tokstudio ')}\n` : USAGE;
}
