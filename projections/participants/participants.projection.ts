import type { LedgerEventType } from '../../contract/event-catalogue';
import { provenanceOf, type Projection } from '../projection';

export type ContributionKind =
  | 'questions'
  | 'rewordings'
  | 'claims'
  | 'revisions'
  | 'retractions'
  | 'relations'
  | 'evidence'
  | 'verifications'
  | 'withdrawals'
  | 'stances'
  | 'resolutions'
  | 'proofStandards'
  | 'sources'
  | 'appraisals';

/** What each event type counts as; null for what is no contribution. Every type is named: a new one does not compile until it says. */
const KIND_OF_EVENT: Readonly<Record<LedgerEventType, ContributionKind | null>> = {
  QuestionOpened: 'questions',
  QuestionReworded: 'rewordings',
  ProofStandardChanged: 'proofStandards',
  ClaimProposed: 'claims',
  ClaimRevised: 'revisions',
  ClaimRetracted: 'retractions',
  ClaimsRelated: 'relations',
  ClaimRelatedToEvidence: 'relations',
  EvidenceAttached: 'evidence',
  EvidenceVerified: 'verifications',
  EvidenceWithdrawn: 'withdrawals',
  StanceRecorded: 'stances',
  QuestionResolved: 'resolutions',
  QuestionReopened: 'resolutions',
  SourceRegistered: 'sources',
  SourceAppraised: 'appraisals',
  // Accounts are who may write, not what was said.
  PrincipalAdded: null,
  PrincipalRoleChanged: null,
  TokenCreated: null,
  TokenRevoked: null,
};

export interface ParticipantView {
  name: string;
  /** What this person said, as the historical author (`attributedTo`), by kind (0 for none). */
  attributed: Record<ContributionKind, number>;
  /** What this person entered into the ledger (`recordedBy`), by kind (0 for none). */
  recorded: Record<ContributionKind, number>;
  affiliations: string[];
  /**
   * The questions this person contributed to, in either role: bit i stands for `questionIds[i]` of the
   * view (`questionsOf` reads them). A bit set is a few cache lines however busy the person; a set of ids
   * per person cost a rebuild more than any other part of this view.
   */
  questionBits: number[];
  /** Who recorded this person's words, when someone else did. */
  recordedByOthers: string[];
  firstOccurredAt: string;
  lastOccurredAt: string;
  /**
   * The global position of the event that first named this person: the list's immutable order
   * (with the name as tie-break, for an author and a recorder first named by one event), so a page
   * cursor keeps its place however many people are named after it.
   */
  firstPosition: bigint;
}

export interface ParticipantsView {
  byName: Map<string, ParticipantView>;
  /** Every question anyone contributed to, in the order of the first contribution, and its index. */
  questionIds: string[];
  questionIndex: Map<string, number>;
}

/** Who contributed what: as the author of what was said, and as the one who recorded it. */
export const participantsProjection: Projection<ParticipantsView> = {
  name: 'participants',
  // 5: firstPosition.
  version: 5,
  init: () => ({ byName: new Map(), questionIds: [], questionIndex: new Map() }),
  apply(view, event) {
    const kind = KIND_OF_EVENT[event.type];
    if (!kind) return;
    const provenance = provenanceOf(event.meta);
    const questionId = (event.data as { questionId?: string }).questionId;
    const author = participant(view, provenance.attributedTo.name, provenance.occurredAt, event.meta.position);
    author.attributed[kind]++;
    const affiliation = provenance.attributedTo.affiliation;
    if (affiliation && !author.affiliations.includes(affiliation)) author.affiliations.push(affiliation);

    const recorder = provenance.recordedBy.name === author.name ? author : participant(view, provenance.recordedBy.name, provenance.occurredAt, event.meta.position);
    recorder.recorded[kind]++;
    if (questionId !== undefined) {
      let index = view.questionIndex.get(questionId);
      if (index === undefined) {
        index = view.questionIds.push(questionId) - 1;
        view.questionIndex.set(questionId, index);
      }
      setBit(author.questionBits, index);
      setBit(recorder.questionBits, index);
    }
    if (recorder !== author && !author.recordedByOthers.includes(recorder.name)) author.recordedByOthers.push(recorder.name);
  },
};

function participant(view: ParticipantsView, name: string, occurredAt: string, position: bigint): ParticipantView {
  let found = view.byName.get(name);
  if (!found) {
    found = { name, attributed: noContributions(), recorded: noContributions(), affiliations: [], questionBits: [], recordedByOthers: [], firstOccurredAt: occurredAt, lastOccurredAt: occurredAt, firstPosition: position };
    view.byName.set(name, found);
  }
  // Stored dates compare as strings in time order: a partial date ("1947-02") is a prefix of the
  // instants within it and so sorts at its start, as occurredStart does.
  if (occurredAt < found.firstOccurredAt) found.firstOccurredAt = occurredAt;
  if (occurredAt > found.lastOccurredAt) found.lastOccurredAt = occurredAt;
  return found;
}

/**
 * Every kind at 0, always in the same order: counts of one shape, which V8 reads and writes as fast as
 * fields (counts that gained their kinds in the order events came would each have a shape of its own).
 */
function noContributions(): Record<ContributionKind, number> {
  return { questions: 0, rewordings: 0, claims: 0, revisions: 0, retractions: 0, relations: 0, evidence: 0, verifications: 0, withdrawals: 0, stances: 0, resolutions: 0, proofStandards: 0, sources: 0, appraisals: 0 };
}

/** The kinds a person contributed, without the zeros: what the participants list shows. */
export function contributedKinds(counts: Record<ContributionKind, number>): Partial<Record<ContributionKind, number>> {
  return Object.fromEntries(Object.entries(counts).filter(([, count]) => count > 0));
}

function setBit(bits: number[], index: number): void {
  const word = index >>> 5;
  while (bits.length <= word) bits.push(0);
  bits[word]! |= 1 << (index & 31);
}

/** The questions a person contributed to, in either role, in the order anyone first contributed to them. */
export function questionsOf(view: ParticipantsView, questionBits: readonly number[]): string[] {
  const ids: string[] = [];
  questionBits.forEach((word, w) => {
    for (let bit = 0; bit < 32; bit++) if (word & (1 << bit)) ids.push(view.questionIds[w * 32 + bit]!);
  });
  return ids;
}
