import type { AccountsEvent } from './accounts.events';
import { assertNever } from './assert-never';
import type { JsonObject } from './json';
import { DEFAULT_PROOF_STANDARD, type QuestionEvent, type QuestionEventType } from './question.events';
import type { SourceEvent } from './source.events';

/**
 * The one catalogue of the ledger's event types. Every event is stored with `metadata.schemaVersion`;
 * when an event's shape changes, its version goes up and an upcaster from the old version is added
 * here, so every reader sees only the current shape.
 */
export type LedgerEvent = QuestionEvent | SourceEvent | AccountsEvent;
export type LedgerEventType = LedgerEvent['type'];

/** What the catalogue reads of a stored event: its type, its data as stored and its metadata (for the version). */
export interface StoredEventShape {
  type: string;
  data: JsonObject;
  metadata: JsonObject;
}

/**
 * Every event type with its current schema version: the one list of the ledger's event types (a type
 * missing here would not compile, and a stored event of a type not here is not the ledger's).
 */
export const CURRENT_SCHEMA_VERSION: Readonly<Record<LedgerEventType, number>> = {
  QuestionOpened: 2,
  QuestionReworded: 1,
  ProofStandardChanged: 1,
  ClaimProposed: 2,
  ClaimRevised: 1,
  ClaimRetracted: 1,
  ClaimsRelated: 1,
  ClaimRelatedToEvidence: 1,
  EvidenceAttached: 2,
  EvidenceVerified: 1,
  EvidenceWithdrawn: 1,
  StanceRecorded: 1,
  QuestionResolved: 1,
  QuestionReopened: 1,
  SourceRegistered: 2,
  SourceAppraised: 1,
  PrincipalAdded: 1,
  PrincipalRoleChanged: 1,
  TokenCreated: 1,
  TokenRevoked: 1,
};

/** Upcasters by event type and the version they upgrade from. */
const UPCASTERS: Partial<Record<LedgerEventType, Record<number, (data: JsonObject) => JsonObject>>> = {
  // Questions opened before proof standards were labelled under the default one.
  QuestionOpened: { 1: (data) => ({ ...data, proofStandard: DEFAULT_PROOF_STANDARD }) },
  // Claims proposed before passages were kept: the record holds no verbatim passage for them.
  ClaimProposed: { 1: (data) => ({ ...data, passage: null }) },
  // Evidence attached before verification was recorded: nothing says anybody read it.
  EvidenceAttached: { 1: (data) => ({ ...data, verification: 'cited' }) },
  // Sources registered before bibliographic details were kept: the record holds none for them.
  SourceRegistered: { 1: (data) => ({ ...data, details: {} }) },
};

/** The question events' types: a record, so that a new question event type does not compile until it is listed. */
const QUESTION_EVENT_TYPES: Readonly<Record<QuestionEventType, true>> = {
  QuestionOpened: true,
  QuestionReworded: true,
  ProofStandardChanged: true,
  ClaimProposed: true,
  ClaimRevised: true,
  ClaimRetracted: true,
  ClaimsRelated: true,
  ClaimRelatedToEvidence: true,
  EvidenceAttached: true,
  EvidenceVerified: true,
  EvidenceWithdrawn: true,
  StanceRecorded: true,
  QuestionResolved: true,
  QuestionReopened: true,
};

/** Whether an event is one of a question's own stream (narrows it, metadata and all, to those types). */
export function isQuestionEvent<E extends LedgerEvent>(event: E): event is Extract<E, QuestionEvent> {
  return Object.prototype.hasOwnProperty.call(QUESTION_EVENT_TYPES, event.type);
}

export function isLedgerEventType(type: string): type is LedgerEventType {
  return Object.prototype.hasOwnProperty.call(CURRENT_SCHEMA_VERSION, type);
}

/** A stored ledger event in its current shape; null for events that are not the ledger's. */
export function toLedgerEvent(recorded: StoredEventShape): LedgerEvent | null {
  const data = currentData(recorded);
  return data === null ? null : ({ type: recorded.type, data } as unknown as LedgerEvent);
}

/** A stored ledger event's data in its current shape (upcast where it is older); null for events that are not the ledger's. */
export function currentData(recorded: StoredEventShape): JsonObject | null {
  if (!isLedgerEventType(recorded.type)) return null;
  const target = CURRENT_SCHEMA_VERSION[recorded.type];
  const stored = recorded.metadata.schemaVersion;
  let version = typeof stored === 'number' ? stored : 1;
  let data = recorded.data;
  while (version < target) {
    const upcast = UPCASTERS[recorded.type]?.[version];
    if (!upcast) throw new Error(`No upcaster for ${recorded.type} from version ${version}`);
    data = upcast(data);
    version++;
  }
  return data;
}

/**
 * The id of what an event is about: the answer's `id` for the command that produced it. Every type is
 * named (no `default`), so a new event type does not compile until it says what it is about.
 */
export function subjectIdOf(event: LedgerEvent): string {
  switch (event.type) {
    case 'QuestionOpened':
    case 'QuestionReworded':
    case 'ProofStandardChanged':
    case 'QuestionResolved':
    case 'QuestionReopened':
      return event.data.questionId;
    case 'ClaimProposed':
    case 'ClaimRevised':
    case 'ClaimRetracted':
    case 'StanceRecorded':
      return event.data.claimId;
    case 'ClaimsRelated':
    case 'ClaimRelatedToEvidence':
      return event.data.relationId;
    case 'EvidenceAttached':
    case 'EvidenceVerified':
    case 'EvidenceWithdrawn':
      return event.data.evidenceId;
    case 'SourceRegistered':
    case 'SourceAppraised':
      return event.data.sourceId;
    case 'TokenCreated':
    case 'TokenRevoked':
      return event.data.tokenId;
    case 'PrincipalAdded':
    case 'PrincipalRoleChanged':
      return event.data.principalId;
    default:
      return assertNever(event);
  }
}

export const questionStream = (questionId: string) => `question-${questionId}`;
export const sourceStream = (sourceId: string) => `source-${sourceId}`;
