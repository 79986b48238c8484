import type { Projection } from '../projection';
import { provenanceOf, shared, type ProvenanceView } from '../projection';
import type {
  ClaimKind,
  ClaimRelation,
  Credibility,
  EvidenceStance,
  Owner,
  Participant,
  StanceKind,
} from '../../src/ledger/question/question.events';

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
  status: 'live' | 'retracted';
  owner: Owner;
  provenance: ProvenanceView;
  /** Every wording, oldest first; the last is the current text. */
  versions: ClaimTextVersion[];
  retraction: { reason: string; provenance: ProvenanceView } | null;
  /** The current stance of each participant (a later one supersedes an earlier one). */
  stances: StanceView[];
}

export interface RelationView {
  id: string;
  fromClaimId: string;
  toClaimId: string;
  relation: ClaimRelation;
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
  resolution: { summary: string; acceptedClaimIds: string[]; provenance: ProvenanceView } | null;
  provenance: ProvenanceView;
  rewordings: { title?: string; body?: string; reason: string; provenance: ProvenanceView }[];
  claims: Map<string, ClaimView>;
  relations: RelationView[];
  evidence: Map<string, EvidenceView>;
  /** The question stream's revision: what `If-Match` compares with. */
  revision: bigint;
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
  version: 1,
  init: () => ({ questions: new Map(), claims: new Map() }),
  apply(view, event) {
    if (event.type === 'QuestionOpened') {
      const provenance = provenanceOf(event.meta);
      const { questionId, title, body, tags, parentQuestionId } = event.data;
      view.questions.set(questionId, {
        id: questionId,
        title,
        body,
        tags,
        parentQuestionId,
        subQuestionIds: [],
        status: 'open',
        resolution: null,
        provenance,
        rewordings: [],
        claims: new Map(),
        relations: [],
        evidence: new Map(),
        revision: event.meta.revision,
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
      case 'ClaimProposed': {
        const { claimId, kind, text, owner } = event.data;
        const claim: ClaimView = {
          id: claimId,
          questionId: question.id,
          kind,
          text,
          status: 'live',
          owner: shared(owner),
          provenance,
          versions: [{ text, reason: null, provenance }],
          retraction: null,
          stances: [],
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
        question.relations.push({ id: relationId, fromClaimId, toClaimId, relation, provenance });
        return;
      }
      case 'EvidenceAttached': {
        const { evidenceId, claimId, sourceId, stance, locator, quote, credibility, owner } = event.data;
        question.evidence.set(evidenceId, {
          id: evidenceId,
          claimId,
          sourceId,
          stance,
          locator,
          quote,
          credibility,
          status: 'attached',
          owner: shared(owner),
          provenance,
          withdrawal: null,
        });
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
    }
  },
};

