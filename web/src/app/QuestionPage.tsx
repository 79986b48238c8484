import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { api, type Moment } from '../api/client';
import type { Axis, Consensus } from '../api/types';
import { StatusBadge } from '../labels/LabelBadge';
import { Downloads } from '../features/downloads/Downloads';
import { FEATURES, type QuestionState, type QuestionTabProps } from './features';
import { momentOf } from './moment';
import { ReplayBar } from './ReplayBar';
import { useQuestionData } from './use-question-data';

interface Props {
  state: QuestionState;
  update: QuestionTabProps['update'];
  onBack: () => void;
}

// The claim panel is loaded when a claim is first opened: the map's first draw does not wait for it.
const ClaimPanel = lazy(() => import('../features/claim/ClaimPanel').then((m) => ({ default: m.ClaimPanel })));

const TABS = FEATURES.flatMap((f) => (f.tab ? [{ id: f.id, ...f.tab }] : [])).sort((a, b) => a.order - b.order);

/** A question: its title and status, the replay bar, the tabs (map, timeline, reading…), the claim panel and downloads. */
export function QuestionPage({ state, update, onBack }: Props) {
  const { data, error, live } = useQuestionData(state.questionId);
  const moment = useMemo(() => momentOf(state), [state.asOf, state.axis]); // eslint-disable-line react-hooks/exhaustive-deps
  const [atMoment, setAtMoment] = useState<{ key: string; consensus: Consensus; moment: Moment } | null>(null);
  const momentKey = moment && 'asOf' in moment ? `${moment.axis}:${moment.asOf}:${data?.consensus.position}` : null;

  useEffect(() => {
    if (!moment || !momentKey) return;
    let cancelled = false;
    api.consensus(state.questionId, moment).then(
      (consensus) => !cancelled && setAtMoment({ key: momentKey, consensus, moment }),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [momentKey]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (data) document.title = `${data.question.title} · claims-ledger`;
  }, [data]);

  if (error) {
    return (
      <main id="main">
        <p role="alert">Could not load the question: {error.message}</p>
        <button type="button" onClick={onBack}>All questions</button>
      </main>
    );
  }
  if (!data) return <main id="main" aria-busy="true"><p aria-live="polite">Loading the question…</p></main>;

  const { question, consensus, timeline } = data;
  // Until the moment's consensus has arrived, the last one shown stays (no flash of "now").
  const consensusAtMoment = !moment ? consensus : (atMoment?.consensus ?? consensus);
  // The moment of what is shown, which may still be the previous one: the two always go together.
  const shownMoment = !moment ? undefined : atMoment?.moment;
  const pending = Boolean(moment) && atMoment?.key !== momentKey;
  const tab = TABS.find((t) => t.id === state.view) ?? TABS[0];
  const props: QuestionTabProps = { question, consensus, consensusAtMoment, timeline, moment: shownMoment, state, update };
  const onMoment = (asOf: string | null, axis: Axis, how: 'push' | 'replace') => update({ asOf, axis }, how);

  return (
    <main id="main" className="question-page" aria-busy={pending}>
      <header className="question-header">
        <p>
          <a href="/" onClick={(e) => (e.preventDefault(), onBack())}>← All questions</a>
        </p>
        <h1>{question.title}</h1>
        <p className="meta">
          <StatusBadge status={consensusAtMoment.status} /> proof standard {consensusAtMoment.proofStandard} · {question.liveClaimCount} live claims ·{' '}
          <span className={live ? 'live on' : 'live'}>{live ? '● live' : '○ not live'}</span>
          {moment && 'asOf' in moment && (
            <strong className="as-of"> · as of {moment.asOf} ({moment.axis})</strong>
          )}
        </p>
        <details>
          <summary>The question in full</summary>
          <p>{question.body}</p>
        </details>
      </header>
      <ReplayBar timeline={timeline} asOf={state.asOf} axis={state.axis} onMoment={onMoment} />
      <div role="tablist" aria-label="Views of the question" className="tabs">
        {TABS.map((t) => (
          <button
            key={t.id}
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={t.id === tab?.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={t.id === tab?.id ? 0 : -1}
            onClick={() => update({ view: t.id })}
            onKeyDown={(e) => {
              // Arrow keys move between tabs (the WAI-ARIA tabs pattern).
              const i = TABS.findIndex((x) => x.id === t.id);
              const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i - 1 + TABS.length) % TABS.length] : null;
              if (next) {
                e.preventDefault();
                update({ view: next.id });
                document.getElementById(`tab-${next.id}`)?.focus();
              }
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="question-body">
        {tab && (
          <section role="tabpanel" id={`panel-${tab.id}`} aria-labelledby={`tab-${tab.id}`} className="tab-panel">
            <Suspense fallback={<p aria-live="polite">Loading…</p>}>
              <tab.Component {...props} />
            </Suspense>
          </section>
        )}
        {state.claim && (
          <Suspense fallback={<aside className="claim-panel" aria-busy="true"><p aria-live="polite">Loading the claim…</p></aside>}>
            <ClaimPanel {...props} claimId={state.claim} onClose={() => update({ claim: null })} />
          </Suspense>
        )}
      </div>
      <Downloads questionId={question.id} moment={moment} />
    </main>
  );
}
