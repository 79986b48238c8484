import { parseStrictDate } from '../../dates/strict-date';
import type { Attribution, ProvenanceMetadata } from '../../../contract/event-metadata';
import type { JsonObject } from '../../../contract/json';
import { InvalidCommandError } from '../application/write-errors';

/** Who recorded an event: always the authenticated principal, never the request body. */
export interface Principal {
  id: string;
  name: string;
  /** The principal's role, for permission rules; never recorded in an event. */
  role?: 'reader' | 'contributor' | 'moderator' | 'admin';
}

/** What a request may say about where a contribution comes from. */
export interface ProvenanceInput {
  attributedTo?: Attribution;
  /** ISO-8601; when it was originally said. */
  occurredAt?: string;
  /** A registered source: where it was said. */
  saidIn?: string;
}

/** Everything about one command that the shell turns into each event's metadata. */
export interface CommandContext {
  principal: Principal;
  commandId: string;
  correlationId: string;
  causationId: string;
  provenance: ProvenanceInput;
  /** A hash of the request, so that a repeated idempotency key with another body is recognised. */
  requestHash?: string;
}

/**
 * The metadata every ledger event carries (DOMAIN.md, "Provenance"), before the hash chain is added.
 * `occurredAt` defaults to `recordedAt`; `attributedTo` defaults to the recording principal's name so
 * that every event says who said it. The event's `schemaVersion` is its type's, so the writer adds it.
 */
export function provenanceMetadata(context: CommandContext, recordedAt: Date): JsonObject {
  const { principal, provenance } = context;
  const recordedAtIso = recordedAt.toISOString();
  // Typed by the contract, so what projections read (ProvenanceView) is what the writer seals.
  const metadata: ProvenanceMetadata = {
    recordedBy: { id: principal.id, name: principal.name },
    recordedAt: recordedAtIso,
    attributedTo: provenance.attributedTo ? { ...provenance.attributedTo } : { name: principal.name },
    occurredAt: provenance.occurredAt ? occurredAtInstant(provenance.occurredAt) : recordedAtIso,
    saidIn: provenance.saidIn ?? null,
    commandId: context.commandId,
    correlationId: context.correlationId,
    causationId: context.causationId,
    ...(context.requestHash ? { requestHash: context.requestHash } : {}),
  };
  return metadata as unknown as JsonObject;
}

/**
 * The instant a date names, as the ledger stores it (UTC, milliseconds), or undefined when it names
 * none this ledger reads (see parseStrictDate: calendar dates with a zone; week, ordinal, basic,
 * comma-fraction and zoneless forms, impossible dates and years before 1 AD are refused). A partial
 * date (`1947`, `1947-02`, `1947-02-10`) stands for its first instant, UTC.
 */
export function instantOf(text: string): string | undefined {
  const parsed = parseStrictDate(text);
  return parsed.ok ? parsed.date.start.toISOString() : undefined;
}

/**
 * `occurredAt` as the ledger stores it: an instant in UTC with milliseconds, or a partial date (`1947`,
 * `1947-02`, `1947-02-10`) kept at its precision, so that "February 1947" is never widened into a
 * precise-looking midnight (projections/dates/occurred.ts reads both forms).
 */
export function storedOccurredAt(text: string): string | undefined {
  const parsed = parseStrictDate(text);
  if (!parsed.ok) return undefined;
  return parsed.date.precision === 'instant' ? parsed.date.instant.toISOString() : text;
}

function occurredAtInstant(text: unknown): string {
  const stored = typeof text === 'string' ? storedOccurredAt(text) : undefined;
  if (stored === undefined) {
    throw new InvalidCommandError('provenance.occurredAt', `provenance.occurredAt: ${JSON.stringify(text)} is not a date the ledger can read; use a calendar date and time such as 2021-02-12T03:13:00-08:00, or a date (YYYY-MM-DD, YYYY-MM, YYYY)`);
  }
  return stored;
}
