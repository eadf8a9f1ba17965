// How annotation statuses read on screen, and a queue's progress as the parts of one bar.
import type { AnnotationStatus, QueueSummary } from '../../../main/api/contract';

export const STATUSES: readonly AnnotationStatus[] = ['unseen', 'draft', 'gold', 'disputed'];

const LABELS: Record<AnnotationStatus, string> = {
  unseen: 'Unseen',
  draft: 'Draft',
  gold: 'Gold',
  disputed: 'Disputed',
};

export function statusLabel(s: AnnotationStatus): string {
  return LABELS[s] ?? s;
}

/** One glyph per status for dense lists (colour is never the only cue). */
export function statusGlyph(s: AnnotationStatus): string {
  return s === 'gold' ? '✓' : s === 'disputed' ? '!' : s === 'draft' ? '•' : '○';
}

export interface ProgressPart {
  status: AnnotationStatus;
  count: number;
  /** Share of the queue, 0..100. */
  percent: number;
}

/** The bar's parts in a fixed order (gold, draft, disputed, unseen), empty ones left out. */
export function progressParts(progress: QueueSummary['progress'], total: number): ProgressPart[] {
  const order: AnnotationStatus[] = ['gold', 'draft', 'disputed', 'unseen'];
  const sum = total > 0 ? total : order.reduce((n, s) => n + (progress[s] ?? 0), 0);
  return order
    .map((status) => ({ status, count: progress[status] ?? 0, percent: sum > 0 ? ((progress[status] ?? 0) / sum) * 100 : 0 }))
    .filter((p) => p.count > 0);
}

/** "120 of 200 done (60%)": items no longer waiting for anyone (gold or settled). */
export function progressText(progress: QueueSummary['progress'], total: number): string {
  const done = progress.gold ?? 0;
  const pct = total > 0 ? Math.round((done / total) * 100) : 0;
  return `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} gold (${pct}%)`;
}

const SOURCES: Record<QueueSummary['source'], string> = {
  frequency: 'most frequent words',
  disagreement: 'tokenizers disagree',
  uncertainty: 'least certain analyses',
  wordlist: 'word list',
};

export function sourceLabel(s: QueueSummary['source']): string {
  return SOURCES[s] ?? s;
}

/** Kappa as the literature reads it (Landis & Koch bands), for a hint beside the number. */
export function kappaBand(k: number): string {
  if (!Number.isFinite(k)) return '—';
  if (k < 0) return 'worse than chance';
  if (k <= 0.2) return 'slight';
  if (k <= 0.4) return 'fair';
  if (k <= 0.6) return 'moderate';
  if (k <= 0.8) return 'substantial';
  return 'almost perfect';
}
