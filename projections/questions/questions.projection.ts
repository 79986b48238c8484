import { assertNever } from '../../contract/assert-never';
import type { Projection } from '../projection';
import { provenanceOf, stepsDone, shared } from '../projection';
import type { ClaimView, QuestionView, QuestionsView } from './question-views';
import { questionsFromSnapshot, questionsToSnapshot } from './questions-snapshot';

export type {
  ClaimTextVersion,
  ClaimView,
  EvidenceRelationView,
  EvidenceView,
  QuestionView,
  QuestionsView,
  RelationView,
  StanceView,
  VerificationStep,
} from './question-views';

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
  // to one question; person records, shared for memory, are never changed), so each is written on
  // its own, as a stream of primitives (questions-snapshot.ts: no object for the serializer to
  // remember); a snapshot written before holds QuestionView records, read as they are.
  toSnapshot: (view) => ({ questions: questionsToSnapshot(view.questions) }),
  fromSnapshot: (data) => stepsDone(restoreQuestions(data)),
  restoreInSteps: (data) => restoreQuestions(data),
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

/** The view from its snapshot, a step at a time (restoreInSteps). */
function* restoreQuestions(data: unknown): Generator<void, QuestionsView, void> {
  const snapshot = data as { questions: Map<string, unknown>; claims?: Map<string, ClaimView> };
  const questions = yield* questionsFromSnapshot(snapshot.questions);
  // A snapshot written before the index was left out has it: taken as it is.
  return { questions, claims: snapshot.claims ?? (yield* claimIndex(questions)) };
}

/** Every question's claims by id, in the order they were proposed (as the fold inserts them). */
function* claimIndex(questions: Map<string, QuestionView>): Generator<void, Map<string, ClaimView>, void> {
  // Each question's claims are already in proposal order (the fold inserts them so): a merge of
  // those lists, by a min-heap of their heads, rather than a sort of every claim by its bigint
  // position (half the restore's time at a million events, on the event loop in one go).
  const lists = [...questions.values()].map((question) => [...question.claims.values()]).filter((list) => list.length > 0);
  const next = lists.map(() => 0);
  const key = (list: number) => Number(lists[list]![next[list]!]!.position);
  const heap: number[] = [];
  const keys: number[] = [];
  const swap = (i: number, j: number) => {
    [heap[i], heap[j]] = [heap[j]!, heap[i]!];
    [keys[i], keys[j]] = [keys[j]!, keys[i]!];
  };
  const down = (from: number) => {
    for (let i = from; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < heap.length && keys[left]! < keys[least]!) least = left;
      if (right < heap.length && keys[right]! < keys[least]!) least = right;
      if (least === i) return;
      swap(i, least);
      i = least;
    }
  };
  lists.forEach((_, list) => {
    heap.push(list);
    keys.push(key(list));
  });
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  const index = new Map<string, ClaimView>();
  while (heap.length > 0) {
    const list = heap[0]!;
    const claim = lists[list]![next[list]!++]!;
    index.set(claim.id, claim);
    if ((index.size & 4095) === 0) yield;
    if (next[list]! < lists[list]!.length) {
      keys[0] = key(list);
    } else {
      heap[0] = heap[heap.length - 1]!;
      keys[0] = keys[keys.length - 1]!;
      heap.pop();
      keys.pop();
    }
    if (heap.length > 0) down(0);
  }
  return index;
}

/**
 * The id string the view already holds for `id` (the claim's or evidence's own), so that a relation
 * keeps no second copy of an equal string: some 110 bytes a relation, tens of MB in a million events.
 */
function idOf(records: Map<string, { id: string }>, id: string): string {
  return records.get(id)?.id ?? id;
}
