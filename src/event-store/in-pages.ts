import type { RecordedEvent } from './event-store.port';

/**
 * An event stream cut into pages of at most `size` (never empty), for a store whose reads arrive one
 * event at a time (EventStoreDB's gRPC stream). What a failing read delivered before it fails is
 * still handed on, as its own page, before the error.
 */
export async function* inPages(events: AsyncIterable<RecordedEvent>, size: number): AsyncIterable<RecordedEvent[]> {
  let page: RecordedEvent[] = [];
  try {
    for await (const event of events) {
      page.push(event);
      if (page.length >= size) {
        yield page;
        page = [];
      }
    }
  } catch (error) {
    if (page.length > 0) yield page;
    throw error;
  }
  if (page.length > 0) yield page;
}
