import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../../src/event-store/event-store.errors';
import type { EventStore, NewEvent, RecordedEvent } from '../../src/event-store/event-store.port';
import { recordedEventFromJson, recordedEventToJson } from '../../src/event-store/event-json';

/** How the contract suite gets a fresh, empty store of one adapter. */
export interface EventStoreHarness {
  create(): Promise<EventStore>;
  /**
   * A fresh store whose positions start at `position`, for adapters that can (positions past 2^53
   * cannot be reached by appending in a test). Omitted where the adapter cannot.
   */
  createWithPositionsFrom?(position: bigint): Promise<EventStore>;
}

const TWO_POW_53 = 2n ** 53n;

export function event(type = 'Tested', data: Record<string, unknown> = {}): NewEvent {
  return { id: randomUUID(), type, data: data as NewEvent['data'], metadata: { test: true } };
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/**
 * The one contract every event-store adapter must pass, written once. Each adapter's test file calls
 * this with a harness; nothing here knows which adapter it runs on.
 */
export function describeEventStoreContract(adapter: string, harness: EventStoreHarness): void {
  describe(`event store contract: ${adapter}`, () => {
    let store: EventStore;
    // Every test writes to streams of its own, so the suite also holds on a shared server.
    let stream: (name: string) => string;

    beforeEach(async () => {
      store = await harness.create();
      const prefix = `t${randomUUID().slice(0, 8)}`;
      stream = (name) => `${prefix}-${name}`;
    });

    afterEach(async () => {
      await store.close();
    });

    describe('ordering', () => {
      it('reads a stream back in revision order, 0-based, with the full envelope', async () => {
        const a = stream('a');
        const b = stream('b');
        const first = [event('One', { n: 1 }), event('Two', { n: 2 })];
        const r1 = await store.append(a, first, { expectedRevision: 'no_stream' });
        await store.append(b, [event('Other')], { expectedRevision: 'no_stream' });
        const third = event('Three', { n: 3 });
        const r2 = await store.append(a, [third], { expectedRevision: 1n });

        expect(r1.nextRevision).toBe(1n);
        expect(r2.nextRevision).toBe(2n);
        expect(r2.position > r1.position).toBe(true);

        const events = await collect(store.readStream(a));
        expect(events.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
        expect(events.map((e) => e.type)).toEqual(['One', 'Two', 'Three']);
        expect(events.map((e) => e.id)).toEqual([...first, third].map((e) => e.id));
        expect(events[2]).toMatchObject({ stream: a, data: { n: 3 }, metadata: { test: true }, position: r2.position });
        expect(events[0].recordedAt).toBeInstanceOf(Date);
        expect(Math.abs(events[0].recordedAt.getTime() - Date.now())).toBeLessThan(60_000);
        expect(typeof events[0].position).toBe('bigint');
        expect(typeof events[0].revision).toBe('bigint');
      });

      it('names the position of each event appended, where it names them at all, as a read finds them', async () => {
        const a = stream('a');
        const appended = await store.append(a, [event(), event(), event()], { expectedRevision: 'no_stream' });
        const read = await collect(store.readStream(a));
        expect(appended.position).toBe(read[2].position);
        if (appended.positions !== undefined) expect(appended.positions).toEqual(read.map((e) => e.position));
      });

      it('reads backwards, from a revision, and at most maxCount events', async () => {
        const a = stream('a');
        await store.append(a, [0, 1, 2, 3, 4].map((n) => event('N', { n })), { expectedRevision: 'no_stream' });
        const ns = (events: RecordedEvent[]) => events.map((e) => e.data.n);

        expect(ns(await collect(store.readStream(a, { direction: 'backwards' })))).toEqual([4, 3, 2, 1, 0]);
        expect(ns(await collect(store.readStream(a, { direction: 'backwards', maxCount: 1 })))).toEqual([4]);
        expect(ns(await collect(store.readStream(a, { from: 2n })))).toEqual([2, 3, 4]);
        expect(ns(await collect(store.readStream(a, { from: 3n, direction: 'backwards', maxCount: 2 })))).toEqual([3, 2]);
        expect(ns(await collect(store.readStream(a, { from: 1n, maxCount: 2 })))).toEqual([1, 2]);
        expect(ns(await collect(store.readStream(a, { from: 'end' })))).toEqual([]);
        expect(ns(await collect(store.readStream(a, { from: 'start', direction: 'backwards' })))).toEqual([0]);
        expect(ns(await collect(store.readStream(a, { from: 'end', direction: 'backwards', maxCount: 2 })))).toEqual([4, 3]);
      });

      it('reads a missing stream as empty', async () => {
        expect(await collect(store.readStream(stream('never-written')))).toEqual([]);
        expect(await collect(store.readStream(stream('never-written'), { direction: 'backwards' }))).toEqual([]);
      });

      it('reads all streams in global commit order, after an exclusive checkpoint', async () => {
        const head = await store.headPosition();
        const written: string[] = [];
        for (let i = 0; i < 6; i++) {
          const e = event('Interleaved', { i });
          written.push(e.id);
          await store.append(stream(i % 2 ? 'odd' : 'even'), [e], { expectedRevision: 'any' });
        }
        const all = await collect(store.readAll(head === null ? {} : { after: head }));
        const ours = all.filter((e) => written.includes(e.id));
        expect(ours.map((e) => e.id)).toEqual(written);
        for (let i = 1; i < all.length; i++) expect(all[i].position > all[i - 1].position).toBe(true);

        const afterThird = await collect(store.readAll({ after: ours[2].position }));
        expect(afterThird.filter((e) => written.includes(e.id)).map((e) => e.id)).toEqual(written.slice(3));
        expect(await collect(store.readAll({ after: ours[2].position, maxCount: 2 }))).toHaveLength(2);
        expect(await store.headPosition()).toBe(ours[5].position);
      });

      it('reads all in pages: the same events as readAll, in order, no page empty, after and maxCount kept', async () => {
        const head = await store.headPosition();
        const written: string[] = [];
        for (let batch = 0; batch < 6; batch++) {
          const events = Array.from({ length: 100 }, (_, i) => event('Paged', { n: batch * 100 + i }));
          written.push(...events.map((e) => e.id));
          await store.append(stream(`paged-${batch % 3}`), events, { expectedRevision: 'any' });
        }
        const from = head === null ? {} : { after: head };
        const pages: (readonly RecordedEvent[])[] = [];
        for await (const page of store.readAllPages(from)) pages.push(page);
        expect(pages.length).toBeGreaterThan(1);
        for (const page of pages) expect(page.length).toBeGreaterThan(0);
        const flat = pages.flat();
        expect(flat.map((e) => e.id)).toEqual((await collect(store.readAll(from))).map((e) => e.id));
        expect(flat.filter((e) => written.includes(e.id)).map((e) => e.id)).toEqual(written);

        const tenth = flat.find((e) => e.id === written[9])!;
        const limited: RecordedEvent[] = [];
        for await (const page of store.readAllPages({ after: tenth.position, maxCount: 520 })) limited.push(...page);
        expect(limited.map((e) => e.id)).toEqual(written.slice(10, 530));
      });

      it('reads one event by its id, in any case, wherever it is stored; an unknown id reads as undefined', async () => {
        const a = stream('by-id-a');
        const wanted = event('Wanted', { n: 2 });
        await store.append(a, [event('Before')], { expectedRevision: 'no_stream' });
        await store.append(stream('by-id-b'), [event('Elsewhere')], { expectedRevision: 'no_stream' });
        const appended = await store.append(a, [wanted, event('After')], { expectedRevision: 0n });
        const found = await store.readEvent(wanted.id.toUpperCase());
        expect(found).toMatchObject({ id: wanted.id, type: 'Wanted', stream: a, revision: 1n, data: { n: 2 }, metadata: { test: true } });
        const [read] = await collect(store.readStream(a, { from: 1n, maxCount: 1 }));
        expect(found).toEqual(read);
        expect(found!.position < appended.position).toBe(true);
        expect(await store.readEvent(randomUUID())).toBeUndefined();
      });

      it('records an event at the time its writer gives, exactly, where the store keeps it', async () => {
        const at = new Date('2021-02-10T08:02:00.123Z');
        await store.append(stream('timed'), [{ ...event('Timed'), recordedAt: at }, event('Untimed')], { expectedRevision: 'no_stream' });
        const [timed, untimed] = await collect(store.readStream(stream('timed')));
        if (store.keepsRecordedAt) expect(timed.recordedAt.toISOString()).toBe(at.toISOString());
        else expect(Math.abs(timed.recordedAt.getTime() - Date.now())).toBeLessThan(60_000);
        expect(Math.abs(untimed.recordedAt.getTime() - Date.now())).toBeLessThan(60_000);
        await expect(store.append(stream('timed'), [{ ...event(), recordedAt: new Date(Number.NaN) }], { expectedRevision: 'any' })).rejects.toThrow(/recordedAt/);
      });
    });

    describe('expected revision', () => {
      it("'no_stream' appends to a new stream and refuses an existing one", async () => {
        const a = stream('a');
        await store.append(a, [event()], { expectedRevision: 'no_stream' });
        const error = await rejection(store.append(a, [event()], { expectedRevision: 'no_stream' }));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ stream: a, expected: 'no_stream', actual: 0n });
      });

      it("'stream_exists' refuses a missing stream and appends to an existing one", async () => {
        const a = stream('a');
        const error = await rejection(store.append(a, [event()], { expectedRevision: 'stream_exists' }));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ stream: a, expected: 'stream_exists', actual: 'no_stream' });
        await store.append(a, [event()], { expectedRevision: 'any' });
        const result = await store.append(a, [event()], { expectedRevision: 'stream_exists' });
        expect(result.nextRevision).toBe(1n);
      });

      it('an exact revision must be the current one', async () => {
        const a = stream('a');
        const missing = await rejection(store.append(a, [event()], { expectedRevision: 0n }));
        expect(missing).toMatchObject({ stream: a, expected: 0n, actual: 'no_stream' });
        await store.append(a, [event(), event()], { expectedRevision: 'no_stream' });
        const stale = await rejection(store.append(a, [event()], { expectedRevision: 0n }));
        expect(stale).toBeInstanceOf(WrongExpectedRevisionError);
        expect(stale).toMatchObject({ stream: a, expected: 0n, actual: 1n });
        const result = await store.append(a, [event()], { expectedRevision: 1n });
        expect(result.nextRevision).toBe(2n);
        expect(await collect(store.readStream(a))).toHaveLength(3);
      });

      it("'any' appends whatever the stream's state", async () => {
        const a = stream('a');
        expect((await store.append(a, [event()], { expectedRevision: 'any' })).nextRevision).toBe(0n);
        expect((await store.append(a, [event()], { expectedRevision: 'any' })).nextRevision).toBe(1n);
      });

      it('a refused append writes nothing', async () => {
        const a = stream('a');
        await store.append(a, [event()], { expectedRevision: 'no_stream' });
        const head = await store.headPosition();
        await rejection(store.append(a, [event(), event()], { expectedRevision: 5n }));
        expect(await store.headPosition()).toBe(head);
        expect(await collect(store.readStream(a))).toHaveLength(1);
      });

      it('racing appends with the same expected revision: exactly one wins', async () => {
        const a = stream('race');
        await store.append(a, [event()], { expectedRevision: 'no_stream' });
        const racers = Array.from({ length: 20 }, (_, i) =>
          store.append(a, [event('Racer', { i })], { expectedRevision: 0n }),
        );
        const results = await Promise.allSettled(racers);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(19);
        for (const loss of lost) expect(loss.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(await collect(store.readStream(a))).toHaveLength(2);
      });
    });

    describe('idempotence', () => {
      it('appending the same event ids with the same expectation writes nothing and answers the same', async () => {
        const a = stream('a');
        const batch = [event(), event()];
        const first = await store.append(a, batch, { expectedRevision: 'no_stream' });
        const again = await store.append(a, batch, { expectedRevision: 'no_stream' });
        expect(again).toEqual(first);
        await store.append(a, [event()], { expectedRevision: 1n });
        const late = await store.append(a, batch, { expectedRevision: 'no_stream' });
        expect(late).toEqual(first);
        expect(await collect(store.readStream(a))).toHaveLength(3);
      });

      it("a retry with 'any' is recognised by its ids", async () => {
        const a = stream('a');
        const batch = [event()];
        const first = await store.append(a, batch, { expectedRevision: 'any' });
        expect(await store.append(a, batch, { expectedRevision: 'any' })).toEqual(first);
        expect(await collect(store.readStream(a))).toHaveLength(1);
      });

      it('an event id stored in another stream is refused', async () => {
        const e = event();
        await store.append(stream('a'), [e], { expectedRevision: 'any' });
        const error = await rejection(store.append(stream('b'), [e], { expectedRevision: 'any' }));
        expect(error).toBeInstanceOf(DuplicateEventIdError);
        expect(await collect(store.readStream(stream('b')))).toEqual([]);
      });
    });

    describe('subscription', () => {
      it('hands off from catch-up to live under concurrent writers with no gap and no duplicate', async () => {
        const before = await store.headPosition();
        const ours = new Set<string>();
        const historic = Array.from({ length: 40 }, () => event('Historic'));
        for (let i = 0; i < historic.length; i += 10) {
          await store.append(stream('history'), historic.slice(i, i + 10), { expectedRevision: 'any' });
        }
        historic.forEach((e) => ours.add(e.id));

        const subscription = store.subscribeAll(before === null ? {} : { after: before });
        const writers = Array.from({ length: 4 }, async (_, w) => {
          for (let i = 0; i < 15; i++) {
            const e = event('Live', { w, i });
            ours.add(e.id);
            await store.append(stream(`writer-${w}`), [e], { expectedRevision: 'any' });
            if (i % 3 === 0) await new Promise((r) => setTimeout(r, 2));
          }
        });

        const received: RecordedEvent[] = [];
        let caughtUp = 0;
        const expected = historic.length + 4 * 15;
        const reading = (async () => {
          for await (const item of subscription) {
            if (item.kind === 'caught-up') {
              caughtUp++;
              continue;
            }
            if (ours.has(item.event.id)) received.push(item.event);
            if (received.length === expected) break;
          }
        })();
        await Promise.all(writers);
        await Promise.race([
          reading,
          new Promise((_, reject) => setTimeout(() => reject(new Error(`only ${received.length} of ${expected} delivered`)), 20_000)),
        ]);
        await subscription.close();

        expect(caughtUp).toBe(1);
        expect(new Set(received.map((e) => e.id)).size).toBe(expected);
        for (let i = 1; i < received.length; i++) {
          expect(received[i].position > received[i - 1].position).toBe(true);
        }
        expect(received.slice(0, historic.length).map((e) => e.id)).toEqual(historic.map((e) => e.id));
      });

      it('starts strictly after its checkpoint, and close() ends a waiting iteration', async () => {
        const a = stream('a');
        const first = await store.append(a, [event('First')], { expectedRevision: 'no_stream' });
        const second = event('Second');
        await store.append(a, [second], { expectedRevision: 0n });
        const subscription = store.subscribeAll({ after: first.position });
        const seen: string[] = [];
        const iterating = (async () => {
          for await (const item of subscription) {
            if (item.kind === 'event' && item.event.stream === a) seen.push(item.event.id);
            if (item.kind === 'caught-up') break;
          }
        })();
        await iterating;
        expect(seen).toEqual([second.id]);
        await subscription.close();

        const idle = store.subscribeAll({ after: (await store.headPosition()) ?? undefined });
        const ended = (async () => {
          let items = 0;
          for await (const _ of idle) items++;
          return items;
        })();
        await new Promise((r) => setTimeout(r, 50));
        await idle.close();
        await expect(
          Promise.race([ended, new Promise((_, reject) => setTimeout(() => reject(new Error('close() did not end the iteration')), 5_000))]),
        ).resolves.toBeGreaterThanOrEqual(0);
      });
    });

    describe('payloads', () => {
      it('stores a 1 MB event intact', async () => {
        const a = stream('big');
        const blob = 'x'.repeat(1024 * 1024);
        await store.append(a, [event('Big', { blob })], { expectedRevision: 'no_stream' });
        const [read] = await collect(store.readStream(a));
        expect((read.data.blob as string).length).toBe(blob.length);
        expect(read.data.blob).toBe(blob);
      });

      it('keeps non-Latin text exactly (Cyrillic, accented Spanish)', async () => {
        const a = stream('text');
        const data = {
          ru: 'Союз обществ Красного Креста и Красного Полумесяца СССР; ГАРФ, ф. Р-9501, оп. 17, д. 8756',
          es: 'Silvia Ribelles de la Vega: «¿Qué relación había entre la Cruz Roja soviética y el PCE?» — Ángel Viñas',
          mixed: 'Вождь / Vozhd — ñ ü é 🕊️',
        };
        await store.append(a, [event('Text', data)], { expectedRevision: 'no_stream' });
        const [read] = await collect(store.readStream(a));
        expect(read.data).toEqual(data);
      });

      it('positions and revisions survive JSON serialisation as decimal strings', async () => {
        const a = stream('json');
        await store.append(a, [event()], { expectedRevision: 'no_stream' });
        const [read] = await collect(store.readStream(a));
        const json = JSON.parse(JSON.stringify(recordedEventToJson(read)));
        expect(typeof json.position).toBe('string');
        expect(recordedEventFromJson(json)).toEqual(read);
      });

      it.runIf(harness.createWithPositionsFrom !== undefined)('positions past 2^53 survive serialisation', async () => {
        const high = await harness.createWithPositionsFrom!(TWO_POW_53 + 7n);
        try {
          const a = stream('high');
          const result = await high.append(a, [event(), event()], { expectedRevision: 'no_stream' });
          expect(result.position > TWO_POW_53).toBe(true);
          const events = await collect(high.readStream(a));
          expect(events[1].position).toBe(result.position);
          expect(events[1].position - events[0].position).toBeGreaterThan(0n);
          const json = JSON.parse(JSON.stringify(recordedEventToJson(events[1])));
          expect(json.position).toBe(result.position.toString());
          expect(recordedEventFromJson(json).position).toBe(result.position);
          const all = await collect(high.readAll({ after: events[0].position }));
          expect(all.map((e) => e.id)).toEqual([events[1].id]);
        } finally {
          await high.close();
        }
      });
    });
  });
}
