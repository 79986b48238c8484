import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DefaultDeserializer, DefaultSerializer } from 'node:v8';
import { StreamedEntries } from '../../projections/projection';
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

/**
 * The first value of a file in the sliced format: everything but the views, which follow it.
 * Format 4 is format 2 where a Map may be streamed (StreamedEntries: its slices as primitives).
 * (Format 3, Maps written in batches of serializers of their own, was never released: refused.)
 */
interface SlicedHeader extends Omit<Snapshot, 'format' | 'views'> {
  format: 2 | 4;
  /** The views in the order they follow, each as a ViewLayout and then its slices. */
  viewNames: string[];
}

/**
 * How a view follows the header: whole, or as a shell whose large Maps follow in slices of entries.
 * The slices of a streamed Map (`stream`: StreamedEntries) are the next values of the file's
 * stream: the slice's entry count, then each entry's key, its cells and `undefined`; any other
 * slice is the next value of the file's stream.
 */
type ViewLayout =
  | { name: string; whole: unknown }
  | { name: string; shell: Record<string, unknown>; maps: { key: string; size: number; slices: number; stream?: true }[] };

/** A Map of more entries than this is written in slices (of about a 256th of it each). */
const SLICED_FROM = 256;
const SLICES_PER_MAP = 256;
/** Cells of a streamed Map written between two hand-overs of the serializer's buffer to the file. */
const CELLS_PER_WRITE = 4096;

/**
 * Snapshots in one file, written atomically (a temporary file renamed over the old one), in V8's
 * serialisation format, which keeps Maps, Sets, bigints and Dates as they are.
 *
 * The file is one V8 serialisation stream of several values (format 4): a header (position,
 * versions, store, integrity: what `v8.deserialize` of the file reads alone), then each view, its
 * large Maps as slices of entries. One serializer writes them all, so an object two slices share is
 * written once and is one object again when read back (V8 keeps its back-references across values).
 * That serializer remembers every object it writes (native memory, freed only when it is
 * garbage-collected): a projection with many objects hands its entries as a stream of primitives
 * instead (StreamedEntries), which the serializer neither remembers nor keeps alive, read back as
 * each entry's cells. The file is written as it is serialised, a value at a time, never held whole
 * in memory. A million-event ledger's views take seconds to read back; in slices, a server starting
 * from the snapshot keeps answering (/health says it is catching up) while it loads. Files of
 * format 1 (one value) and 2 (no streamed Map) are read as before.
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

  /**
   * Writes the file as it is serialised, a value (a header, a view's shell, a slice) at a time:
   * the serializer's buffer is handed over and written after each value, so the process never
   * holds the whole file in memory (half a gigabyte for a million-event ledger, which the resident
   * set kept until the next garbage collection freed the Buffer).
   */
  save(snapshot: Snapshot): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    const fd = openSync(temporary, 'w');
    try {
      writeSliced(snapshot, (chunk) => {
        for (let written = 0; written < chunk.length; ) written += writeSync(fd, chunk, written, chunk.length - written);
      });
      closeSync(fd);
    } catch (error) {
      closeSync(fd);
      rmSync(temporary, { force: true });
      throw error;
    }
    renameSync(temporary, this.path);
  }
}

/**
 * Serialises a snapshot in the sliced format (format 2), handing `write` the bytes after each value
 * in order: their concatenation is the file. One serializer writes every value, so back-references
 * between values hold; `releaseBuffer` hands over the bytes written so far and starts a new buffer,
 * leaving what the serializer remembers of the objects already written as it was.
 */
export function writeSliced(snapshot: Snapshot, write: (chunk: Buffer) => void): void {
  const serializer = new DefaultSerializer();
  const flush = () => {
    const chunk = serializer.releaseBuffer();
    if (chunk.length > 0) write(chunk);
  };
  serializer.writeHeader();
  const { views, format: _format, ...rest } = snapshot;
  const header: SlicedHeader = { ...rest, format: 4, viewNames: Object.keys(views) };
  serializer.writeValue(header);
  flush();
  for (const name of header.viewNames) {
    const view = views[name];
    // A streamed Map is always written so, even empty: V8 cannot write it whole.
    const large = isPlainObject(view) ? Object.keys(view).filter((key) => view[key] instanceof StreamedEntries || (view[key] instanceof Map && (view[key] as Map<unknown, unknown>).size > SLICED_FROM)) : [];
    if (large.length === 0) {
      serializer.writeValue({ name, whole: view } satisfies ViewLayout);
      flush();
      continue;
    }
    const object = view as Record<string, unknown>;
    const shell: Record<string, unknown> = {};
    for (const key of Object.keys(object)) shell[key] = large.includes(key) ? null : object[key];
    const maps = large.map((key) => {
      const size = (object[key] as Map<unknown, unknown> | StreamedEntries<unknown, unknown>).size;
      const slices = size === 0 ? 0 : Math.ceil(size / Math.ceil(size / SLICES_PER_MAP));
      return object[key] instanceof StreamedEntries ? { key, size, slices, stream: true as const } : { key, size, slices };
    });
    serializer.writeValue({ name, shell, maps } satisfies ViewLayout);
    flush();
    for (const { key, slices, size: total } of maps) {
      let size = total;
      const perSlice = Math.ceil(size / slices);
      const streamed = object[key];
      if (streamed instanceof StreamedEntries) {
        // Primitives only: the serializer remembers none of them, and what `write` builds for an
        // entry is garbage as soon as it is written (it dies young).
        // Handed to the file every few thousand cells: buffers of tens of KB, which the allocator
        // reuses, rather than one of about a MB a slice, which it keeps once freed.
        let cells = 0;
        const cell = (value: unknown) => {
          serializer.writeValue(value);
          if (++cells % CELLS_PER_WRITE === 0) flush();
        };
        let left = 0;
        for (const [entryKey, value] of streamed.entries) {
          if (left === 0) {
            flush();
            left = Math.min(perSlice, size);
            serializer.writeValue(left);
          }
          serializer.writeValue(entryKey);
          streamed.write(value, cell);
          serializer.writeValue(undefined);
          left--;
          size--;
        }
        flush();
        continue;
      }
      const writeSlice = (slice: unknown[]) => {
        serializer.writeValue(slice);
        flush();
      };
      let slice: unknown[] = [];
      for (const entry of object[key] as Map<unknown, unknown>) {
        slice.push(entry);
        if (slice.length === perSlice) {
          writeSlice(slice);
          slice = [];
        }
      }
      if (slice.length > 0) writeSlice(slice);
    }
  }
}

type Opened = { old: Snapshot } | { deserializer: DefaultDeserializer; base: Omit<Snapshot, 'views'>; viewNames: string[] } | undefined;

/** Reads the header: a whole snapshot of format 1, or where the views of format 2 start. */
function open(buffer: Buffer, wanted: (header: Omit<Snapshot, 'views'>) => boolean): Opened {
  const deserializer = new DefaultDeserializer(buffer);
  deserializer.readHeader();
  const first = deserializer.readValue() as Snapshot | SlicedHeader | undefined;
  if (first?.format === 1) return wanted(first) ? { old: first } : undefined;
  if (first?.format !== 2 && first?.format !== 4) return undefined;
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
  for (const { key, size, slices, stream } of layout.maps) {
    const map = new Map<unknown, unknown>();
    for (let index = 0; index < slices; index++) {
      if (stream) {
        // Each entry's cells, up to its `undefined`: the projection's fromSnapshot decodes them.
        for (let entries = deserializer.readValue() as number; entries > 0; entries--) {
          const entryKey = deserializer.readValue() as unknown;
          const cells: unknown[] = [];
          for (let cell = deserializer.readValue() as unknown; cell !== undefined; cell = deserializer.readValue() as unknown) cells.push(cell);
          map.set(entryKey, cells);
        }
        yield;
        continue;
      }
      const entries = deserializer.readValue();
      for (const [k, v] of entries as [unknown, unknown][]) map.set(k, v);
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
