/**
 * What every ledger event's metadata says (DOMAIN.md, "Provenance"): the writer seals it, projections
 * and readers read it. The hash chain's fields (`hashVersion`, `prevHash`, `hash`) and `schemaVersion`
 * sit beside these; they belong to the store's integrity and the catalogue, not to what was said.
 */

/** Who recorded an event: the authenticated principal, never the request body. */
export interface RecordedBy {
  id: string;
  name: string;
}

/** Who originally said it, as the request may state (the historical author of a forum post, say). */
export interface Attribution {
  name: string;
  affiliation?: string;
  location?: string;
}

/** The provenance fields of an event's metadata, as projections read them. */
export interface ProvenanceView {
  recordedBy: RecordedBy;
  /** An instant, ISO-8601 in UTC. */
  recordedAt: string;
  attributedTo: Attribution;
  /** An instant in UTC, or a partial date (`1947`, `1947-02`, `1947-02-10`) kept at its precision. */
  occurredAt: string;
  /** A registered source's id: where it was said. */
  saidIn: string | null;
}

/** The metadata the writer gives every event before the catalogue's version and the hash chain are added. */
export interface ProvenanceMetadata extends ProvenanceView {
  commandId: string;
  correlationId: string;
  causationId: string;
  /** A hash of the request, so that a repeated idempotency key with another body is recognised. */
  requestHash?: string;
}
