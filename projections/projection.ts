import type { JsonObject } from '../src/event-store/event-store.port';
import type { LedgerEvent } from '../src/ledger/event-catalogue';

/** Where an event sits in the log and what its metadata says: what a projection may read besides the event. */
export interface EventMeta {
  id: string;
  stream: string;
  revision: bigint;
  position: bigint;
  recordedAt: Date;
  metadata: JsonObject;
}

export type ProjectedEvent = LedgerEvent & { meta: EventMeta };

/**
 * A read model: a deterministic fold of the ledger's events into a view, with no I/O. `apply` updates
 * the view it is given (the runner owns the view; copying it per event would make a rebuild quadratic)
 * and must give the same view for the same events, whether applied live or in a rebuild.
 */
export interface Projection<View> {
  readonly name: string;
  /** Bumped when `apply` changes meaning, so the runner rebuilds the view from the log. */
  readonly version: number;
  /** Names the settings the view was built with (e.g. the base-score table): a change rebuilds it too. */
  readonly fingerprint?: string;
  init(): View;
  /**
   * `read` gives the views of the projections that run before this one, already up to date with
   * this event: a projection may build on another (consensus on questions and sources).
   */
  apply(view: View, event: ProjectedEvent, read: ViewReader): void;
  /** Plain data to keep in a snapshot, where the view holds more than plain data (caches). */
  toSnapshot?(view: View): unknown;
  fromSnapshot?(data: unknown): View;
}

export type ViewReader = <V>(projection: Projection<V>) => V;

/** The provenance fields of an event's metadata, typed. */
export interface ProvenanceView {
  recordedBy: { id: string; name: string };
  recordedAt: string;
  attributedTo: { name: string; affiliation?: string; location?: string };
  occurredAt: string;
  saidIn: string | null;
}

export function provenanceOf(meta: EventMeta): ProvenanceView {
  const m = meta.metadata as unknown as ProvenanceView;
  return {
    recordedBy: m.recordedBy,
    recordedAt: m.recordedAt,
    attributedTo: m.attributedTo,
    occurredAt: m.occurredAt,
    saidIn: m.saidIn ?? null,
  };
}
