// The affix-dictionary model: language knowledge as data. Nothing in the algorithms is specific to a language;
// Turkish, Indonesian and Hungarian differ only in the dictionaries they load.
//
// A dictionary has roots (with optional alternant surfaces, e.g. kitap~kitab), allomorph groups of affixes
// (several surface variants that share one id, e.g. PLU = lar|ler), rules that say which variant appears in
// which context, named character classes those rules refer to, and optional morphotactics (which morpheme
// class may follow which).

/** Named character classes, e.g. { vowel: "aeıioöuü", back: "aıou", voiceless: "çfhkpsşt" }. */
export type CharClasses = Record<string, string>;

/**
 * A reference to character classes: one class name, "!name" for its complement, or a list meaning all of
 * them at once (intersection), e.g. ["back", "unrounded"].
 */
export type ClassRef = string | string[];

/**
 * A context condition, checked on the surface around a morpheme inside one word. All given fields must hold.
 * - lastVowel: the last vowel (class "vowel") of everything to the left in the word.
 * - lastChar: the last character to the left.
 * - next: the first character of what follows in the word ("$" class-free: use nextIsEnd).
 * - nextIsEnd: true if nothing follows in the word, false if something does.
 */
export interface Condition {
  lastVowel?: ClassRef;
  lastChar?: ClassRef;
  next?: ClassRef;
  nextIsEnd?: boolean;
}

export interface RootAlternant {
  surface: string;
  /** When this alternant appears instead of the root's citation surface, e.g. { next: "vowel" } for kitab. */
  when?: Condition;
}

export interface Root {
  surface: string;
  /** Part of speech or morphotactic class of the root, e.g. "noun", "verb". */
  pos: string;
  alternants?: RootAlternant[];
  gloss?: string;
}

export interface AllomorphRule {
  variant: string;
  when: Condition;
}

export type AffixKind = 'prefix' | 'suffix';

/** One or more surface variants sharing one id. A single affix with no variation is a group of one. */
export interface AllomorphGroup {
  /** Unique within the dictionary, e.g. "PLU", "ABL", "meN-". */
  name: string;
  kind: AffixKind;
  /** Morphotactic class, e.g. "plural", "case", "poss". */
  class: string;
  variants: string[];
  /**
   * Which variant appears where. Order does not matter: a variant is predicted only when exactly one
   * variant's conditions hold. Without rules the choice is learned from the corpus at training time.
   */
  rules?: AllomorphRule[];
  gloss?: string;
}

export interface Morphotactics {
  /**
   * Allowed transitions between classes. "^" is the word start, "$" the word end. A prefix class follows "^"
   * or another prefix class; a root's pos follows "^" or a prefix class; suffix classes follow the root's
   * pos or another suffix class. If no edge leads to "$", a word may end after any class.
   */
  edges: [from: string, to: string][];
}

export interface Dictionary {
  format: 'tokstudio-dictionary/1';
  name: string;
  /** BCP 47 code; also selects case folding (tr, az: dotted/dotless i). */
  language: string;
  /** Every letter a root or affix may contain (lower case). */
  alphabet: string;
  charClasses: CharClasses;
  roots: Root[];
  groups: AllomorphGroup[];
  morphotactics?: Morphotactics;
  /** Where the data came from (file names, licences). */
  sources?: string[];
}
