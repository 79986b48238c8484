import { useEffect, useSyncExternalStore } from 'react';
import { api } from '../../api/client';
import type { SourceRecord } from './reading-model';

/**
 * The bibliography (GET /api/sources), shared by the reading view and the contribution forms. Sources
 * are not in a question's stream, so the consensus stream does not announce them: the list is read
 * again when someone needs an id it does not hold yet (evidence just attached citing a new source),
 * and after this page registers one (refreshSources).
 */
let sources: ReadonlyMap<string, SourceRecord> = new Map();
let loading: Promise<void> | null = null;
let failed: string | null = null;
const listeners = new Set<() => void>();
let snapshot: { sources: ReadonlyMap<string, SourceRecord>; failed: string | null } = { sources, failed };

function publish() {
  snapshot = { sources, failed };
  for (const listener of listeners) listener();
}

export function refreshSources(): Promise<void> {
  loading ??= api
    // Every page of it.
    .list<SourceRecord>('/api/sources')
    .then(
      (list) => {
        sources = new Map(list.map((s) => [s.id, s]));
        failed = null;
      },
      (error: Error) => {
        failed = error.message;
      },
    )
    .finally(() => {
      loading = null;
      publish();
    });
  return loading;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Every registered source by id; read again when one of `needed` is missing. */
export function useSources(needed: readonly string[] = []): { sources: ReadonlyMap<string, SourceRecord>; failed: string | null } {
  const current = useSyncExternalStore(subscribe, () => snapshot);
  const missing = needed.filter((id) => !current.sources.has(id)).join(',');
  useEffect(() => {
    // Once on first use, then whenever an id is missing (a failed read is not retried in a loop: only on a new need).
    if (current.sources.size === 0 || missing !== '') void refreshSources();
  }, [missing]); // eslint-disable-line react-hooks/exhaustive-deps
  return current;
}
