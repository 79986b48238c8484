import { assertNever } from '../../contract/assert-never';
import type { Projection } from '../projection';
import type { ProvenanceView } from '../../contract/event-metadata';
import { provenanceOf } from '../projection';
import type { Verification } from '../../contract/question.events';
import type { Reliability, SourceDetails, SourceIdentifiers, SourceKind } from '../../contract/source.events';

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

/** The bibliography: every registered source, its appraisals, and where it is cited. */
export const sourcesProjection: Projection<SourcesView> = {
  name: 'sources',
  // 3: bibliographic details.
  version: 3,
  init: () => ({ sources: new Map(), citationByEvidence: new Map() }),
  apply(view, event) {
    switch (event.type) {
      case 'SourceRegistered': {
        const { sourceId, kind, title, authors, issued, identifiers, details, reliability } = event.data;
        view.sources.set(sourceId, {
          id: sourceId,
          kind,
          title,
          authors,
          issued,
          identifiers,
          details: details ?? {},
          reliability,
          registeredReliability: reliability,
          position: event.meta.position,
          appraisals: [],
          citations: [],
          provenance: provenanceOf(event.meta),
          revision: event.meta.revision,
        });
        return;
      }
      case 'SourceAppraised': {
        const source = view.sources.get(event.data.sourceId);
        if (!source) return;
        source.reliability = event.data.reliability;
        source.appraisals.push({ reliability: event.data.reliability, note: event.data.note, position: event.meta.position, provenance: provenanceOf(event.meta) });
        source.revision = event.meta.revision;
        return;
      }
      case 'EvidenceAttached': {
        const { evidenceId, questionId, claimId, stance, locator, sourceId, verification } = event.data;
        const citation: CitationView = { evidenceId, questionId, claimId, stance, locator, verification, withdrawn: false };
        view.sources.get(sourceId)?.citations.push(citation);
        view.citationByEvidence.set(evidenceId, citation);
        return;
      }
      case 'EvidenceVerified': {
        const citation = view.citationByEvidence.get(event.data.evidenceId);
        if (citation) citation.verification = event.data.verification;
        return;
      }
      case 'EvidenceWithdrawn': {
        const citation = view.citationByEvidence.get(event.data.evidenceId);
        if (citation) citation.withdrawn = true;
        return;
      }
      // Nothing a bibliography shows.
      case 'QuestionOpened':
      case 'QuestionReworded':
      case 'ProofStandardChanged':
      case 'ClaimProposed':
      case 'ClaimRevised':
      case 'ClaimRetracted':
      case 'ClaimsRelated':
      case 'ClaimRelatedToEvidence':
      case 'StanceRecorded':
      case 'QuestionResolved':
      case 'QuestionReopened':
      case 'PrincipalAdded':
      case 'PrincipalRoleChanged':
      case 'TokenCreated':
      case 'TokenRevoked':
        return;
      default:
        assertNever(event);
    }
  },
};
