import type { RecordedEvent } from '../event-store/event-store.port';
import { currentData } from '../../contract/event-catalogue';
import type { ProjectedEvent } from '../../projections/projection';

/**
 * A stored event as projections see it: upcast to the catalogue's current shape, with the stored
 * event itself as its `meta` (where it sits in the log, its metadata), not a copy of it.
 */
export function projectedEvent(recorded: RecordedEvent): ProjectedEvent | undefined {
  const data = currentData(recorded);
  if (data === null) return undefined;
  return { type: recorded.type, data, meta: recorded } as unknown as ProjectedEvent;
}
