import type { ProvenanceView } from '../../contract/event-metadata';
import type { Reliability, SourceIdentifiers, SourceKind } from '../../contract/source.events';
import { formatCitation } from './citation';
import type { ProofStandard, Verification } from '../../contract/question.events';
import type { ClaimLabelForExport, DisagreementForExport, ExportInput, QuestionStatusForExport, StancesForExport } from './export-input';
import { claimsOf, consensusOf, evidenceOf, labelOf, numberItems, referencedSourceIds, stancesOf } from './ledger-items';
import { resolutionAgreement } from './resolution-agreement';

/**
 * @2: labels corroborated / unverified / contested / refuted / open / retracted, `grounded` a
 * boolean beside the dialectical status, a reading and stances per claim, evidence verification,
 * relations to evidence and `competes`, the proof standard; each claim's verbatim `passage` (added
 * later, without a new version: a field more, nothing changed or taken away).
 */
export const CONSENSUS_JSON_FORMAT = 'claims-ledger/consensus-export@2';

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
    /** The proof standard in force now, and how it came to be. */
    proofStandard: ProofStandard;
    proofStandardChanges: { proofStandard: ProofStandard; reason: string; provenance: ProvenanceView }[];
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
  /** The computed status, and the proof standard its labels were computed under. */
  consensus: { status: QuestionStatusForExport; proofStandard: ProofStandard; asOf: string | null };
  claims: {
    id: string;
    number: string;
    kind: string;
    /** The paraphrase (the current wording). */
    text: string;
    /** The verbatim passage of the text it paraphrases (a forum post, a letter); null when drawn from no text. */
    passage: string | null;
    status: 'live' | 'retracted';
    /** `open` and `unverified` mean not established: nothing in the record confirms the claim. */
    label: ClaimLabelForExport | null;
    strength: number | null;
    /** Whether its support bottoms out in examined evidence; null when not assessed. */
    grounded: boolean | null;
    /** Over defeats: in (undefeated), out (defeated), undec; null when retracted or not assessed. */
    dialecticalStatus: 'in' | 'out' | 'undec' | null;
    /** One sentence for a historian: what the label means for this claim. */
    reading: string | null;
    /** Shown beside the label; they never move the strength. */
    stances: StancesForExport;
    /** Cited references on it nobody has examined yet; null when not assessed. */
    leads: number | null;
    provenance: ProvenanceView;
    versions: { text: string; reason: string | null; provenance: ProvenanceView }[];
    retraction: { reason: string; provenance: ProvenanceView } | null;
  }[];
  /** Between claims; `competes` is symmetric, stored once. */
  relations: { id: string; fromClaimId: string; toClaimId: string; relation: string; provenance: ProvenanceView }[];
  /** From a claim to a piece of evidence (source criticism). */
  evidenceRelations: { id: string; fromClaimId: string; toEvidenceId: string; relation: string; provenance: ProvenanceView }[];
  evidence: {
    id: string;
    number: string;
    claimId: string;
    sourceId: string;
    stance: string;
    locator: string | null;
    quote: string | null;
    credibility: number | null;
    /** cited: a lead nobody has examined, with no weight; examined; transcribed. */
    verification: Verification;
    /** The attachment's verification, then every raise, oldest first. */
    verifications: { verification: Verification; note: string | null; provenance: ProvenanceView }[];
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
      proofStandard: q.proofStandard,
      proofStandardChanges: q.proofStandardChanges.map((c) => ({ proofStandard: c.proofStandard, reason: c.reason, provenance: copy(c.provenance) })),
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
    consensus: { status: input.consensus.status, proofStandard: input.consensus.proofStandard ?? q.proofStandard, asOf: input.consensus.asOf ?? null },
    claims: claimsOf(input).map((c) => {
      const consensus = consensusOf(input, c.id);
      return {
        id: c.id,
        number: numbers.claim(c.id),
        kind: c.kind,
        text: c.text,
        passage: c.passage,
        status: c.status,
        label: labelOf(input, c),
        strength: consensus?.strength ?? null,
        grounded: consensus?.grounded ?? null,
        dialecticalStatus: consensus?.status ?? null,
        reading: consensus?.reading ?? null,
        stances: { ...stancesOf(input, c) },
        leads: consensus?.leads ?? null,
        provenance: copy(c.provenance),
        versions: c.versions.map((v) => ({ text: v.text, reason: v.reason, provenance: copy(v.provenance) })),
        retraction: c.retraction && { reason: c.retraction.reason, provenance: copy(c.retraction.provenance) },
      };
    }),
    relations: q.relations.map((r) => ({ id: r.id, fromClaimId: r.fromClaimId, toClaimId: r.toClaimId, relation: r.relation, provenance: copy(r.provenance) })),
    evidenceRelations: q.evidenceRelations.map((r) => ({ id: r.id, fromClaimId: r.fromClaimId, toEvidenceId: r.toEvidenceId, relation: r.relation, provenance: copy(r.provenance) })),
    evidence: evidenceOf(input).map((e) => ({
      id: e.id,
      number: numbers.evidence(e.id),
      claimId: e.claimId,
      sourceId: e.sourceId,
      stance: e.stance,
      locator: e.locator,
      quote: e.quote,
      credibility: e.credibility,
      verification: e.verification,
      verifications: e.verifications.map((v) => ({ verification: v.verification, note: v.note, provenance: copy(v.provenance) })),
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
