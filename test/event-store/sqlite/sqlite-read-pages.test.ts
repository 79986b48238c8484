import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CorruptEventError } from '../../../src/event-store/event-store.errors';
import { storedJsonOf, type RecordedEvent } from '../../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { event } from '../event-store.contract';

// A fold reads the log a page at a time; an event that cannot be decoded must still end the read
// exactly where readAll would stop (the runner refuses it and reads on after it).
describe('sqlite: reading all in pages', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('hands on the events before an undecodable one, then throws naming it; readAll stops at the same event', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sqlite-pages-'));
    dirs.push(dir);
    const filename = join(dir, 'events.db');
    const store = new SqliteEventStore({ filename });
    try {
      await store.append('s', Array.from({ length: 600 }, () => event('Paged')), { expectedRevision: 'no_stream' });
      const raw = new Database(filename);
      raw.prepare("UPDATE events SET data = '{not json' WHERE revision = 530").run();
      raw.close();

      const pages: (readonly RecordedEvent[])[] = [];
      let failure: unknown;
      try {
        for await (const page of store.readAllPages()) pages.push(page);
      } catch (error) {
        failure = error;
      }
      expect(pages.map((page) => page.length)).toEqual([512, 18]);
      expect(failure).toBeInstanceOf(CorruptEventError);
      expect((failure as CorruptEventError).revision).toBe('530');

      const one: RecordedEvent[] = [];
      await expect(
        (async () => {
          for await (const e of store.readAll()) one.push(e);
        })(),
      ).rejects.toBeInstanceOf(CorruptEventError);
      expect(one.map((e) => e.id)).toEqual(pages.flat().map((e) => e.id));
    } finally {
      await store.close();
    }
  });

  it('keeps each event’s stored text behind the event, never in a copy of it', async () => {
    const store = new SqliteEventStore({ filename: ':memory:' });
    try {
      await store.append('s', [event('Kept', { n: 1 })], { expectedRevision: 'no_stream' });
      let read: RecordedEvent | undefined;
      for await (const page of store.readAllPages()) read = page[0];
      expect(storedJsonOf(read!)).toMatchObject({ data: '{"n":1}' });
      expect(storedJsonOf({ ...read!, data: { n: 2 } })).toBeUndefined();
      expect(Object.keys(read!)).toEqual(['id', 'type', 'data', 'metadata', 'stream', 'revision', 'position', 'recordedAt']);
    } finally {
      await store.close();
    }
  });
});
