// An item's overall status from its annotations, and the segmentation it contributes to the queue's gold set.
//
// The rule, first match wins:
//   1. adjudicated                                                      -> gold (the adjudicated segmentation)
//   2. no annotation, or every annotation 'unseen'                      -> unseen
//   3. some annotator marked it 'disputed'                              -> disputed
//   4. two annotations with status draft or gold whose segmentations differ -> disputed
//   5. every annotation other than 'unseen' is gold (and, by 4, identical) -> gold (that segmentation)
//   6. otherwise (some draft, all agreeing)                             -> draft
// 'unseen' annotations (an annotator opened the item and left it) take no part in 3-6.
import type { Annotation, AnnotationStatus } from '../../api/contract';

type Seg = Pick<Annotation, 'segments' | 'status'>;

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((s, i) => s === b[i]);

export function itemStatus(annotations: readonly Seg[], adjudicated: boolean): AnnotationStatus {
  if (adjudicated) return 'gold';
  const seen = annotations.filter((a) => a.status !== 'unseen');
  if (seen.length === 0) return 'unseen';
  if (seen.some((a) => a.status === 'disputed')) return 'disputed';
  const first = seen[0].segments;
  if (seen.some((a) => !same(a.segments, first))) return 'disputed';
  return seen.every((a) => a.status === 'gold') ? 'gold' : 'draft';
}

/** The settled segmentation of a gold item: adjudicated, else the one every annotator agreed on; null when not gold. */
export function goldSegments(annotations: readonly Seg[], adjudicated: Seg | null): string[] | null {
  if (adjudicated) return [...adjudicated.segments];
  if (itemStatus(annotations, false) !== 'gold') return null;
  return [...annotations.find((a) => a.status === 'gold')!.segments];
}

export { same as sameSegments };
