import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api/client';
import type { Consensus, QuestionDetail, TimelineEntry } from '../api/types';
import { takePrimed } from './question-prefetch';

export interface QuestionData {
  question: QuestionDetail;
  consensus: Consensus;
  timeline: TimelineEntry[];
}

/**
 * A question, its consensus and its timeline, kept up to date while the page is open: the consensus
 * stream (SSE) sends the question's summary at once and again, with the claims that changed, after
 * every event that moves it; the question, its consensus and its timeline are then read again at that
 * position, so the map gains what others wrote without a reload. EventSource reconnects by itself
 * after a dropped connection.
 */
export function useQuestionData(questionId: string): { data: QuestionData | null; error: ApiError | Error | null; live: boolean } {
  const [data, setData] = useState<QuestionData | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [live, setLive] = useState(false);
  const latest = useRef(0n);

  const load = useCallback(
    async (minPosition?: string) => {
      const position = minPosition ? `?minPosition=${minPosition}` : '';
      // The first read: the answers question-prefetch.ts asked for as the page started, if any.
      const primed = minPosition ? null : takePrimed(questionId);
      const [question, current] = await (primed ?? Promise.all([api.request<QuestionDetail>(`/api/questions/${questionId}${position}`), api.consensus(questionId, undefined, minPosition)]));
      const at = BigInt(current.position ?? '0');
      // Answers can arrive out of order; an older one never replaces a newer.
      if (at < latest.current) return;
      latest.current = at;
      // The map needs only these two: it is drawn at once, and the timeline (the replay bar's steps) follows.
      // For the bench (bench/parts/web.ts): when the map's data first arrived.
      if (performance.getEntriesByName('question-data').length === 0) performance.mark('question-data');
      setData((previous) => ({ question, consensus: current, timeline: previous?.timeline ?? [] }));
      // The first time, the timeline waits until the browser is idle, which is after the map's first
      // draw: its answer and the re-render it brings would otherwise come before that draw.
      if (!minPosition) await idle();
      // Every page of it: the replay bar steps through the whole history.
      const timeline = await api.timeline(questionId, `?minPosition=${current.position ?? '0'}`);
      if (latest.current !== at) return;
      setData((previous) => (previous ? { ...previous, timeline } : previous));
    },
    [questionId],
  );

  useEffect(() => {
    latest.current = 0n;
    setData(null);
    setError(null);
    let source: EventSource | null = null;
    let closed = false;
    // The stream starts once the first answer is in: its first message is then either that same
    // consensus (ignored) or a newer one, so nothing is read twice and nothing is missed.
    load()
      .catch((e: Error) => setError(e))
      .finally(() => {
        if (closed || typeof EventSource === 'undefined') return;
        source = new EventSource(api.consensusStreamUrl(questionId));
        source.addEventListener('open', () => setLive(true));
        source.addEventListener('error', () => setLive(false));
        source.addEventListener('consensus', (message) => {
          // The summary and the claims that changed: the whole consensus is read again at its position.
          const { position } = JSON.parse((message as MessageEvent<string>).data) as Pick<Consensus, 'position'>;
          if (position === null || BigInt(position) <= latest.current) return;
          load(position).catch((e: Error) => setError(e));
        });
      });
    return () => {
      closed = true;
      source?.close();
      setLive(false);
    };
  }, [questionId, load]);

  return { data, error, live };
}

/** Resolves when the browser has nothing more urgent to do (at the latest after a second). */
function idle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, 0);
  });
}
