import { formatOccurred } from '../../../../projections/dates/occurred';
import { findingAids, reliabilityText, type SourceRecord } from './reading-model';

/** The address a blockquote's `cite` can point at: the source's URL or DOI, when it has one. */
export function sourceUrl(source: SourceRecord): string | undefined {
  if (source.identifiers?.url) return source.identifiers.url;
  if (source.identifiers?.doi) return `https://doi.org/${source.identifiers.doi}`;
  return undefined;
}

/**
 * The sources the debate above relies on: how to find each again (the archive reference in the
 * archive's own form, a guide entry said to be one), and how far it is trusted: the reliability it
 * was registered with, and every appraisal since, by whom and when.
 */
export function SourceList({ ids, sources }: { ids: readonly string[]; sources: ReadonlyMap<string, SourceRecord> }) {
  return (
    <section className="reading-sources" aria-labelledby="reading-sources-heading">
      <h2 id="reading-sources-heading">Sources ({ids.length})</h2>
      <ol>
        {ids.map((id) => {
          const source = sources.get(id);
          if (!source) return <li key={id} id={`source-${id}`}>Source {id} (loading…)</li>;
          const aids = findingAids(source);
          return (
            <li key={id} id={`source-${id}`} data-source-id={id}>
              <article aria-labelledby={`source-h-${id}`}>
                <h3 id={`source-h-${id}`}>
                  <cite>{source.title}</cite>
                </h3>
                <p>
                  {source.authors.join(', ') || 'Author unknown'}
                  {source.issued ? `, ${source.issued}` : ''} · {source.kind}
                </p>
                <dl>
                  {aids.map((aid) => (
                    <FindingAid key={aid.kind + aid.text} {...aid} />
                  ))}
                  <dt>Reliability</dt>
                  <dd>
                    {source.reliability ? reliabilityText(source.reliability) : 'not appraised'}
                    {source.registeredReliability && source.appraisals.length === 0 && (
                      <> (as registered by {source.provenance.recordedBy.name}, {formatOccurred(source.provenance.recordedAt)})</>
                    )}
                  </dd>
                  {source.appraisals.length > 0 && (
                    <>
                      <dt>Appraisals</dt>
                      <dd>
                        <ol className="appraisals">
                          {source.registeredReliability && (
                            <li>
                              {reliabilityText(source.registeredReliability)} when registered by {source.provenance.recordedBy.name},{' '}
                              {formatOccurred(source.provenance.recordedAt)}
                            </li>
                          )}
                          {source.appraisals.map((a) => (
                            <li key={a.position}>
                              {reliabilityText(a.reliability)} by {a.provenance.recordedBy.name}, {formatOccurred(a.provenance.recordedAt)}: {a.note}
                            </li>
                          ))}
                        </ol>
                      </dd>
                    </>
                  )}
                </dl>
              </article>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function FindingAid({ kind, text, href }: { kind: string; text: string; href?: string }) {
  return (
    <>
      <dt>{kind}</dt>
      <dd className="finding-aid">{href ? <a href={href}>{text}</a> : text}</dd>
    </>
  );
}
