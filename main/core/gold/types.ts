// A gold segmentation as every reader returns it: the surface word and its accepted segmentations.

export interface GoldItem {
  word: string;
  /** Accepted segmentations, in file order; each spells `word` exactly (segments concatenate to it). */
  alternatives: string[][];
  /** 1-based line of the first occurrence in the file. */
  line: number;
}

export type GoldFileFormat = 'tsv' | 'morpho' | 'sigmorphon' | 'morfessor' | 'conllu';
