import { assertNever } from '../../contract/assert-never';
import type { Projection } from '../projection';
import type { ProvenanceView } from '../../contract/event-metadata';
import { provenanceOf, SelfContainedEntries, shared } from '../projection';
import type {
  ClaimKind,
  ClaimRelation,
  Credibility,
  EvidenceRelation,
  EvidenceStance,
  Owner,
  Participant,
  ProofStandard,
  StanceKind,
  Verification,
} from '../../contract/question.events';

export interface ClaimTextVersion {
  text: string;
  /** Why it changed; null for the original wording. */
  reason: string | null;
  provenance: ProvenanceView;
}

export interface StanceView {
  participant: Participant;
  stance: StanceKind;
  confidence: number;
  provenance: ProvenanceView;
}

export interface ClaimView {
  id: string;
  questionId: string;
  kind: ClaimKind;
  text: string;
  /**
   * The verbatim passage of the text the claim paraphrases (a forum post, a letter), as proposed; null
   * when the claim is drawn from no text. A revision changes the paraphrase (`text`), never this.
   */
  passage: string | null;
  status: 'live' | 'retracted';
  owner: Owner;
  provenance: ProvenanceView;
  /** Every wording, oldest first; the last is the current text. */
  versions: ClaimTextVersion[];
  retraction: { reason: string; provenance: ProvenanceView } | null;
  /** The current stance of each participant (a later one supersedes an earlier one). */
  stances: StanceView[];
  /** The global position at which it was proposed: its immutable place in the question's lists (pages, the consensus). */
  position: bigint;
}

export interface RelationView {
  id: string;
  fromClaimId: string;
  toClaimId: string;
  relation: ClaimRelation;
  provenance: ProvenanceView;
}

/** A claim bearing on a piece of evidence (source criticism). */
export interface EvidenceRelationView {
  id: string;
  fromClaimId: string;
  toEvidenceId: string;
  relation: EvidenceRelation;
  provenance: ProvenanceView;
}

/** One step of a piece of evidence's verification: who read it, when, and what they noted. */
export interface VerificationStep {
  verification: Verification;
  /** Null for the attachment itself and for a raise given without a note. */
  note: string | null;
  provenance: ProvenanceView;
}

export interface EvidenceView {
  id: string;
  claimId: string;
  sourceId: string;
  stance: EvidenceStance;
  locator: string | null;
  quote: string | null;
  credibility: Credibility | null;
  /** The current verification: the last of `verifications`. */
  verification: Verification;
  /** The attachment's verification, then every raise, oldest first. */
  verifications: VerificationStep[];
  status: 'attached' | 'withdrawn';
  owner: Owner;
  provenance: ProvenanceView;
  withdrawal: { reason: string; provenance: ProvenanceView } | null;
}

export interface QuestionView {
  id: string;
  title: string;
  body: string;
  tags: string[];
  parentQuestionId: string | null;
  subQuestionIds: string[];
  status: 'open' | 'resolved';
  /** The proof standard in force: the one the question was opened with, or the last change. */
  proofStandard: ProofStandard;
  proofStandardChanges: { proofStandard: ProofStandard; reason: string; provenance: ProvenanceView }[];
  resolution: { summary: string; acceptedClaimIds: string[]; provenance: ProvenanceView } | null;
  provenance: ProvenanceView;
  rewordings: { title?: string; body?: string; reason: string; provenance: ProvenanceView }[];
  claims: Map<string, ClaimView>;
  /** Relations between claims; a `competes` relation is stored once and read both ways. */
  relations: RelationView[];
  /** Relations from claims to evidence. */
  evidenceRelations: EvidenceRelationView[];
  evidence: Map<string, EvidenceView>;
  /** The question stream's revision: what `If-Match` compares with. */
  revision: bigint;
  /** The global position at which it was opened: the questions list's immutable order. */
  firstPosition: bigint;
  lastPosition: bigint;
}

export interface QuestionsView {
  questions: Map<string, QuestionView>;
  claims: Map<string, ClaimView>;
}

/**
 * Questions with their claims, relations, evidence, stances and resolutions, as plain records. The
 * view keeps something of nearly every event, so it shares what recurs: one record per person
 * (owners, participants). Ids are not shared: looking them up costs a rebuild more than the memory
 * they take.
 */
export const questionsProjection: Projection<QuestionsView> = {
  name: 'questions',
  // 2: proof standards, verification and relations to evidence. 3: a claim's verbatim passage.
  // 4: the positions questions and claims were first recorded at (the order pages are cut in).
  version: 4,
  init: () => ({ questions: new Map(), claims: new Map() }),
  // The snapshot keeps the questions only: `claims` indexes the very records the questions hold, and
  // is rebuilt from them. A question shares no record with another (each event's provenance belongs
  // to one question; person records, shared for memory, are never changed), so its entries are
  // written self-contained (see SelfContainedEntries).
  toSnapshot: (view) => ({ questions: new SelfContainedEntries(view.questions) }),
  fromSnapshot(data) {
    const { questions, claims } = data as { questions: Map<string, QuestionView>; claims?: Map<string, ClaimView> };
    // A snapshot written before the index was left out has it: taken as it is.
    return { questions, claims: claims ?? claimIndex(questions) };
  },
  apply(view, event) {
    if (event.type === 'QuestionOpened') {
      const provenance = provenanceOf(event.meta);
      const { questionId, title, body, tags, parentQuestionId, proofStandard } = event.data;
      view.questions.set(questionId, {
        id: questionId,
        title,
        body,
        tags,
        parentQuestionId,
        subQuestionIds: [],
        status: 'open',
        proofStandard,
        proofStandardChanges: [],
        resolution: null,
        provenance,
        rewordings: [],
        claims: new Map(),
        relations: [],
        evidenceRelations: [],
        evidence: new Map(),
        revision: event.meta.revision,
        firstPosition: event.meta.position,
        lastPosition: event.meta.position,
      });
      if (parentQuestionId) view.questions.get(parentQuestionId)?.subQuestionIds.push(questionId);
      return;
    }
    if (!('questionId' in event.data)) return;
    const question = view.questions.get(event.data.questionId);
    if (!question) return;
    question.revision = event.meta.revision;
    question.lastPosition = event.meta.position;
    const provenance = provenanceOf(event.meta);

    switch (event.type) {
      case 'QuestionReworded': {
        const { title, body, reason } = event.data;
        question.rewordings.push({ ...(title !== undefined ? { title } : {}), ...(body !== undefined ? { body } : {}), reason, provenance });
        if (title !== undefined) question.title = title;
        if (body !== undefined) question.body = body;
        return;
      }
      case 'ProofStandardChanged': {
        const { proofStandard, reason } = event.data;
        question.proofStandard = proofStandard;
        question.proofStandardChanges.push({ proofStandard, reason, provenance });
        return;
      }
      case 'ClaimProposed': {
        const { claimId, kind, text, passage, owner } = event.data;
        const claim: ClaimView = {
          id: claimId,
          questionId: question.id,
          kind,
          text,
          passage,
          status: 'live',
          owner: shared(owner),
          provenance,
          versions: [{ text, reason: null, provenance }],
          retraction: null,
          stances: [],
          position: event.meta.position,
        };
        question.claims.set(claimId, claim);
        view.claims.set(claimId, claim);
        return;
      }
      case 'ClaimRevised': {
        const claim = question.claims.get(event.data.claimId);
        if (!claim) return;
        claim.text = event.data.text;
        claim.versions.push({ text: event.data.text, reason: event.data.reason, provenance });
        return;
      }
      case 'ClaimRetracted': {
        const claim = question.claims.get(event.data.claimId);
        if (!claim) return;
        claim.status = 'retracted';
        claim.retraction = { reason: event.data.reason, provenance };
        return;
      }
      case 'ClaimsRelated': {
        const { relationId, fromClaimId, toClaimId, relation } = event.data;
        question.relations.push({ id: relationId, fromClaimId: idOf(question.claims, fromClaimId), toClaimId: idOf(question.claims, toClaimId), relation, provenance });
        return;
      }
      case 'ClaimRelatedToEvidence': {
        const { relationId, fromClaimId, toEvidenceId, relation } = event.data;
        question.evidenceRelations.push({ id: relationId, fromClaimId: idOf(question.claims, fromClaimId), toEvidenceId: idOf(question.evidence, toEvidenceId), relation, provenance });
        return;
      }
      case 'EvidenceAttached': {
        const { evidenceId, claimId, sourceId, stance, locator, quote, credibility, verification, owner } = event.data;
        question.evidence.set(evidenceId, {
          id: evidenceId,
          claimId,
          sourceId,
          stance,
          locator,
          quote,
          credibility,
          verification,
          verifications: [{ verification, note: null, provenance }],
          status: 'attached',
          owner: shared(owner),
          provenance,
          withdrawal: null,
        });
        return;
      }
      case 'EvidenceVerified': {
        const evidence = question.evidence.get(event.data.evidenceId);
        if (!evidence) return;
        evidence.verification = event.data.verification;
        evidence.verifications.push({ verification: event.data.verification, note: event.data.note, provenance });
        return;
      }
      case 'EvidenceWithdrawn': {
        const evidence = question.evidence.get(event.data.evidenceId);
        if (!evidence) return;
        evidence.status = 'withdrawn';
        evidence.withdrawal = { reason: event.data.reason, provenance };
        return;
      }
      case 'StanceRecorded': {
        const claim = question.claims.get(event.data.claimId);
        if (!claim) return;
        const { participant, stance, confidence } = event.data;
        // A new array, never changed in place: the consensus engine tells a claim's stances changed by it.
        claim.stances = claim.stances.filter((s) => s.participant.id !== participant.id);
        claim.stances.push({ participant: shared(participant), stance, confidence, provenance });
        return;
      }
      case 'QuestionResolved':
        question.status = 'resolved';
        question.resolution = { summary: event.data.summary, acceptedClaimIds: event.data.acceptedClaimIds, provenance };
        return;
      case 'QuestionReopened':
        question.status = 'open';
        question.resolution = null;
        return;
      // Not about a question (they carry no questionId: returned above).
      case 'SourceRegistered':
      case 'SourceAppraised':
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

/** Every question's claims by id, in the order they were proposed (as the fold inserts them). */
function claimIndex(questions: Map<string, QuestionView>): Map<string, ClaimView> {
  const claims: ClaimView[] = [];
  for (const question of questions.values()) for (const claim of question.claims.values()) claims.push(claim);
  claims.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  const index = new Map<string, ClaimView>();
  for (const claim of claims) index.set(claim.id, claim);
  return index;
}

/**
 * The id string the view already holds for `id` (the claim's or evidence's own), so that a relation
 * keeps no second copy of an equal string: some 110 bytes a relation, tens of MB in a million events.
 */
function idOf(records: Map<string, { id: string }>, id: string): string {
  return records.get(id)?.id ?? id;
}
