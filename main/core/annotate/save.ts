// Saving annotations, per-annotator undo/redo and adjudication. Each call is one transaction: the annotation
// (or the adjudication) is written, the item's overall status recomputed (status.ts) and the queue's gold set
// entry for the item put in step with it. A save appends to the annotator's undo log and ends its redo chain.
import type { Annotation, AnnotationStatus, QueueItem } from '../../api/contract';
import { UserError } from '../errors';
import type { Workspace } from '../store/workspace';
import type { ItemRecord } from '../store/annotations';
import { goldSegments, itemStatus } from './status';

export interface SaveInput {
  itemId: number;
  annotator: string;
  segments: string[];
  labels?: (string | null)[];
  status: AnnotationStatus;
  note: string;
}

export interface UndoResult {
  item: QueueItem | null;
  canUndo: boolean;
  canRedo: boolean;
}

/** Throws a UserError naming the item unless the segments spell its word exactly and labels fit them. */
export function checkSegmentation(item: Pick<ItemRecord, 'id' | 'word'>, segments: readonly string[], labels: readonly (string | null)[] | undefined): (string | null)[] {
  const name = `item ${item.id} ("${item.word}")`;
  if (segments.length === 0) throw new UserError(`${name}: the segmentation is empty`);
  if (segments.some((s) => s.length === 0)) throw new UserError(`${name}: an empty segment`);
  if (segments.join('') !== item.word) throw new UserError(`${name}: segments "${segments.join(' ')}" do not spell the word "${item.word}"`);
  if (labels !== undefined && labels.length !== segments.length) {
    throw new UserError(`${name}: ${labels.length} labels for ${segments.length} segments`);
  }
  return labels ? [...labels] : segments.map(() => null);
}

/** Recomputes the item's status and its gold set entry from what is stored now. */
function resync(ws: Workspace, itemId: number): void {
  const store = ws.annotations;
  const item = store.item(itemId);
  const anns = store.annotationsOf(itemId);
  store.setStatus(itemId, itemStatus(anns, item.adjudicated !== null));
  store.putGoldEntry(item, goldSegments(anns, item.adjudicated));
}

function undoState(ws: Workspace, annotator: string, item: QueueItem | null): UndoResult {
  const store = ws.annotations;
  return { item, canUndo: store.historyEntry(annotator, 'done') !== null, canRedo: store.historyEntry(annotator, 'undone') !== null };
}

export function saveAnnotation(ws: Workspace, input: SaveInput): QueueItem {
  return ws.transaction(() => {
    const store = ws.annotations;
    const item = store.item(input.itemId);
    const labels = checkSegmentation(item, input.segments, input.labels);
    const before = store.getAnnotation(item.id, input.annotator);
    const after: Annotation = {
      annotator: input.annotator,
      segments: [...input.segments],
      labels,
      status: input.status,
      note: input.note,
      updatedAt: new Date().toISOString(),
    };
    store.putAnnotation(item.id, input.annotator, after);
    store.pushHistory(input.annotator, item.id, before, after);
    resync(ws, item.id);
    return store.view(item.id, input.annotator);
  });
}

/** Reverts the annotator's last save (restoring the annotation it replaced, or none). */
export function undoAnnotation(ws: Workspace, annotator: string): UndoResult {
  return ws.transaction(() => {
    const store = ws.annotations;
    const entry = store.historyEntry(annotator, 'done');
    if (!entry) return undoState(ws, annotator, null);
    store.putAnnotation(entry.itemId, annotator, entry.before);
    store.markHistory(entry.id, 'undone');
    resync(ws, entry.itemId);
    return undoState(ws, annotator, store.view(entry.itemId, annotator));
  });
}

/** Re-applies the annotator's first undone save. */
export function redoAnnotation(ws: Workspace, annotator: string): UndoResult {
  return ws.transaction(() => {
    const store = ws.annotations;
    const entry = store.historyEntry(annotator, 'undone');
    if (!entry) return undoState(ws, annotator, null);
    store.putAnnotation(entry.itemId, annotator, entry.after);
    store.markHistory(entry.id, 'done');
    resync(ws, entry.itemId);
    return undoState(ws, annotator, store.view(entry.itemId, annotator));
  });
}

export interface AdjudicateInput {
  itemId: number;
  annotator: string;
  segments: string[];
  labels?: (string | null)[];
  note: string;
}

/** Settles the item: its gold segmentation whatever the annotators said (the adjudicator is `annotator`). */
export function adjudicate(ws: Workspace, input: AdjudicateInput): QueueItem {
  return ws.transaction(() => {
    const store = ws.annotations;
    const item = store.item(input.itemId);
    const labels = checkSegmentation(item, input.segments, input.labels);
    store.setAdjudicated(item.id, {
      annotator: input.annotator,
      segments: [...input.segments],
      labels,
      status: 'gold',
      note: input.note,
      updatedAt: new Date().toISOString(),
    });
    resync(ws, item.id);
    return store.view(item.id, input.annotator);
  });
}
