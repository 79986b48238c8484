import type { JsonObject } from '../contract/json';
import type { ProvenanceView } from '../contract/event-metadata';
import type { LedgerEvent } from '../contract/event-catalogue';

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
  /**
   * The same as `fromSnapshot`, a step at a time, for a view whose restore is long (a million
   * events' questions: about a second): a server restoring in the background gives the event loop
   * back between steps. `fromSnapshot` is then `stepsDone` of it.
   */
  restoreInSteps?(data: unknown): Generator<void, View, void>;
}

export type ViewReader = <V>(projection: Projection<V>) => V;

/** The reader to give a projection that reads no other view, when it is folded on its own. */
export const NO_OTHER_VIEWS: ViewReader = (projection) => {
  throw new Error(`folded on its own, a projection cannot read ${projection.name}`);
};

/** The provenance fields of an event's metadata, typed (the writer seals them: contract/event-metadata.ts). */
export function provenanceOf(meta: EventMeta): ProvenanceView {
  // Every projection asks for the same event's provenance in turn; they share one object.
  if (meta === lastMeta) return lastProvenance!;
  const m = meta.metadata as unknown as ProvenanceView;
  const recordedBy = shared(m.recordedBy);
  const attributedTo = shared(m.attributedTo);
  const saidIn = m.saidIn ?? null;
  lastMeta = meta;
  // The events of one command (a claim and its relation) carry the same provenance: one object for
  // them all (views never change a provenance), a few hundred thousand fewer in a million events.
  const last = lastProvenance;
  if (
    last !== undefined &&
    last.recordedAt === m.recordedAt &&
    last.recordedBy === recordedBy &&
    last.attributedTo === attributedTo &&
    last.occurredAt === m.occurredAt &&
    last.saidIn === saidIn
  )
    return last;
  const provenance: ProvenanceView = {
    recordedBy,
    recordedAt: m.recordedAt,
    attributedTo,
    // Usually the same moment: keep one string, not two equal ones, in every view that holds it.
    occurredAt: m.occurredAt === m.recordedAt ? m.recordedAt : m.occurredAt,
    saidIn,
  };
  lastProvenance = provenance;
  return provenance;
}

let lastMeta: EventMeta | undefined;
let lastProvenance: ProvenanceView | undefined;

/**
 * One object for equal principals, owners, participants and attributions: views keep them with
 * every event, and the same few people recur in nearly all of them. Keyed by name; a bounded cache
 * of plain records, which views never change.
 */
interface Person {
  id?: unknown;
  name?: unknown;
  affiliation?: unknown;
  location?: unknown;
}

interface KnownPerson {
  record: Person;
  fields: number;
}

const people = new Map<string, KnownPerson[]>();
const PEOPLE_KEPT = 10_000;
/** Differently shaped records of one name (a principal, the same person as an attribution) are all kept. */
const VARIANTS_KEPT = 8;

/**
 * Person records are principals, owners and participants (an id and a name) and attributions (a
 * name, perhaps an affiliation and a location); one with any other field is kept as it is.
 */
export function shared<T>(person: T): T {
  if (typeof person !== 'object' || person === null) return person;
  const record = person as Person;
  const name = record.name;
  if (typeof name !== 'string') return person;
  let fields = 0;
  for (const _ in record) fields++;
  const known = (record.id !== undefined ? 1 : 0) + 1 + (record.affiliation !== undefined ? 1 : 0) + (record.location !== undefined ? 1 : 0);
  if (fields !== known) return person;
  let variants = people.get(name);
  if (variants) {
    for (const variant of variants) {
      const other = variant.record;
      if (variant.fields === fields && other.id === record.id && other.affiliation === record.affiliation && other.location === record.location) return other as T;
    }
    if (variants.length >= VARIANTS_KEPT) variants.length = 0;
  } else {
    if (people.size >= PEOPLE_KEPT) people.clear();
    variants = [];
    people.set(name, variants);
  }
  variants.push({ record, fields });
  return person;
}

/**
 * Entries a projection's `toSnapshot` hands over to be written as a stream of primitives: `write`
 * turns a value into cells (strings, numbers, bigints, booleans, null), which V8's serializer
 * writes without remembering them (it remembers every object it writes, in native memory, and keeps
 * the object alive, until the serializer is collected). Nothing is built for the file but what
 * `write` makes, garbage at once. Read back, it is a Map of each entry's cells (an array), which
 * `fromSnapshot` decodes. An object cell is written as V8 writes any value (remembered), for rare
 * entries `write` cannot put in cells. Never `undefined`: it ends an entry in the file.
 */
export class StreamedEntries<K, V> {
  constructor(
    readonly entries: ReadonlyMap<K, V>,
    readonly write: (value: V, cell: (cell: unknown) => void) => void,
  ) {}

  get size(): number {
    return this.entries.size;
  }
}

/** What `StreamedEntries.write` may hand as a cell, the serializer remembering none of them. */
export type Cell = string | number | bigint | boolean | null;

/**
 * Fails to compile when a record written as cells gains a field its codec does not name: the writer
 * takes the record's fields apart and hands what is left here, which must be nothing.
 */
export function noFieldLeft(rest: Record<string, never>): void {
  void rest;
}

/** What a generator of steps returns, its steps taken at once. */
export function stepsDone<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
