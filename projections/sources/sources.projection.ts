import { assertNever } from '../../contract/assert-never';
import type { Projection } from '../projection';
import { provenanceOf, stepsDone } from '../projection';
import type { CitationView, SourcesView } from './source-views';
import { sourcesFromSnapshot, sourcesToSnapshot } from './sources-snapshot';

export type { CitationView, SourceView, SourcesView } from './source-views';

/** The bibliography: every registered source, its appraisals, and where it is cited. */
export const sourcesProjection: Projection<SourcesView> = {
  name: 'sources',
  // 3: bibliographic details.
  version: 3,
  init: () => ({ sources: new Map(), citationByEvidence: new Map() }),
  // Streamed into the snapshot (sources-snapshot.ts): its citations are most of the file after the questions.
  toSnapshot: sourcesToSnapshot,
  fromSnapshot: (data) => stepsDone(sourcesFromSnapshot(data)),
  restoreInSteps: sourcesFromSnapshot,
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
