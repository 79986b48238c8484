import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DefaultDeserializer, DefaultSerializer } from 'node:v8';
import type { LedgerAuditSnapshot } from '../ledger/integrity/ledger-audit';

/** What a snapshot holds: the views, the position they reflect, and the projections' versions. */
export interface Snapshot {
  format: 1;
  position: bigint;
  versions: Record<string, string>;
  /** Which store the views came from, so a snapshot is never applied to another store's log. */
  storeIdentity: string;
  views: Record<string, unknown>;
  /** The hash chains' heads and the ledger-wide tree at `position`; a snapshot without is not restored. */
  integrity?: LedgerAuditSnapshot;
  /**
   * The size and root of the ledger-wide tree over every event up to `position`: a start from this
   * snapshot re-reads the stored log up to there in the background and checks it still has this root.
   */
  tree?: { size: number; rootHash: string };
}

/** The first value of a file in the sliced format: everything but the views, which follow it. */
interface SlicedHeader extends Omit<Snapshot, 'format' | 'views'> {
  format: 2;
  /** The views in the order they follow, each as a ViewLayout and then its slices. */
  viewNames: string[];
}

/** How a view follows the header: whole, or as a shell whose large Maps follow in slices of entries. */
type ViewLayout = { name: string; whole: unknown } | { name: string; shell: Record<string, unknown>; maps: { key: string; size: number; slices: number }[] };

/** A Map of more entries than this is written in slices (of about a 256th of it each). */
const SLICED_FROM = 256;
const SLICES_PER_MAP = 256;

/**
 * Snapshots in one file, written atomically (a temporary file renamed over the old one), in V8's
 * serialisation format, which keeps Maps, Sets, bigints and Dates as they are.
 *
 * The file is one V8 serialisation stream of several values (format 2): a header (position,
 * versions, store, integrity: what `v8.deserialize` of the file reads alone), then each view, its
 * large Maps as slices of entries. One serializer writes them all, so an object two slices share is
 * written once and is one object again when read back (V8 keeps its back-references across values).
 * A million-event ledger's views take seconds to read back; in slices, a server starting from the
 * snapshot keeps answering (/health says it is catching up) while it loads. Files of format 1 (one
 * value) are read as before.
 */
export class SnapshotFile {
  constructor(readonly path: string) {}

  /** The snapshot at once, or undefined when there is none or it cannot be read. */
  load(wanted: (header: Omit<Snapshot, 'views'>) => boolean = () => true): Snapshot | undefined {
    if (!existsSync(this.path)) return undefined;
    try {
      return readSnapshotSync(readFileSync(this.path), wanted);
    } catch {
      // A snapshot is only a cache of the log: a damaged one is ignored and the views are rebuilt.
      return undefined;
    }
  }

  /**
   * The snapshot, read without holding the event loop for more than a slice: the file on the thread
   * pool, the views a slice at a time with `pause` between slices. `wanted(header)` may refuse it
   * before the views are read (another store's, another projection version).
   */
  async loadInSlices(pause: () => Promise<void>, wanted: (header: Omit<Snapshot, 'views'>) => boolean = () => true): Promise<Snapshot | undefined> {
    if (!existsSync(this.path)) return undefined;
    try {
      return await readSnapshotSliced(await readFile(this.path), pause, wanted);
    } catch {
      return undefined;
    }
  }

  save(snapshot: Snapshot): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, serialiseSliced(snapshot));
    renameSync(temporary, this.path);
  }
}

function serialiseSliced(snapshot: Snapshot): Buffer {
  const serializer = new DefaultSerializer();
  serializer.writeHeader();
  const { views, format: _format, ...rest } = snapshot;
  const header: SlicedHeader = { ...rest, format: 2, viewNames: Object.keys(views) };
  serializer.writeValue(header);
  for (const name of header.viewNames) {
    const view = views[name];
    const large = isPlainObject(view) ? Object.keys(view).filter((key) => view[key] instanceof Map && (view[key] as Map<unknown, unknown>).size > SLICED_FROM) : [];
    if (large.length === 0) {
      serializer.writeValue({ name, whole: view } satisfies ViewLayout);
      continue;
    }
    const object = view as Record<string, unknown>;
    const shell: Record<string, unknown> = {};
    for (const key of Object.keys(object)) shell[key] = large.includes(key) ? null : object[key];
    const maps = large.map((key) => {
      const size = (object[key] as Map<unknown, unknown>).size;
      return { key, size, slices: Math.ceil(size / Math.ceil(size / SLICES_PER_MAP)) };
    });
    serializer.writeValue({ name, shell, maps } satisfies ViewLayout);
    for (const { key, size, slices } of maps) {
      const perSlice = Math.ceil(size / slices);
      let slice: unknown[] = [];
      for (const entry of object[key] as Map<unknown, unknown>) {
        slice.push(entry);
        if (slice.length === perSlice) {
          serializer.writeValue(slice);
          slice = [];
        }
      }
      if (slice.length > 0) serializer.writeValue(slice);
    }
  }
  return serializer.releaseBuffer();
}

type Opened = { old: Snapshot } | { deserializer: DefaultDeserializer; base: Omit<Snapshot, 'views'>; viewNames: string[] } | undefined;

/** Reads the header: a whole snapshot of format 1, or where the views of format 2 start. */
function open(buffer: Buffer, wanted: (header: Omit<Snapshot, 'views'>) => boolean): Opened {
  const deserializer = new DefaultDeserializer(buffer);
  deserializer.readHeader();
  const first = deserializer.readValue() as Snapshot | SlicedHeader | undefined;
  if (first?.format === 1) return wanted(first) ? { old: first } : undefined;
  if (first?.format !== 2) return undefined;
  const { viewNames, ...header } = first;
  const base = { ...header, format: 1 as const };
  return wanted(base) ? { deserializer, base, viewNames } : undefined;
}

function readSnapshotSync(buffer: Buffer, wanted: (header: Omit<Snapshot, 'views'>) => boolean): Snapshot | undefined {
  const opened = open(buffer, wanted);
  if (!opened || 'old' in opened) return opened?.old;
  const reading = viewsOf(opened.deserializer, opened.viewNames);
  let step = reading.next();
  while (!step.done) step = reading.next();
  return { ...opened.base, views: step.value };
}

async function readSnapshotSliced(buffer: Buffer, pause: () => Promise<void>, wanted: (header: Omit<Snapshot, 'views'>) => boolean): Promise<Snapshot | undefined> {
  const opened = open(buffer, wanted);
  if (!opened || 'old' in opened) return opened?.old;
  const reading = viewsOf(opened.deserializer, opened.viewNames);
  let step = reading.next();
  while (!step.done) {
    await pause();
    step = reading.next();
  }
  return { ...opened.base, views: step.value };
}

/** Reads every view, pausing (a `yield`) after each slice; returns the views by name. */
function* viewsOf(deserializer: DefaultDeserializer, viewNames: readonly string[]): Generator<void, Record<string, unknown>> {
  const views: Record<string, unknown> = {};
  for (const name of viewNames) views[name] = yield* sliceReader(deserializer, name);
  return views;
}

/** Reads one view, pausing (a `yield`) after each slice of a Map; returns the view. */
function* sliceReader(deserializer: DefaultDeserializer, name: string): Generator<void, unknown> {
  const layout = deserializer.readValue() as ViewLayout;
  if (layout.name !== name) throw new Error(`the snapshot's view ${layout.name} is not where ${name} was expected`);
  if ('whole' in layout) return layout.whole;
  // The shell has every key in its order, the sliced Maps' as placeholders.
  const view: Record<string, unknown> = { ...layout.shell };
  for (const { key, size, slices } of layout.maps) {
    const map = new Map<unknown, unknown>();
    for (let index = 0; index < slices; index++) {
      for (const [k, v] of deserializer.readValue() as [unknown, unknown][]) map.set(k, v);
      yield;
    }
    if (map.size !== size) throw new Error(`the snapshot's view ${name}.${key} holds ${map.size} entries where ${size} were written`);
    view[key] = map;
  }
  return view;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
