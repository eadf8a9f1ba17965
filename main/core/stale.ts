// A hybrid version is stale when the dictionary it was trained with has changed since (any edit, undo, redo or
// merge moves the dictionary's stamp) or is gone. Retraining brings it up to date.
import type { TokenizerSummary } from '../api/contract';
import type { Workspace } from './store/workspace';

export function staleReason(ws: Workspace, summary: TokenizerSummary): string | null {
  if (summary.kind !== 'hybrid' || summary.source !== 'trained') return null;
  const config = ws.getTokenizerConfig(summary.id) as { dictionaryId?: number; dictionaryName?: string; dictionaryStamp?: string | null };
  if (config.dictionaryId === undefined || config.dictionaryStamp === undefined) return null; // trained before stamps existed
  const now = ws.dictionaries.stamp(config.dictionaryId);
  const name = config.dictionaryName ? `"${config.dictionaryName}"` : `#${config.dictionaryId}`;
  if (now === null) return `dictionary ${name} has been removed`;
  if (now === config.dictionaryStamp) return null;
  const rev = (stamp: string | null | undefined) => stamp?.split(':')[1] ?? '?';
  return `dictionary ${name} changed since training (revision ${rev(config.dictionaryStamp)} → ${rev(now)})`;
}

export function withStale(ws: Workspace, summary: TokenizerSummary): TokenizerSummary {
  return { ...summary, stale: staleReason(ws, summary) };
}
