import { Inject, mixin, Query } from '@nestjs/common';
import type { PipeTransform, Type } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { problem, ProblemError } from './problem-details';

const notAPosition = (name: string, detail: string, message: string) => new ProblemError(problem(400, 'validation', `${name} ${detail}`, [{ field: name, message }]));

/** Reads a position; one beyond the log's head is refused at once (no write has answered it, so waiting for it is pointless). */
function positionPipe(name: string): Type<PipeTransform<string | undefined, Promise<bigint | undefined>>> {
  class ParsePosition implements PipeTransform<string | undefined, Promise<bigint | undefined>> {
    constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

    async transform(value: string | undefined): Promise<bigint | undefined> {
      if (value === undefined || value === '') return undefined;
      if (typeof value !== 'string' || !/^\d{1,20}$/.test(value)) throw notAPosition(name, 'must be a position (a whole number)', 'not a position');
      const position = BigInt(value);
      const head = await this.store.headPosition();
      if (head === null || position > head) {
        throw notAPosition(name, `is beyond the log's head (${head?.toString() ?? 'empty log'}): no write has answered it`, `beyond the head position ${head?.toString() ?? '(none)'}`);
      }
      return position;
    }
  }
  return mixin(ParsePosition);
}

/** A query parameter holding a global position, as a write answered it (a decimal string). */
export const PositionQuery = (name: string) => Query(name, positionPipe(name));
