import { provenanceOf, type Projection } from '../projection';

export type ContributionKind =
  | 'questions'
  | 'rewordings'
  | 'claims'
  | 'revisions'
  | 'retractions'
  | 'relations'
  | 'evidence'
  | 'withdrawals'
  | 'stances'
  | 'resolutions'
  | 'sources'
  | 'appraisals';

const KIND_OF_EVENT: Record<string, ContributionKind> = {
  QuestionOpened: 'questions',
  QuestionReworded: 'rewordings',
  ClaimProposed: 'claims',
  ClaimRevised: 'revisions',
  ClaimRetracted: 'retractions',
  ClaimsRelated: 'relations',
  EvidenceAttached: 'evidence',
  EvidenceWithdrawn: 'withdrawals',
  StanceRecorded: 'stances',
  QuestionResolved: 'resolutions',
  QuestionReopened: 'resolutions',
  SourceRegistered: 'sources',
  SourceAppraised: 'appraisals',
};

export interface ParticipantView {
  name: string;
  /** What this person said, as the historical author (`attributedTo`), by kind. */
  attributed: Partial<Record<ContributionKind, number>>;
  /** What this person entered into the ledger (`recordedBy`), by kind. */
  recorded: Partial<Record<ContributionKind, number>>;
  affiliations: string[];
  /** Questions this person contributed to, in either role, in the order of their first contribution. */
  questionIds: Set<string>;
  /** Who recorded this person's words, when someone else did. */
  recordedByOthers: string[];
  firstOccurredAt: string;
  lastOccurredAt: string;
}

export interface ParticipantsView {
  byName: Map<string, ParticipantView>;
}

/** Who contributed what: as the author of what was said, and as the one who recorded it. */
export const participantsProjection: Projection<ParticipantsView> = {
  name: 'participants',
  version: 2,
  init: () => ({ byName: new Map() }),
  apply(view, event) {
    const kind = KIND_OF_EVENT[event.type];
    if (!kind) return;
    const provenance = provenanceOf(event.meta);
    const questionId = (event.data as { questionId?: string }).questionId;
    const author = participant(view, provenance.attributedTo.name, provenance.occurredAt);
    author.attributed[kind] = (author.attributed[kind] ?? 0) + 1;
    const affiliation = provenance.attributedTo.affiliation;
    if (affiliation && !author.affiliations.includes(affiliation)) author.affiliations.push(affiliation);

    const recorder = provenance.recordedBy.name === author.name ? author : participant(view, provenance.recordedBy.name, provenance.occurredAt);
    recorder.recorded[kind] = (recorder.recorded[kind] ?? 0) + 1;
    if (questionId !== undefined) {
      author.questionIds.add(questionId);
      if (recorder !== author) recorder.questionIds.add(questionId);
    }
    if (recorder !== author && !author.recordedByOthers.includes(recorder.name)) author.recordedByOthers.push(recorder.name);
  },
};

function participant(view: ParticipantsView, name: string, occurredAt: string): ParticipantView {
  let found = view.byName.get(name);
  if (!found) {
    found = { name, attributed: {}, recorded: {}, affiliations: [], questionIds: new Set(), recordedByOthers: [], firstOccurredAt: occurredAt, lastOccurredAt: occurredAt };
    view.byName.set(name, found);
  }
  if (occurredAt < found.firstOccurredAt) found.firstOccurredAt = occurredAt;
  if (occurredAt > found.lastOccurredAt) found.lastOccurredAt = occurredAt;
  return found;
}
