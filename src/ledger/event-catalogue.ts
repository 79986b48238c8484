import { ACCOUNTS_EVENT_TYPES, type AccountsEvent } from '../accounts/accounts.events';
import type { JsonObject, RecordedEvent } from '../event-store/event-store.port';
import { DEFAULT_PROOF_STANDARD, QUESTION_EVENT_TYPES, type QuestionEvent } from './question/question.events';
import { SOURCE_EVENT_TYPES, type SourceEvent } from './source/source.events';

/**
 * The one catalogue of the ledger's event types. Every event is stored with `metadata.schemaVersion`;
 * when an event's shape changes, its version goes up and an upcaster from the old version is added
 * here, so every reader sees only the current shape.
 */
export type LedgerEvent = QuestionEvent | SourceEvent | AccountsEvent;
export type LedgerEventType = LedgerEvent['type'];

/** Event types whose shape changed, with their current version; every other type is at version 1. */
const CHANGED_VERSIONS: Partial<Record<LedgerEventType, number>> = { QuestionOpened: 2, ClaimProposed: 2, EvidenceAttached: 2, SourceRegistered: 2 };

export const CURRENT_SCHEMA_VERSION: Record<LedgerEventType, number> = Object.fromEntries(
  [...QUESTION_EVENT_TYPES, ...SOURCE_EVENT_TYPES, ...ACCOUNTS_EVENT_TYPES].map((type) => [type, CHANGED_VERSIONS[type] ?? 1]),
) as Record<LedgerEventType, number>;

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

export function isLedgerEventType(type: string): type is LedgerEventType {
  return Object.prototype.hasOwnProperty.call(CURRENT_SCHEMA_VERSION, type);
}

/** A stored ledger event in its current shape; null for events that are not the ledger's. */
export function toLedgerEvent(recorded: Pick<RecordedEvent, 'type' | 'data' | 'metadata'>): LedgerEvent | null {
  const data = currentData(recorded);
  return data === null ? null : ({ type: recorded.type, data } as unknown as LedgerEvent);
}

/** A stored ledger event's data in its current shape (upcast where it is older); null for events that are not the ledger's. */
export function currentData(recorded: Pick<RecordedEvent, 'type' | 'data' | 'metadata'>): JsonObject | null {
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

/** The id of what an event is about: the answer's `id` for the command that produced it. */
export function subjectIdOf(event: LedgerEvent): string {
  switch (event.type) {
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
      return event.data.questionId;
  }
}

export const questionStream = (questionId: string) => `question-${questionId}`;
export const sourceStream = (sourceId: string) => `source-${sourceId}`;
