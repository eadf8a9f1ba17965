// Annotation queues in the workspace (schema 6): queues, their items, each annotator's annotation of an item,
// the per-annotator undo log, and the queue's own gold set. Only storage lives here; the rules (validation,
// status, undo) are in core/annotate/. Callers wrap multi-step changes in one transaction.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Annotation, AnnotationStatus, QueueItem, QueueSummary } from '../../api/contract';
import { NotFoundError } from './errors';

type Db = Database.Database;
type Source = QueueSummary['source'];

export interface NewQueueItem {
  word: string;
  frequency: number;
  why: string;
  proposal: string[] | null;
  proposalLabels: (string | null)[] | null;
}

export interface NewQueue {
  name: string;
  language: string;
  source: Source;
  corpusId: number | null;
  tokenizerIds: number[];
  /** How the queue was drawn (size, minLength, word list path...), kept for the record. */
  params: object;
  items: readonly NewQueueItem[];
}

export interface ItemRecord {
  id: number;
  queueId: number;
  goldSetId: number;
  position: number;
  word: string;
  frequency: number;
  why: string;
  proposal: string[] | null;
  proposalLabels: (string | null)[] | null;
  adjudicated: Annotation | null;
  status: AnnotationStatus;
}

export interface HistoryEntry {
  id: number;
  annotator: string;
  itemId: number;
  before: Annotation | null;
  after: Annotation;
}

interface ItemRow {
  id: number;
  queue_id: number;
  gold_set_id: number;
  position: number;
  word: string;
  frequency: number;
  why: string;
  proposal_json: string | null;
  proposal_labels_json: string | null;
  adjudicated_json: string | null;
  status: AnnotationStatus;
}

interface AnnotationRow {
  item_id: number;
  annotator: string;
  segments_json: string;
  labels_json: string;
  status: AnnotationStatus;
  note: string;
  updated_at: string;
}

const ITEM_SELECT = `SELECT i.id, i.queue_id, q.gold_set_id, i.position, i.word, i.frequency, i.why, i.proposal_json,
  i.proposal_labels_json, i.adjudicated_json, i.status FROM queue_items i JOIN annotation_queues q ON q.id = i.queue_id`;
const ANNOTATION_COLUMNS = `item_id, annotator, segments_json, labels_json, status, note, updated_at`;

const parse = <T>(json: string | null): T | null => (json === null ? null : (JSON.parse(json) as T));

function toRecord(r: ItemRow): ItemRecord {
  return {
    id: r.id,
    queueId: r.queue_id,
    goldSetId: r.gold_set_id,
    position: r.position,
    word: r.word,
    frequency: r.frequency,
    why: r.why,
    proposal: parse(r.proposal_json),
    proposalLabels: parse(r.proposal_labels_json),
    adjudicated: parse(r.adjudicated_json),
    status: r.status,
  };
}

function toAnnotation(r: AnnotationRow): Annotation {
  return {
    annotator: r.annotator,
    segments: JSON.parse(r.segments_json) as string[],
    labels: JSON.parse(r.labels_json) as (string | null)[],
    status: r.status,
    note: r.note,
    updatedAt: r.updated_at,
  };
}

const MOD = 1n << 256n;
const ZERO_SUM = '0'.repeat(64);

/**
 * An annotation gold set's `sha256`: the sum modulo 2^256 of the SHA-256 of each entry (position, word and
 * segmentation), an incremental multiset hash, so one save updates it without reading the other entries.
 * Equal content gives an equal value; an empty set gives 64 zeros.
 */
function entryHash(position: number, word: string, segments: readonly string[]): bigint {
  return BigInt('0x' + createHash('sha256').update(`${position}\u0000${word}\u0000${JSON.stringify([segments])}`).digest('hex'));
}
const addHash = (sumHex: string, h: bigint, sign: 1 | -1): string =>
  ((((BigInt('0x' + sumHex) + BigInt(sign) * h) % MOD) + MOD) % MOD).toString(16).padStart(64, '0');

export function annotationStore(db: Db) {
  const itemRow = (id: number): ItemRecord => {
    const row = db.prepare(`${ITEM_SELECT} WHERE i.id = ?`).get(id) as ItemRow | undefined;
    if (!row) throw new NotFoundError(`annotation item ${id} not found`);
    return toRecord(row);
  };
  const annotationsOf = (itemId: number): Annotation[] =>
    (db.prepare(`SELECT ${ANNOTATION_COLUMNS} FROM annotations WHERE item_id = ? ORDER BY id`).all(itemId) as AnnotationRow[]).map(toAnnotation);

  const getQueue = (id: number): QueueSummary => {
    const q = db
      .prepare(`SELECT id, name, language, source, corpus_id, tokenizer_ids_json, gold_set_id, created_at FROM annotation_queues WHERE id = ?`)
      .get(id) as
      | { id: number; name: string; language: string; source: Source; corpus_id: number | null; tokenizer_ids_json: string; gold_set_id: number; created_at: string }
      | undefined;
    if (!q) throw new NotFoundError(`annotation queue ${id} not found`);
    const progress = { unseen: 0, draft: 0, gold: 0, disputed: 0 };
    const counts = db.prepare(`SELECT status, count(*) AS n FROM queue_items WHERE queue_id = ? GROUP BY status`).all(id) as { status: AnnotationStatus; n: number }[];
    for (const c of counts) progress[c.status] = c.n;
    const annotators = db
      .prepare(`SELECT DISTINCT a.annotator FROM annotations a JOIN queue_items i ON i.id = a.item_id WHERE i.queue_id = ? ORDER BY a.annotator`)
      .pluck()
      .all(id) as string[];
    return {
      id: q.id,
      name: q.name,
      language: q.language,
      source: q.source,
      corpusId: q.corpus_id,
      tokenizerIds: JSON.parse(q.tokenizer_ids_json) as number[],
      goldSetId: q.gold_set_id,
      items: counts.reduce((s, c) => s + c.n, 0),
      progress,
      annotators,
      createdAt: q.created_at,
    };
  };

  const view = (r: ItemRecord, annotator: string | null): QueueItem => {
    const all = annotationsOf(r.id);
    return {
      itemId: r.id,
      position: r.position,
      word: r.word,
      frequency: r.frequency,
      why: r.why,
      proposal: r.proposal,
      proposalLabels: r.proposalLabels,
      mine: annotator === null ? null : (all.find((a) => a.annotator === annotator) ?? null),
      all,
      adjudicated: r.adjudicated,
      status: r.status,
    };
  };

  const page = (where: string, params: unknown[], offset: number, limit: number, annotator: string | null) => {
    const total = db.prepare(`SELECT count(*) FROM queue_items i WHERE ${where}`).pluck().get(...params) as number;
    const rows = db.prepare(`${ITEM_SELECT} WHERE ${where} ORDER BY i.position LIMIT ? OFFSET ?`).all(...params, limit, offset) as ItemRow[];
    return { total, items: rows.map((r) => view(toRecord(r), annotator)) };
  };

  return {
    /** Creates the queue, its items and its (empty) gold set in one transaction. */
    createQueue(q: NewQueue): QueueSummary {
      return db.transaction(() => {
        const created = new Date().toISOString();
        const gold = db
          .prepare(`INSERT INTO gold_sets (name, language, format, source, source_path, sha256, entries, created_at) VALUES (?, ?, 'annotation', 'annotation', NULL, ?, 0, ?)`)
          .run(q.name, q.language, ZERO_SUM, created);
        const info = db
          .prepare(`INSERT INTO annotation_queues (name, language, source, corpus_id, tokenizer_ids_json, gold_set_id, params_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(q.name, q.language, q.source, q.corpusId, JSON.stringify(q.tokenizerIds), Number(gold.lastInsertRowid), JSON.stringify(q.params), created);
        const id = Number(info.lastInsertRowid);
        const ins = db.prepare(
          `INSERT INTO queue_items (queue_id, position, word, frequency, why, proposal_json, proposal_labels_json) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        );
        q.items.forEach((it, i) =>
          ins.run(id, i, it.word, it.frequency, it.why, it.proposal && JSON.stringify(it.proposal), it.proposalLabels && JSON.stringify(it.proposalLabels)),
        );
        return getQueue(id);
      })();
    },
    listQueues: (): QueueSummary[] => (db.prepare(`SELECT id FROM annotation_queues ORDER BY id`).pluck().all() as number[]).map(getQueue),
    getQueue,
    /** Removes the queue with its items, annotations, history and gold set. */
    removeQueue: (id: number): boolean =>
      db.transaction(() => {
        const goldSetId = db.prepare(`SELECT gold_set_id FROM annotation_queues WHERE id = ?`).pluck().get(id) as number | undefined;
        if (goldSetId === undefined) return false;
        db.prepare(`DELETE FROM annotation_queues WHERE id = ?`).run(id);
        db.prepare(`DELETE FROM gold_sets WHERE id = ?`).run(goldSetId);
        return true;
      })(),
    /** The queue owning a gold set, or null (a file set, or a set not made by a queue). */
    queueOfGoldSet: (goldSetId: number): number | null =>
      (db.prepare(`SELECT id FROM annotation_queues WHERE gold_set_id = ?`).pluck().get(goldSetId) as number | undefined) ?? null,

    item: itemRow,
    annotationsOf,
    /** The item as `annotator` sees it (mine = null when annotator is null). */
    view: (itemId: number, annotator: string | null): QueueItem => view(itemRow(itemId), annotator),
    /** A page of the queue in position order; `status` filters on the item's overall status (QueueItem.status). */
    items: (queueId: number, annotator: string, status: AnnotationStatus | undefined, offset: number, limit: number) => {
      getQueue(queueId);
      return status === undefined
        ? page(`i.queue_id = ?`, [queueId], offset, limit, annotator)
        : page(`i.queue_id = ? AND i.status = ?`, [queueId, status], offset, limit, annotator);
    },
    /** Items whose overall status is disputed (annotators differ, or one marked it so), seen by no one in particular. */
    disputes: (queueId: number, offset: number, limit: number) => {
      getQueue(queueId);
      return page(`i.queue_id = ? AND i.status = 'disputed'`, [queueId], offset, limit, null);
    },
    /** Every item of the queue with its annotations, in position order (agreement, export). */
    allItems(queueId: number): { record: ItemRecord; annotations: Annotation[] }[] {
      getQueue(queueId);
      const rows = db.prepare(`${ITEM_SELECT} WHERE i.queue_id = ? ORDER BY i.position`).all(queueId) as ItemRow[];
      const byItem = new Map<number, Annotation[]>();
      const anns = db
        .prepare(`SELECT ${ANNOTATION_COLUMNS} FROM annotations WHERE item_id IN (SELECT id FROM queue_items WHERE queue_id = ?) ORDER BY id`)
        .all(queueId) as AnnotationRow[];
      for (const a of anns) {
        const list = byItem.get(a.item_id) ?? [];
        list.push(toAnnotation(a));
        byItem.set(a.item_id, list);
      }
      return rows.map((r) => ({ record: toRecord(r), annotations: byItem.get(r.id) ?? [] }));
    },

    getAnnotation: (itemId: number, annotator: string): Annotation | null => {
      const row = db.prepare(`SELECT ${ANNOTATION_COLUMNS} FROM annotations WHERE item_id = ? AND annotator = ?`).get(itemId, annotator) as AnnotationRow | undefined;
      return row ? toAnnotation(row) : null;
    },
    /** Writes (insert or replace) or, with null, deletes one annotator's annotation of an item. */
    putAnnotation(itemId: number, annotator: string, a: Annotation | null): void {
      if (a === null) {
        db.prepare(`DELETE FROM annotations WHERE item_id = ? AND annotator = ?`).run(itemId, annotator);
        return;
      }
      db.prepare(
        `INSERT INTO annotations (${ANNOTATION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (item_id, annotator) DO UPDATE SET segments_json = excluded.segments_json, labels_json = excluded.labels_json,
           status = excluded.status, note = excluded.note, updated_at = excluded.updated_at`,
      ).run(itemId, annotator, JSON.stringify(a.segments), JSON.stringify(a.labels), a.status, a.note, a.updatedAt);
    },
    setAdjudicated(itemId: number, a: Annotation | null): void {
      db.prepare(`UPDATE queue_items SET adjudicated_json = ? WHERE id = ?`).run(a && JSON.stringify(a), itemId);
    },
    setStatus(itemId: number, status: AnnotationStatus): void {
      db.prepare(`UPDATE queue_items SET status = ? WHERE id = ?`).run(status, itemId);
    },

    /**
     * Puts the item's entry in the queue's gold set (segments) or takes it out (null), keeping the set's entry
     * count and content hash current. The entry's position is the item's position in the queue.
     */
    putGoldEntry(item: ItemRecord, segments: readonly string[] | null): void {
      const old = db.prepare(`SELECT segments_json FROM gold_entries WHERE set_id = ? AND position = ?`).pluck().get(item.goldSetId, item.position) as string | undefined;
      const oldSegs = old === undefined ? null : (JSON.parse(old) as string[][])[0];
      if (oldSegs === null && segments === null) return;
      if (oldSegs !== null && segments !== null && JSON.stringify(oldSegs) === JSON.stringify(segments)) return;
      let sum = db.prepare(`SELECT sha256 FROM gold_sets WHERE id = ?`).pluck().get(item.goldSetId) as string;
      let delta = 0;
      if (oldSegs !== null) {
        db.prepare(`DELETE FROM gold_entries WHERE set_id = ? AND position = ?`).run(item.goldSetId, item.position);
        sum = addHash(sum, entryHash(item.position, item.word, oldSegs), -1);
        delta--;
      }
      if (segments !== null) {
        db.prepare(`INSERT INTO gold_entries (set_id, position, word, segments_json, line) VALUES (?, ?, ?, ?, NULL)`).run(
          item.goldSetId,
          item.position,
          item.word,
          JSON.stringify([segments]),
        );
        sum = addHash(sum, entryHash(item.position, item.word, segments), 1);
        delta++;
      }
      db.prepare(`UPDATE gold_sets SET sha256 = ?, entries = entries + ? WHERE id = ?`).run(sum, delta, item.goldSetId);
    },

    // ---------- per-annotator undo log ----------
    pushHistory(annotator: string, itemId: number, before: Annotation | null, after: Annotation): void {
      db.prepare(`DELETE FROM annotation_history WHERE annotator = ? AND state = 'undone'`).run(annotator);
      db.prepare(`INSERT INTO annotation_history (annotator, item_id, before_json, after_json, state, created_at) VALUES (?, ?, ?, ?, 'done', ?)`).run(
        annotator,
        itemId,
        before && JSON.stringify(before),
        JSON.stringify(after),
        new Date().toISOString(),
      );
    },
    /** The entry undo would revert (last done) or redo would re-apply (first undone), or null. */
    historyEntry(annotator: string, state: 'done' | 'undone'): HistoryEntry | null {
      const order = state === 'done' ? 'DESC' : 'ASC';
      const row = db
        .prepare(`SELECT id, annotator, item_id, before_json, after_json FROM annotation_history WHERE annotator = ? AND state = ? ORDER BY id ${order} LIMIT 1`)
        .get(annotator, state) as { id: number; annotator: string; item_id: number; before_json: string | null; after_json: string } | undefined;
      if (!row) return null;
      return { id: row.id, annotator: row.annotator, itemId: row.item_id, before: parse(row.before_json), after: JSON.parse(row.after_json) as Annotation };
    },
    markHistory(id: number, state: 'done' | 'undone'): void {
      db.prepare(`UPDATE annotation_history SET state = ? WHERE id = ?`).run(state, id);
    },
  };
}

export type AnnotationStore = ReturnType<typeof annotationStore>;
