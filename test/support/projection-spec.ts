import { expect } from 'vitest';
import type { EventMeta, ProjectedEvent, Projection, ViewReader } from '../../projections/projection';
import type { GivenEvent, Said } from './ledger-events';

/**
 * Given/then for projections, as `deciderSpec` is for deciders (after Emmett's projection
 * specifications): given events, folded through the real projection, then this view.
 *
 *   projectionSpec(questionsProjection)
 *     .given([questionOpened({ questionId: 'q' }), claimProposed({ questionId: 'q', claimId: 'a' })])
 *     .then((view) => expect(view.claims.get('a')!.text).toBe('Claim a'))
 *     .and([claimRevised({ questionId: 'q', claimId: 'a', text: 'Better' })])
 *     .then((view) => expect(view.claims.get('a')!.versions).toHaveLength(2));
 *
 * The events get their place in the log (position, stream, revision per stream, recordedAt one
 * second apart) and provenance metadata the way the writer fills it: recorded by the editor,
 * attributed to them and occurring when recorded, unless the event says otherwise (`said`).
 * A projection that reads other views (consensus reads questions and sources) names them in
 * `after`: they are folded first with every event, as the runner does.
 */
export function projectionSpec<View>(projection: Projection<View>, options: FoldOptions = {}) {
  return {
    given(events: readonly GivenEvent[]): SpecStep<View> {
      const fold = new ProjectionFold(projection, options);
      return step(fold, events);
    },
  };
}

export interface SpecStep<View> {
  /** Folds the events given so far and hands the view (and the fold, for the other views) to `assert`. */
  then(assert: (view: View, fold: ProjectionFold<View>) => void): { and(more: readonly GivenEvent[]): SpecStep<View> };
  /** Folding the events given so far throws an error matching `expected` (a message part, a pattern or a class). */
  thenThrows(expected?: string | RegExp | (new (...args: never[]) => Error)): void;
}

function step<View>(fold: ProjectionFold<View>, events: readonly GivenEvent[]): SpecStep<View> {
  return {
    then(assert) {
      fold.apply(...events);
      assert(fold.view, fold);
      return { and: (more) => step(fold, more) };
    },
    thenThrows(expected) {
      expect(() => fold.apply(...events)).toThrow(expected as never);
    },
  };
}

export interface FoldOptions {
  /** Projections that run before this one (and that it reads), in runner order. */
  after?: readonly Projection<unknown>[];
  /** Who records the events unless an event says otherwise. */
  recordedBy?: { id: string; name: string };
  /** When the first event is recorded. */
  startAt?: Date;
  /** How long after the one before each event is recorded: a second unless said (0: all at the same moment). */
  stepMs?: number;
}

export const EDITOR = { id: 'editor-1', name: 'Ledger Editor' };
const START = new Date(Date.UTC(2021, 1, 10, 12, 0, 0));

/**
 * A projection fed events one by one as the runner feeds it, with the views it reads; for specs,
 * and for tests that need the view after each event (the consensus engine's property tests).
 */
export class ProjectionFold<View> {
  private readonly projections: readonly Projection<unknown>[];
  private readonly views = new Map<string, unknown>();
  private readonly log: EventLog;

  constructor(
    readonly projection: Projection<View>,
    options: FoldOptions = {},
  ) {
    this.projections = [...(options.after ?? []), projection as Projection<unknown>];
    for (const p of this.projections) this.views.set(p.name, p.init());
    this.log = new EventLog(options);
  }

  get view(): View {
    return this.views.get(this.projection.name) as View;
  }

  /** Puts `view` in place of the projection's own view: one restored from a snapshot, as after a restart. */
  restore(view: View): void {
    this.views.set(this.projection.name, view);
  }

  /** The view of one of the projections folded alongside (named in `after`). */
  viewOf<V>(projection: Projection<V>): V {
    if (!this.views.has(projection.name)) throw new Error(`${projection.name} is not folded here: name it in \`after\``);
    return this.views.get(projection.name) as V;
  }

  /** Folds the events in order; gives them as the projections saw them (with their meta). */
  apply(...events: readonly GivenEvent[]): ProjectedEvent[] {
    return events.map((given) => {
      const event = this.log.place(given);
      this.projections.forEach((p, i) => p.apply(this.views.get(p.name), event, this.readerFor(i)));
      return event;
    });
  }

  /** A projection reads only the views of those that run before it, as in the runner. */
  private readerFor(index: number): ViewReader {
    return <V>(wanted: Projection<V>): V => {
      const at = this.projections.findIndex((p) => p.name === wanted.name);
      if (at < 0 || at >= index) throw new Error(`${this.projections[index]!.name} reads ${wanted.name}, which does not run before it here: name it in \`after\``);
      return this.views.get(wanted.name) as V;
    };
  }
}

/** Gives events their place in the log and the metadata the writer records with them. */
export class EventLog {
  private position = 0n;
  private readonly revisions = new Map<string, bigint>();
  private readonly recordedBy: { id: string; name: string };
  private readonly startAt: number;
  private readonly stepMs: number;

  constructor(options: Pick<FoldOptions, 'recordedBy' | 'startAt' | 'stepMs'> = {}) {
    this.recordedBy = options.recordedBy ?? EDITOR;
    this.startAt = (options.startAt ?? START).getTime();
    this.stepMs = options.stepMs ?? 1000;
  }

  place(given: GivenEvent): ProjectedEvent {
    const { said, metadata: extra, ...event } = given;
    const position = this.position++;
    const stream = streamOf(event);
    const revision = this.revisions.get(stream) ?? 0n;
    this.revisions.set(stream, revision + 1n);
    const recordedAt = new Date(this.startAt + Number(position) * this.stepMs);
    const meta: EventMeta = {
      id: `event-${position}`,
      stream,
      revision,
      position,
      recordedAt,
      metadata: { ...provenance(said, this.recordedBy, recordedAt), ...extra },
    };
    return { ...event, meta } as ProjectedEvent;
  }
}

function provenance(said: Said | undefined, recordedBy: { id: string; name: string }, recordedAt: Date) {
  return {
    recordedBy,
    recordedAt: recordedAt.toISOString(),
    attributedTo: said?.by ?? { name: recordedBy.name },
    occurredAt: said?.at ?? recordedAt.toISOString(),
    saidIn: said?.in ?? null,
  };
}

/** The stream the writer appends the event to. */
export function streamOf(event: { type: string; data: object }): string {
  const data = event.data as { questionId?: string; sourceId?: string };
  if (data.questionId !== undefined) return `question-${data.questionId}`;
  if (data.sourceId !== undefined) return `source-${data.sourceId}`;
  return 'accounts';
}
