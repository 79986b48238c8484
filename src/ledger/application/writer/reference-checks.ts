import { sourceStream } from '../../../../contract/event-catalogue';
import type { EventStore } from '../../../event-store/event-store.port';
import { unknownSource } from '../write-errors';

/**
 * Checks that a command's references to other aggregates exist, by looking for their streams in the
 * store (not in the views, which may lag behind). A store that fails to answer is an outage, passed
 * on as it is, never taken for a missing reference.
 */
export class ReferenceChecks {
  constructor(private readonly store: Pick<EventStore, 'readStream'>) {}

  /** Whether a stream has any event. */
  async exists(stream: string): Promise<boolean> {
    for await (const _ of this.store.readStream(stream, { maxCount: 1 })) return true;
    return false;
  }

  /** Refuses (422, naming `field`) a source that is not registered. */
  async requireSource(sourceId: string, field: string): Promise<void> {
    if (!(await this.exists(sourceStream(sourceId)))) throw unknownSource(sourceId, field);
  }
}
