import type { ProvenanceView } from '../../contract/event-metadata';
import type { Verification } from '../../contract/question.events';
import type { Reliability, SourceDetails, SourceIdentifiers, SourceKind } from '../../contract/source.events';

/** The sources view's records: what the projection folds (sources.projection.ts) and its snapshot form writes (sources-snapshot.ts). */

export interface CitationView {
  evidenceId: string;
  questionId: string;
  claimId: string;
  stance: 'supports' | 'undermines';
  locator: string | null;
  /** Has anybody read the source at this locator: cited, examined or transcribed (the current one). */
  verification: Verification;
  withdrawn: boolean;
}

export interface SourceView {
  id: string;
  kind: SourceKind;
  title: string;
  authors: string[];
  issued: string | null;
  identifiers: SourceIdentifiers;
  /** Bibliographic details: container, volume, pages, genre, a forum post's time… (`{}` when none were recorded). */
  details: SourceDetails;
  /** The current appraisal of the source's reliability (Admiralty scale), if any. */
  reliability: Reliability | null;
  /** The reliability given when the source was registered, before any appraisal. */
  registeredReliability: Reliability | null;
  position: bigint;
  /** Every appraisal in log order, with its position, so reliability can be read as of any moment. */
  appraisals: { reliability: Reliability; note: string; position: bigint; provenance: ProvenanceView }[];
  /** Every piece of evidence that cites this source, and how. */
  citations: CitationView[];
  provenance: ProvenanceView;
  revision: bigint;
}

export interface SourcesView {
  sources: Map<string, SourceView>;
  citationByEvidence: Map<string, CitationView>;
}
