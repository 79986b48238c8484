import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../event-store/event-store.port';
import { toLedgerEvent } from '../ledger/event-catalogue';
import { streamLocator } from '../../projections/locator/stream-locator';
import type { Projection, ProjectedEvent } from '../../projections/projection';
import { questionsProjection } from '../../projections/questions/questions.projection';
import { sourcesProjection } from '../../projections/sources/sources.projection';

export const PROJECTIONS = [streamLocator, questionsProjection, sourcesProjection] as const;

/**
 * Runs the projections over the event store, by global position. Readers call `catchUp()` before
 * they read, so a view always includes every write acknowledged before the read began, whichever
 * process wrote it.
 */
@Injectable()
export class ProjectionRunner {
  private readonly views = new Map<string, unknown>();
  private position: bigint | undefined;
  private queued: Promise<void> | null = null;
  private current: Promise<void> = Promise.resolve();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    for (const projection of PROJECTIONS) this.views.set(projection.name, projection.init());
  }

  /** The position of the last event applied; undefined before any. */
  get caughtUpTo(): bigint | undefined {
    return this.position;
  }

  view<View>(projection: Projection<View>): View {
    return this.views.get(projection.name) as View;
  }

  /**
   * Applies every event appended so far. Concurrent callers share one read that starts after their
   * call, so none of them can miss a write it has seen acknowledged.
   */
  catchUp(): Promise<void> {
    if (this.queued) return this.queued;
    const next = this.current.then(() => {
      this.queued = null;
      return this.readNewEvents();
    });
    this.queued = next;
    this.current = next.catch(() => undefined);
    return next;
  }

  private async readNewEvents(): Promise<void> {
    for await (const recorded of this.store.readAll(this.position === undefined ? {} : { after: this.position })) {
      this.apply(recorded);
      this.position = recorded.position;
    }
  }

  private apply(recorded: RecordedEvent): void {
    const event = toLedgerEvent(recorded);
    if (!event) return;
    const { id, stream, revision, position, recordedAt, metadata } = recorded;
    const projected = { ...event, meta: { id, stream, revision, position, recordedAt, metadata } } as ProjectedEvent;
    for (const projection of PROJECTIONS) {
      (projection as Projection<unknown>).apply(this.views.get(projection.name), projected);
    }
  }
}
