import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api/client';
import type { Consensus, QuestionDetail, TimelineEntry } from '../api/types';

export interface QuestionData {
  question: QuestionDetail;
  consensus: Consensus;
  timeline: TimelineEntry[];
}

/**
 * A question, its consensus and its timeline, kept up to date while the page is open: the consensus
 * stream (SSE) sends the consensus at once and again after every event that moves it; the question
 * and its timeline are then read again at that position, so the map gains what others wrote without a
 * reload. EventSource reconnects by itself after a dropped connection.
 */
export function useQuestionData(questionId: string): { data: QuestionData | null; error: ApiError | Error | null; live: boolean } {
  const [data, setData] = useState<QuestionData | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [live, setLive] = useState(false);
  const latest = useRef(0n);

  const load = useCallback(
    async (consensus?: Consensus) => {
      const position = consensus?.position ? `?minPosition=${consensus.position}` : '';
      const [question, current] = await Promise.all([
        api.request<QuestionDetail>(`/api/questions/${questionId}${position}`),
        consensus ? Promise.resolve(consensus) : api.consensus(questionId),
      ]);
      const at = BigInt(current.position ?? '0');
      // Answers can arrive out of order; an older one never replaces a newer.
      if (at < latest.current) return;
      latest.current = at;
      // The map needs only these two: it is drawn at once, and the timeline (the replay bar's steps) follows.
      setData((previous) => ({ question, consensus: current, timeline: previous?.timeline ?? [] }));
      const timeline = await api.request<{ entries: TimelineEntry[] }>(`/api/questions/${questionId}/timeline?minPosition=${current.position ?? '0'}`);
      if (latest.current !== at) return;
      setData((previous) => (previous ? { ...previous, timeline: timeline.entries } : previous));
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
          const consensus = JSON.parse((message as MessageEvent<string>).data) as Consensus & { changes: unknown[] };
          if (BigInt(consensus.position ?? '0') <= latest.current) return;
          load(consensus).catch((e: Error) => setError(e));
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
