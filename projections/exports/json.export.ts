import type { ProvenanceView } from '../projection';
import type { Reliability, SourceIdentifiers, SourceKind } from '../../src/ledger/source/source.events';
import { formatCitation } from './citation';
import type { ClaimLabelForExport, DisagreementForExport, ExportInput } from './export-input';
import { claimsOf, consensusOf, evidenceOf, labelOf, numberItems, referencedSourceIds } from './ledger-items';
import { resolutionAgreement } from './resolution-agreement';

export const CONSENSUS_JSON_FORMAT = 'claims-ledger/consensus-export@1';

/** The JSON export: plain data only (no Map, no bigint), so `JSON.stringify` gives it whole. */
export interface ConsensusJson {
  format: typeof CONSENSUS_JSON_FORMAT;
  question: {
    id: string;
    title: string;
    body: string;
    tags: string[];
    parentQuestionId: string | null;
    subQuestions: { id: string; title: string; status: 'open' | 'resolved' }[];
    /** The moderation state: whether a moderator has resolved it. */
    status: 'open' | 'resolved';
    /** The question stream's revision the export was made from, as a decimal string. */
    revision: string;
    provenance: ProvenanceView;
    resolution: {
      summary: string;
      acceptedClaimIds: string[];
      agrees: boolean | null;
      disagreements: DisagreementForExport[];
      provenance: ProvenanceView;
    } | null;
  };
  consensus: { status: 'open' | 'answered' | 'contested'; asOf: string | null };
  claims: {
    id: string;
    number: string;
    kind: string;
    text: string;
    status: 'live' | 'retracted';
    label: ClaimLabelForExport | null;
    strength: number | null;
    grounded: 'in' | 'out' | 'undec' | null;
    explanation: string | null;
    provenance: ProvenanceView;
    versions: { text: string; reason: string | null; provenance: ProvenanceView }[];
    retraction: { reason: string; provenance: ProvenanceView } | null;
  }[];
  relations: { id: string; fromClaimId: string; toClaimId: string; relation: string; provenance: ProvenanceView }[];
  evidence: {
    id: string;
    number: string;
    claimId: string;
    sourceId: string;
    stance: string;
    locator: string | null;
    quote: string | null;
    credibility: number | null;
    status: 'attached' | 'withdrawn';
    provenance: ProvenanceView;
    withdrawal: { reason: string; provenance: ProvenanceView } | null;
  }[];
  sources: {
    id: string;
    kind: SourceKind;
    title: string;
    authors: string[];
    issued: string | null;
    identifiers: SourceIdentifiers;
    reliability: Reliability | null;
    citation: string;
  }[];
}

/** The consensus view of one question with its metadata, claims, relations, evidence and sources. */
export function toJson(input: ExportInput): ConsensusJson {
  const q = input.question;
  const numbers = numberItems(input);
  const agreement = resolutionAgreement(input);
  return {
    format: CONSENSUS_JSON_FORMAT,
    question: {
      id: q.id,
      title: q.title,
      body: q.body,
      tags: [...q.tags],
      parentQuestionId: q.parentQuestionId,
      subQuestions: input.subQuestions.map((s) => ({ id: s.id, title: s.title, status: s.status })),
      status: q.status,
      revision: q.revision.toString(),
      provenance: copy(q.provenance),
      resolution: q.resolution && {
        summary: q.resolution.summary,
        acceptedClaimIds: [...q.resolution.acceptedClaimIds],
        agrees: agreement.agrees,
        disagreements: agreement.disagreements,
        provenance: copy(q.resolution.provenance),
      },
    },
    consensus: { status: input.consensus.status, asOf: input.consensus.asOf ?? null },
    claims: claimsOf(input).map((c) => {
      const consensus = consensusOf(input, c.id);
      return {
        id: c.id,
        number: numbers.claim(c.id),
        kind: c.kind,
        text: c.text,
        status: c.status,
        label: labelOf(input, c),
        strength: consensus?.strength ?? null,
        grounded: consensus?.grounded ?? null,
        explanation: consensus?.explanation ?? null,
        provenance: copy(c.provenance),
        versions: c.versions.map((v) => ({ text: v.text, reason: v.reason, provenance: copy(v.provenance) })),
        retraction: c.retraction && { reason: c.retraction.reason, provenance: copy(c.retraction.provenance) },
      };
    }),
    relations: q.relations.map((r) => ({ id: r.id, fromClaimId: r.fromClaimId, toClaimId: r.toClaimId, relation: r.relation, provenance: copy(r.provenance) })),
    evidence: evidenceOf(input).map((e) => ({
      id: e.id,
      number: numbers.evidence(e.id),
      claimId: e.claimId,
      sourceId: e.sourceId,
      stance: e.stance,
      locator: e.locator,
      quote: e.quote,
      credibility: e.credibility,
      status: e.status,
      provenance: copy(e.provenance),
      withdrawal: e.withdrawal && { reason: e.withdrawal.reason, provenance: copy(e.withdrawal.provenance) },
    })),
    sources: referencedSourceIds(input).flatMap((id) => {
      const s = input.sources.get(id);
      if (!s) return [];
      return [{ id: s.id, kind: s.kind, title: s.title, authors: [...s.authors], issued: s.issued, identifiers: copy(s.identifiers), reliability: s.reliability, citation: formatCitation(s) }];
    }),
  };
}

/** A deep copy, so that the export shares no object with the live view a projection keeps updating. */
function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
