// Which of an imported lexicon's words a dictionary already analyses. Lexicons such as hunspell-tr list
// inflected and derived forms as stems (gelir, yazar, anlayacağınızdan); merged as roots they outrank the
// root + suffix analysis they stand for (a whole-word root is one morph), which hurts segmentation. A merge
// with skipAnalysed leaves out the words the target, as it is before the merge, analyses completely (no
// residue) as more than one morph: root + affixes, prefix + root, or a compound. A single-morph analysis (the
// word is a root or alternant there) or one with residue says the word brings something new, so it is kept.
import { uniformLogProbs } from '../hybrid/analyzer';
import { HybridAnalyzer } from '../hybrid/engine';
import { surfaceFolder } from './normalize';
import type { Dictionary } from './types';

/** What the analyzer needs of the target (its roots, groups, classes, morphotactics and language). */
export type AnalysedTarget = Pick<Dictionary, 'roots' | 'groups' | 'charClasses' | 'morphotactics' | 'language'>;

/**
 * For each of `surfaces` that `target` analyses completely as more than one morph, its analysis as the
 * morphs joined by "+" (e.g. "anla+yacağ+ınız+dan"); the others are absent. Words are folded the way the
 * trainer and try-a-word fold them, and analysed with every root and group equally likely (no corpus).
 */
export function analysedSurfaces(target: AnalysedTarget, surfaces: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  if (surfaces.length === 0 || (target.roots.length === 0 && target.groups.length === 0)) return out;
  const fold = surfaceFolder(target.language);
  const folded = new Map<string, string>();
  for (const s of surfaces) if (!folded.has(s)) folded.set(s, fold(s));
  const words = [...new Set(folded.values())];
  // One batch: the addon analyses it on every core (hunspell-tr's 371k words take about a second).
  const analyses = new HybridAnalyzer(target, uniformLogProbs(target)).bestMany(words);
  const found = new Map<string, string>();
  words.forEach((w, i) => {
    const a = analyses[i];
    if (a !== undefined && a.full && a.morphs.length > 1) found.set(w, a.morphs.map((m) => m.surface).join('+'));
  });
  for (const [s, f] of folded) {
    const label = found.get(f);
    if (label !== undefined) out.set(s, label);
  }
  return out;
}
