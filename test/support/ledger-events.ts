import type { EventMeta, ProjectedEvent } from '../../projections/projection';

/**
 * Small typed builders of the ledger's events for tests: the ids a test cares about are required,
 * every other field has a plain default. The event types are read off what projections are fed
 * (`ProjectedEvent`), so they follow the event contract wherever it lives.
 */

/** A ledger event without its place in the log. */
export type LedgerEventLike = ProjectedEvent extends infer E ? (E extends { meta: EventMeta } ? Omit<E, 'meta'> : never) : never;
export type EventType = LedgerEventLike['type'];
export type DataOf<T extends EventType> = Extract<LedgerEventLike, { type: T }>['data'];

/** Who said it, when and where, when not the one recording it at the time of recording. */
export interface Said {
  by?: { name: string; affiliation?: string; location?: string };
  /** An instant or a partial date (`1947`, `1947-02`, `1947-02-10`), kept as given. */
  at?: string;
  /** The source the words were said in. */
  in?: string | null;
}

/** An event as a spec is given it: the event, perhaps who said it, perhaps more metadata (a command id). */
export type GivenEvent = LedgerEventLike & { said?: Said; metadata?: Record<string, string | number | boolean | null> };

export const OWNER = { id: 'user-1', name: 'Test User' };

/** The event, said by someone else, at another time or in a source. */
export const said = <E extends GivenEvent>(event: E, by: Said): E => ({ ...event, said: { ...event.said, ...by } });

/** The event, written by a command sent with an idempotency key. */
export const keyed = <E extends GivenEvent>(event: E, commandId: string, requestHash = `hash-of-${commandId}`): E => ({
  ...event,
  metadata: { ...event.metadata, commandId, requestHash },
});

function build<T extends EventType>(type: T, data: DataOf<T>, by?: Said): GivenEvent {
  return { type, data, ...(by ? { said: by } : {}) } as GivenEvent;
}

type With<T extends EventType, Required extends keyof DataOf<T>> = Pick<DataOf<T>, Required> & Partial<DataOf<T>>;

export const questionOpened = (data: With<'QuestionOpened', 'questionId'>, by?: Said) =>
  build('QuestionOpened', { title: `Question ${data.questionId}`, body: '', tags: [], parentQuestionId: null, proofStandard: 'preponderance', ...data }, by);

export const questionReworded = (data: With<'QuestionReworded', 'questionId'>, by?: Said) =>
  build('QuestionReworded', { reason: 'clearer', ...data }, by);

export const proofStandardChanged = (data: With<'ProofStandardChanged', 'questionId' | 'proofStandard'>, by?: Said) =>
  build('ProofStandardChanged', { reason: 'the moderator asks for more', ...data }, by);

export const claimProposed = (data: With<'ClaimProposed', 'questionId' | 'claimId'>, by?: Said) =>
  build('ClaimProposed', { text: `Claim ${data.claimId}`, passage: null, kind: 'hypothesis', owner: OWNER, ...data }, by);

export const claimRevised = (data: With<'ClaimRevised', 'questionId' | 'claimId' | 'text'>, by?: Said) =>
  build('ClaimRevised', { reason: 'clarified', ...data }, by);

export const claimRetracted = (data: With<'ClaimRetracted', 'questionId' | 'claimId'>, by?: Said) =>
  build('ClaimRetracted', { reason: 'withdrawn by its author', ...data }, by);

export const claimsRelated = (data: With<'ClaimsRelated', 'questionId' | 'fromClaimId' | 'toClaimId' | 'relation'>, by?: Said) =>
  build('ClaimsRelated', { relationId: `${data.fromClaimId}-${data.relation}-${data.toClaimId}`, ...data }, by);

export const claimRelatedToEvidence = (data: With<'ClaimRelatedToEvidence', 'questionId' | 'fromClaimId' | 'toEvidenceId' | 'relation'>, by?: Said) =>
  build('ClaimRelatedToEvidence', { relationId: `${data.fromClaimId}-${data.relation}-${data.toEvidenceId}`, ...data }, by);

export const evidenceAttached = (data: With<'EvidenceAttached', 'questionId' | 'evidenceId' | 'claimId' | 'sourceId'>, by?: Said) =>
  build('EvidenceAttached', { stance: 'supports', locator: null, quote: null, credibility: null, verification: 'examined', owner: OWNER, ...data }, by);

export const evidenceVerified = (data: With<'EvidenceVerified', 'questionId' | 'evidenceId' | 'claimId' | 'verification'>, by?: Said) =>
  build('EvidenceVerified', { note: null, ...data }, by);

export const evidenceWithdrawn = (data: With<'EvidenceWithdrawn', 'questionId' | 'evidenceId' | 'claimId'>, by?: Said) =>
  build('EvidenceWithdrawn', { reason: 'misread', ...data }, by);

export const stanceRecorded = (data: With<'StanceRecorded', 'questionId' | 'claimId' | 'participant' | 'stance'>, by?: Said) =>
  build('StanceRecorded', { confidence: 0.5, ...data }, by);

export const questionResolved = (data: With<'QuestionResolved', 'questionId'>, by?: Said) =>
  build('QuestionResolved', { summary: 'settled', acceptedClaimIds: [], ...data }, by);

export const questionReopened = (data: With<'QuestionReopened', 'questionId'>, by?: Said) =>
  build('QuestionReopened', { reason: 'new files', ...data }, by);

export const sourceRegistered = (data: With<'SourceRegistered', 'sourceId'>, by?: Said) =>
  build('SourceRegistered', { kind: 'archival', title: `Source ${data.sourceId}`, authors: [], issued: null, identifiers: {}, details: {}, reliability: null, ...data }, by);

export const sourceAppraised = (data: With<'SourceAppraised', 'sourceId' | 'reliability'>, by?: Said) =>
  build('SourceAppraised', { note: 'appraised', ...data }, by);

export const principalAdded = (data: With<'PrincipalAdded', 'principalId' | 'name'>) => build('PrincipalAdded', { role: 'contributor', ...data });

export const principalRoleChanged = (data: With<'PrincipalRoleChanged', 'principalId' | 'role'>) => build('PrincipalRoleChanged', data);

export const tokenCreated = (data: With<'TokenCreated', 'tokenId' | 'principalId'>) =>
  build('TokenCreated', { lookup: `lookup-${data.tokenId}`, sha256: `sha256-${data.tokenId}`, ...data });

export const tokenRevoked = (data: With<'TokenRevoked', 'tokenId' | 'principalId'>) => build('TokenRevoked', data);
