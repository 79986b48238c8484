import { useMemo } from 'react';
import { formatOccurred } from '../../../../projections/dates/occurred';
import type { QuestionTabProps } from '../../app/features';
import { LabelBadge } from '../../labels/LabelBadge';
import { credibilityText, excerpt, readingEntries, sourcesOfEntries, type ReadingEntry, type SourceRecord } from './reading-model';
import { SourceList, sourceUrl } from './SourceList';
import { useSources } from './use-sources';
import './reading.css';

/**
 * The debate in the order it was said: each claim (the ledger's paraphrase) beside the verbatim
 * passage it paraphrases, with who said it, when and where; what it says of other claims in words;
 * its evidence; then the sources with their archive references and appraisals. At a replay moment,
 * only what had been said by then.
 */
export function ReadingTab({ question, consensusAtMoment, timeline, moment, state, update }: QuestionTabProps) {
  const entries = useMemo(() => readingEntries(question, consensusAtMoment, timeline, moment !== undefined), [question, consensusAtMoment, timeline, moment]);
  const sourceIds = useMemo(() => sourcesOfEntries(entries), [entries]);
  const { sources, failed } = useSources(sourceIds);

  return (
    <div className="reading-tab">
      <h2 id="reading-heading">The debate in the order it was said</h2>
      <p className="hint">
        Each claim as the ledger words it, beside the passage it paraphrases, quoted exactly. Select a claim to see why it is labelled as it is.
      </p>
      {entries.length === 0 && <p>No claim had been made by then.</p>}
      <ol className="reading-list" aria-labelledby="reading-heading">
        {entries.map((entry) => (
          <li key={entry.claim.id} id={`reading-${entry.claim.id}`} data-claim-id={entry.claim.id}>
            <Entry entry={entry} sources={sources} selected={state.claim === entry.claim.id} onOpen={() => update({ claim: entry.claim.id })} />
          </li>
        ))}
      </ol>
      {failed && <p role="alert">Could not read the sources: {failed}</p>}
      <SourceList ids={sourceIds} sources={sources} />
    </div>
  );
}

function Entry({ entry, sources, selected, onOpen }: { entry: ReadingEntry; sources: ReadonlyMap<string, SourceRecord>; selected: boolean; onOpen: () => void }) {
  const { claim } = entry;
  const saidIn = claim.provenance.saidIn ? sources.get(claim.provenance.saidIn) : undefined;
  const location = claim.provenance.attributedTo.location;
  const headingId = `reading-h-${claim.id}`;
  return (
    <article className="reading-entry" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <span className="ref">{entry.ref}</span>
        {entry.label && <LabelBadge label={entry.label} />}
        <span>
          {entry.author}
          {location ? ` (${location})` : ''}
        </span>
        <span className="said">
          · <time dateTime={claim.provenance.occurredAt}>{entry.said}</time> · {claim.kind}
        </span>
      </h3>
      <div className="reading-pair">
        <div>
          <span className="pair-label" id={`${headingId}-claim`}>Claim</span>
          <button type="button" className="claim-text" aria-current={selected ? 'true' : undefined} aria-describedby={`${headingId}-claim`} onClick={onOpen}>
            {claim.text}
          </button>
        </div>
        <div>
          <span className="pair-label">Passage, verbatim</span>
          {claim.passage ? (
            <figure>
              <blockquote cite={saidIn ? sourceUrl(saidIn) : undefined}>{claim.passage}</blockquote>
              <figcaption>
                — {entry.author}
                {claim.provenance.saidIn && (
                  <>
                    , in{' '}
                    <a href={`#source-${claim.provenance.saidIn}`}>
                      <cite>{saidIn?.title ?? 'a source not yet loaded'}</cite>
                    </a>
                  </>
                )}
              </figcaption>
            </figure>
          ) : (
            <p className="no-passage">Drawn from no text: no passage to compare.</p>
          )}
        </div>
      </div>
      {claim.status === 'retracted' && <p className="retracted">Retracted{claim.retraction ? `: ${(claim.retraction as { reason: string }).reason}` : ''}</p>}
      {claim.versions.length > 1 && (
        <p className="hint">
          Reworded {claim.versions.length - 1} {claim.versions.length === 2 ? 'time' : 'times'}; the passage is as first given.
        </p>
      )}
      {(entry.outgoing.length > 0 || entry.incoming.length > 0) && (
        <ul className="relations" aria-label={`How ${entry.ref} bears on other claims`}>
          {entry.outgoing.map((r, i) => (
            <li key={`o${i}`}>
              {entry.ref} {r.words} <RelationTarget target={r.target} sources={sources} />
            </li>
          ))}
          {entry.incoming.map((r, i) => (
            <li key={`i${i}`}>
              {entry.ref} {r.words} <RelationTarget target={r.target} sources={sources} />
            </li>
          ))}
        </ul>
      )}
      {entry.evidence.length > 0 && (
        <ul className="evidence" aria-label={`Evidence for and against ${entry.ref}`}>
          {entry.evidence.map((e) => {
            const source = sources.get(e.sourceId);
            const last = e.verifications.at(-1);
            return (
              <li key={e.id} data-evidence-id={e.id}>
                {e.stance === 'supports' ? 'Supported' : 'Undermined'} by{' '}
                <a href={`#source-${e.sourceId}`}>
                  <cite>{source?.title ?? 'a source'}</cite>
                </a>
                {e.locator ? `, ${e.locator}` : ''}: {e.verification}
                {last && last.verification === e.verification && ` (by ${last.provenance.recordedBy.name}, ${formatOccurred(last.provenance.recordedAt)})`}
                {e.credibility !== null && `; credibility ${credibilityText(e.credibility)}`}
                {e.status === 'withdrawn' && '; withdrawn'}
                {e.quote && <blockquote>{e.quote}</blockquote>}
              </li>
            );
          })}
        </ul>
      )}
    </article>
  );
}

function RelationTarget({ target, sources }: { target: ReadingEntry['outgoing'][number]['target']; sources: ReadonlyMap<string, SourceRecord> }) {
  if (target.kind === 'claim') {
    return (
      <>
        <a href={`#reading-${target.id}`}>{target.ref}</a> (“{excerpt(target.text)}”)
      </>
    );
  }
  return (
    <>
      from <a href={`#source-${target.sourceId}`}>{sources.get(target.sourceId)?.title ?? 'a source'}</a>
    </>
  );
}
