// Inter-annotator agreement over a queue, for every pair of annotators (a, b) with a before b by name, on the
// items both annotated with status draft or gold:
//   precision / recall / F1   b's boundaries scored against a's as gold (micro, metrics/boundaries.ts);
//   kappa                     Cohen's kappa on boundary decisions. Every gap between two adjacent characters
//                             (code points) of those items is one binary decision per annotator: a boundary
//                             there or not. With N gaps, n11 both cut, n00 neither, p_o = (n11 + n00) / N is the
//                             observed agreement; with p_a and p_b each annotator's own boundary rate (its cuts
//                             / N), p_e = p_a·p_b + (1 − p_a)(1 − p_b) is the agreement expected by chance, and
//                             κ = (p_o − p_e) / (1 − p_e).
// Edge cases: p_e = 1 happens only when both annotators cut everywhere or nowhere, i.e. they agree fully: κ = 1
// then (1 if p_o = 1, else 0, which cannot occur but keeps the function total). A pair with no shared item
// (or no gap: every shared word one character long) has nothing to measure and gets 0 for every score.
import type { AgreementPair, Annotation } from '../../api/contract';
import { boundaryScores } from '../metrics/boundaries';
import { sameSegments } from './status';

export interface AgreementItem {
  word: string;
  annotations: readonly Annotation[];
}

/** Boundary positions in code points (segments are compared on the same word, so units only matter for N). */
function cutsInCodePoints(segments: readonly string[]): Set<number> {
  const out = new Set<number>();
  let at = 0;
  for (let i = 0; i < segments.length - 1; i++) out.add((at += [...segments[i]].length));
  return out;
}

export function cohenKappa(n11: number, n10: number, n01: number, n00: number): number {
  const n = n11 + n10 + n01 + n00;
  if (n === 0) return 0;
  const po = (n11 + n00) / n;
  const pa = (n11 + n10) / n;
  const pb = (n11 + n01) / n;
  const pe = pa * pb + (1 - pa) * (1 - pb);
  if (pe === 1) return po === 1 ? 1 : 0;
  return (po - pe) / (1 - pe);
}

export function pairAgreement(a: string, b: string, items: readonly AgreementItem[]): AgreementPair {
  const counted = (x: Annotation | undefined) => x !== undefined && (x.status === 'draft' || x.status === 'gold');
  let shared = 0, positions = 0, n11 = 0, n10 = 0, n01 = 0, disagreements = 0;
  const pairs: { gold: readonly string[]; predicted: readonly string[] }[] = [];
  for (const it of items) {
    const x = it.annotations.find((n) => n.annotator === a);
    const y = it.annotations.find((n) => n.annotator === b);
    if (!counted(x) || !counted(y)) continue;
    shared++;
    const gaps = [...it.word].length - 1;
    positions += gaps;
    const ca = cutsInCodePoints(x!.segments);
    const cb = cutsInCodePoints(y!.segments);
    for (const c of ca) if (cb.has(c)) n11++;
    else n10++;
    for (const c of cb) if (!ca.has(c)) n01++;
    if (!sameSegments(x!.segments, y!.segments)) disagreements++;
    pairs.push({ gold: x!.segments, predicted: y!.segments });
  }
  if (shared === 0 || positions === 0) return { a, b, items: shared, positions, precision: 0, recall: 0, f1: 0, kappa: 0, disagreements };
  const { micro } = boundaryScores(pairs);
  return { a, b, items: shared, positions, ...micro, kappa: cohenKappa(n11, n10, n01, positions - n11 - n10 - n01), disagreements };
}

export function agreement(items: readonly AgreementItem[]): { annotators: string[]; pairs: AgreementPair[] } {
  const names = new Set<string>();
  for (const it of items) for (const n of it.annotations) names.add(n.annotator);
  const annotators = [...names].sort();
  const pairs: AgreementPair[] = [];
  for (let i = 0; i < annotators.length; i++) for (let j = i + 1; j < annotators.length; j++) pairs.push(pairAgreement(annotators[i], annotators[j], items));
  return { annotators, pairs };
}
