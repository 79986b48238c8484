import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultSerializer } from 'node:v8';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StreamedEntries } from '../../projections/projection';
import { SnapshotFile, writeSliced, type Snapshot } from '../../src/projection-runtime/snapshot-file';

const person = { id: 'p1', name: 'Paul Preston' };

interface Group {
  id: string;
  members: string[];
  size: bigint;
}

/** A snapshot with a large plain Map indexed twice, a large streamed Map, bigints and Dates. */
function sample(): Snapshot {
  const records = new Map<string, { id: string; at: Date; position: bigint; owner: typeof person; tags: string[] }>();
  for (let i = 0; i < 1000; i++) records.set(`r${i}`, { id: `r${i}`, at: new Date(Date.UTC(2024, 0, 1, 0, 0, i)), position: BigInt(i) * 10n, owner: person, tags: [`t${i % 7}`] });
  // A second index of the same records: identity across the view's two maps must hold.
  const byPosition = new Map([...records.values()].map((r) => [r.position, r]));
  const groups = new Map<string, Group>();
  for (let g = 0; g < 600; g++) groups.set(`g${g}`, { id: `g${g}`, members: [`m${g}a`, `m${g}b`], size: BigInt(g) });
  const streamed = new StreamedEntries(groups, (group: Group, cell) => {
    cell(group.id);
    cell(group.members.length);
    group.members.forEach(cell);
    cell(group.size);
  });
  return {
    format: 1,
    position: 12_345n,
    versions: { records: '1:', groups: '2:' },
    storeIdentity: 'sqlite:test',
    views: { small: { answers: new Map([['a', 1]]) }, records: { records, byPosition, count: 1000 }, groups: { groups: streamed, note: 'kept' } },
  };
}

/** The streamed groups as they are read back: each entry's cells. */
function groupCells(): Map<string, unknown[]> {
  const cells = new Map<string, unknown[]>();
  for (let g = 0; g < 600; g++) cells.set(`g${g}`, [`g${g}`, 2, `m${g}a`, `m${g}b`, BigInt(g)]);
  return cells;
}

describe('the snapshot file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'snapshot-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back what it wrote, at once and in slices, with shared records one object again, a streamed Map as its cells', async () => {
    const file = new SnapshotFile(join(dir, 'projections.snapshot'));
    const written = sample();
    file.save(written);
    const expected = { ...written, views: { ...written.views, groups: { groups: groupCells(), note: 'kept' } } };
    let pauses = 0;
    for (const read of [file.load(), await file.loadInSlices(async () => void pauses++)]) {
      expect(read).toEqual(expected);
      const { records, byPosition } = read!.views.records as { records: Map<string, { position: bigint; owner: unknown }>; byPosition: Map<bigint, unknown> };
      expect(byPosition.get(370n)).toBe(records.get('r37'));
      // One person record for every entry of the plain Map, as in the views written.
      expect(records.get('r1')!.owner).toBe(records.get('r999')!.owner);
      expect([...(read!.views.groups as { groups: Map<string, unknown> }).groups.keys()]).toEqual([...groupCells().keys()]);
    }
    // The large Maps were read a slice at a time: about 256 pauses each.
    expect(pauses).toBeGreaterThan(400);
  });

  it('hands the file over a value at a time, never whole: its chunks are the file', () => {
    const chunks: Buffer[] = [];
    writeSliced(sample(), (chunk) => chunks.push(Buffer.from(chunk)));
    const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    expect(chunks.length).toBeGreaterThan(500);
    // A plain Map's slice is a 256th of it, a streamed Map's at most as much.
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(total / 10);
    const file = new SnapshotFile(join(dir, 'projections.snapshot'));
    file.save(sample());
    expect(Buffer.concat(chunks).equals(readFileSync(file.path))).toBe(true);
  });

  it('still reads a file of format 2 (no streamed Map) and of format 1 (one value)', () => {
    const { views, format: _format, ...rest } = sample();
    const records = views.records as { records: Map<string, unknown> };
    // Format 2 as the previous writer wrote it: the header, a view whole, a view's shell and its slices.
    const serializer = new DefaultSerializer();
    serializer.writeHeader();
    serializer.writeValue({ ...rest, format: 2, viewNames: ['small', 'records'] });
    serializer.writeValue({ name: 'small', whole: views.small });
    serializer.writeValue({ name: 'records', shell: { records: null, byPosition: null, count: 1000 }, maps: [{ key: 'records', size: 1000, slices: 2 }, { key: 'byPosition', size: 1000, slices: 2 }] });
    const entries = [...records.records];
    serializer.writeValue(entries.slice(0, 500));
    serializer.writeValue(entries.slice(500));
    const byPosition = [...(views.records as { byPosition: Map<bigint, unknown> }).byPosition];
    serializer.writeValue(byPosition.slice(0, 500));
    serializer.writeValue(byPosition.slice(500));
    const path = join(dir, 'format-2.snapshot');
    writeFileSync(path, serializer.releaseBuffer());
    const read = new SnapshotFile(path).load();
    expect(read).toEqual({ ...rest, format: 1, views: { small: views.small, records: views.records } });
    expect((read!.views.records as { byPosition: Map<bigint, unknown> }).byPosition.get(0n)).toBe((read!.views.records as { records: Map<string, unknown> }).records.get('r0'));

    const old = new DefaultSerializer();
    old.writeHeader();
    old.writeValue({ ...rest, format: 1, views: { small: views.small } });
    writeFileSync(path, old.releaseBuffer());
    expect(new SnapshotFile(path).load()).toEqual({ ...rest, format: 1, views: { small: views.small } });
  });

  it('leaves the last snapshot in place and no temporary file when a view cannot be written', () => {
    const file = new SnapshotFile(join(dir, 'projections.snapshot'));
    file.save(sample());
    const before = readFileSync(file.path);
    const broken = sample();
    (broken.views.small as { note: unknown }).note = () => 'a function is not serialisable';
    expect(() => file.save(broken)).toThrow(/could not be cloned/);
    expect(readFileSync(file.path).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['projections.snapshot']);
    expect(existsSync(`${file.path}.${process.pid}.tmp`)).toBe(false);
  });
});
