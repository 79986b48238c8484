import type { JsonObject } from '../../../../contract/json';
import { CURRENT_SCHEMA_VERSION, type LedgerEvent } from '../../../../contract/event-catalogue';
import type { NewEvent } from '../../../event-store/event-store.port';
import { canonicalJson } from '../../provenance/canonical-json';
import { seal } from '../../provenance/hash-chain';
import { provenanceMetadata, type CommandContext } from '../../provenance/provenance';
import { eventIdFor } from '../derived-ids';
import { invalidProvenance } from '../write-errors';
import type { LoadedAggregate } from './write-types';

export interface SealedEvents {
  events: NewEvent[];
  /** The hash of the last event sealed: the next one's prevHash. */
  lastHash: string;
}

/**
 * Gives each decided event its id (derived from the command's, so a retried append is recognised),
 * its provenance metadata and its link in the stream's hash chain, after the head `at`.
 */
export function sealEvents(
  events: readonly LedgerEvent[],
  stream: string,
  at: Pick<LoadedAggregate<unknown>, 'revision' | 'lastHash'>,
  context: CommandContext,
  recordedAt = new Date(),
): SealedEvents {
  let prevHash = at.lastHash;
  let revision = at.revision ?? -1n;
  const sealed = events.map((event, index) => {
    revision += 1n;
    const id = eventIdFor(context.commandId, index);
    const data = event.data as unknown as JsonObject;
    const metadata: JsonObject = { ...provenanceMetadata(context, recordedAt), schemaVersion: CURRENT_SCHEMA_VERSION[event.type] };
    const link = seal({ id, type: event.type, stream, revision, data, metadata }, prevHash);
    prevHash = link.hash;
    // The store records the event at the time sealed into its hash (metadata.recordedAt), not its
    // own, and keeps the canonical JSON that was hashed, so that readers check it cheaply.
    return { id, type: event.type, data, metadata, recordedAt, json: link.json };
  });
  return { events: sealed, lastHash: prevHash };
}

/**
 * What the sealer will make of the command's context (its provenance metadata, hashed), tried
 * before the command joins a batch: a date that names no instant, a value that cannot be hashed.
 * A refusal here is that command's own answer and never reaches the commands it would have joined.
 */
export function checkContext(context: CommandContext): void {
  try {
    canonicalJson(provenanceMetadata(context, new Date()));
  } catch (error) {
    throw invalidProvenance(error);
  }
}
