import { useEffect, useState } from 'react';
import { formatOccurred } from '../../../../projections/dates/occurred';
import { api } from '../../api/client';
import type { ClaimExplanation, LedgerEvent, Provenance } from '../../api/types';
import type { QuestionTabProps } from '../../app/features';
import { LabelBadge } from '../../labels/LabelBadge';
import { claimEvents } from './claim-events';
import { ContributionChart } from './ContributionChart';

type Props = QuestionTabProps & { claimId: string; onClose: () => void };

export function ProvenanceLine({ provenance }: { provenance: Provenance }) {
  const place = provenance.attributedTo.location ? ` (${provenance.attributedTo.location})` : '';
  return (
    <span className="provenance">
      said by {provenance.attributedTo.name}
      {place} on {formatOccurred(provenance.occurredAt)}; recorded by {provenance.recordedBy.name} at {formatOccurred(provenance.recordedAt)}
    </span>
  );
}

/**
 * One claim, explained: its label and strength as of the page's moment, what grounds it (examined
 * evidence, verified by whom and when), the contributions that add up to its strength, what would
 * change its label, its stances, its wording history, and its events with provenance and hash.
 */
export function ClaimPanel({ question, consensusAtMoment, moment, claimId, onClose }: Props) {
  const [explanation, setExplanation] = useState<ClaimExplanation | null>(null);
  const [explainError, setExplainError] = useState<string | null>(null);
  const [events, setEvents] = useState<LedgerEvent[] | null>(null);
  const claim = consensusAtMoment.claims.find((c) => c.id === claimId);
  const recorded = question.claims.find((c) => c.id === claimId);
  const present = claim !== undefined;

  useEffect(() => {
    let cancelled = false;
    setExplanation(null);
    setExplainError(null);
    // A claim not yet proposed at the page's moment has no explanation then.
    if (!present) return;
    api.explanation(question.id, claimId, moment).then(
      (e) => !cancelled && setExplanation(e),
      (e: Error) => !cancelled && setExplainError(e.message),
    );
    return () => {
      cancelled = true;
    };
  }, [question.id, claimId, moment, consensusAtMoment.position, present]);

  useEffect(() => {
    let cancelled = false;
    api.events(question.id).then((all) => !cancelled && setEvents(all), () => undefined);
    return () => {
      cancelled = true;
    };
  }, [question.id, question.lastPosition]);

  const evidence = question.evidence.filter((e) => e.claimId === claimId);
  const examined = evidence.filter((e) => e.verification === 'examined' && e.status === 'attached');
  const leads = evidence.filter((e) => e.verification === 'cited' && e.status === 'attached');
  // What stands against it comes with the explanation asked for this claim alone (the map's consensus leaves it out).
  const against = explanation?.against ?? claim?.against ?? [];
  const sourceTitle = (id: string) => consensusAtMoment.evidence.find((e) => e.sourceId === id)?.sourceTitle ?? id.slice(0, 8);

  return (
    <aside className="claim-panel" aria-labelledby="claim-panel-title" data-claim-id={claimId}>
      <header>
        <h2 id="claim-panel-title">Claim</h2>
        <button type="button" onClick={onClose} aria-label="Close the claim panel">✕</button>
      </header>
      {!claim ? (
        <p>This claim is not part of the question {moment ? 'at this moment' : 'now'}.</p>
      ) : (
        <>
          <blockquote>{claim.text}</blockquote>
          <p>
            <LabelBadge label={claim.label} /> strength <strong>{claim.strength === null ? '–' : claim.strength.toFixed(3)}</strong> (base {claim.base}) ·{' '}
            {claim.author}
          </p>
          <p className="reading">{claim.reading}</p>

          <h3>Why: the contributions</h3>
          {explainError && <p role="alert">{explainError}</p>}
          {explanation ? (
            explanation.contributions.length > 0 ? <ContributionChart explanation={explanation} /> : <p>Nothing bears on it: its strength is its base score.</p>
          ) : (
            !explainError && <p aria-live="polite">Loading the explanation…</p>
          )}

          <h3>What would change the label</h3>
          <ul>{(explanation?.wouldChange ?? claim.wouldChange ?? []).map((w) => <li key={w}>{w}</li>)}</ul>

          <h3>Grounding</h3>
          {claim.grounded ? <p>Grounded in examined evidence.</p> : <p>Not grounded: no examined evidence carries it.</p>}
          {explanation && explanation.grounds.length > 0 && (
            <ul>{explanation.grounds.map((g, i) => <li key={i}>rests on {g.kind} “{String(g.text ?? g.claimId ?? g.evidenceId ?? '')}”</li>)}</ul>
          )}
          {examined.length > 0 && (
            <ul className="evidence-list">
              {examined.map((e) => (
                <li key={e.id}>
                  {e.stance} · {sourceTitle(e.sourceId)}
                  {e.locator ? `, ${e.locator}` : ''}
                  <ul>
                    {e.verifications.map((v, i) => (
                      <li key={i}>
                        {v.verification} by {v.provenance.recordedBy.name} ({v.provenance.attributedTo.name}) on {formatOccurred(v.provenance.occurredAt)}
                        {v.note ? `: ${v.note}` : ''}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
          {leads.length > 0 && (
            <>
              <h4>Leads (cited, nobody has read them yet)</h4>
              <ul>{leads.map((e) => <li key={e.id}>{sourceTitle(e.sourceId)}{e.locator ? `, ${e.locator}` : ''}</li>)}</ul>
            </>
          )}
          {against.length > 0 && (
            <>
              <h3>Against it</h3>
              <ul>{against.map((a) => <li key={a.id}>{a.kind} “{a.name}” ({a.strength === null ? '–' : a.strength.toFixed(2)})</li>)}</ul>
            </>
          )}

          <h3>Stances</h3>
          <p>
            ▲ {claim.stances.endorse} endorse · ▼ {claim.stances.dispute} dispute
            {claim.stances.agreement !== null ? ` · agreement ${claim.stances.agreement.toFixed(2)}` : ''}
          </p>
        </>
      )}

      {recorded && (
        <>
          <h3>Wording history</h3>
          <ol className="versions">
            {recorded.versions.map((v, i) => (
              <li key={i}>
                <q>{v.text}</q> <ProvenanceLine provenance={v.provenance} />
              </li>
            ))}
          </ol>
          {recorded.passage && (
            <>
              <h4>The passage it paraphrases</h4>
              <blockquote className="passage">{recorded.passage}</blockquote>
            </>
          )}
        </>
      )}

      <h3>Events</h3>
      {events === null ? (
        <p aria-live="polite">Loading the events…</p>
      ) : (
        <ol className="events">
          {claimEvents(events, claimId, question).map((event) => (
            <li key={event.id}>
              <strong>{event.type}</strong> at position {event.position}
              {typeof event.metadata.occurredAt === 'string' && <> · occurred {formatOccurred(event.metadata.occurredAt)}</>} · recorded {formatOccurred(event.recordedAt)}
              {typeof (event.metadata.attributedTo as { name?: string } | undefined)?.name === 'string' && (
                <> · by {(event.metadata.attributedTo as { name: string }).name}</>
              )}
              <br />
              <code title={event.metadata.hash}>hash {String(event.metadata.hash ?? '').slice(0, 16)}…</code>{' '}
              <a href={`/api/events/${event.id}/proof`}>inclusion proof</a>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
