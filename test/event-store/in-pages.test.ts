import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { inPages } from '../../src/event-store/in-pages';

const event = (n: number) => ({ id: `e${n}`, position: BigInt(n) }) as unknown as RecordedEvent;

async function* events(count: number, failAfter?: number): AsyncIterable<RecordedEvent> {
  for (let n = 0; n < count; n++) {
    if (n === failAfter) throw new Error(`cannot read event ${n}`);
    yield event(n);
  }
}

async function pagesOf(source: AsyncIterable<RecordedEvent>, size: number) {
  const pages: string[][] = [];
  try {
    for await (const page of inPages(source, size)) pages.push(page.map((e) => e.id));
  } catch (error) {
    return { pages, error: (error as Error).message };
  }
  return { pages };
}

describe('inPages: an event stream cut into pages', () => {
  it('gives every event once, in order, in pages of the size but the last, none empty', async () => {
    expect(await pagesOf(events(7), 3)).toEqual({ pages: [['e0', 'e1', 'e2'], ['e3', 'e4', 'e5'], ['e6']] });
    expect(await pagesOf(events(6), 3)).toEqual({ pages: [['e0', 'e1', 'e2'], ['e3', 'e4', 'e5']] });
    expect(await pagesOf(events(0), 3)).toEqual({ pages: [] });
  });

  it('hands on what was read before a failure, as its own page, then the error', async () => {
    expect(await pagesOf(events(10, 4), 3)).toEqual({ pages: [['e0', 'e1', 'e2'], ['e3']], error: 'cannot read event 4' });
    expect(await pagesOf(events(10, 3), 3)).toEqual({ pages: [['e0', 'e1', 'e2']], error: 'cannot read event 3' });
  });
});
