import { Controller, Get, MessageEvent, Query, Sse } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { concat, filter, map, Observable, of } from 'rxjs';
import { recordedEventToJson } from '../event-store/event-json';
import { PositionQuery } from '../http/position-query';
import { problem, ProblemError } from '../http/problem-details';
import { UuidParam } from '../http/uuid-param';
import { ProjectionRunner } from '../projection-runtime/projection-runner';
import { consensusTimelineRecord } from './consensus-record';
import { parseAsOf } from './as-of-query';
import { presentConsensus, presentTimelineEntry } from './consensus-presenter';
import { TimeTravel } from './time-travel.service';

@ApiTags('consensus')
@Controller('api/questions')
export class ConsensusController {
  constructor(
    private readonly runner: ProjectionRunner,
    private readonly timeTravel: TimeTravel,
  ) {}

  @Get(':id/consensus')
  @ApiQuery({ name: 'asOf', required: false, description: 'ISO-8601 date or date-time (a bare date means the end of that day, UTC); default now' })
  @ApiQuery({ name: 'axis', required: false, enum: ['recorded', 'occurred'], description: 'recorded: what the ledger knew then (default); occurred: what had been said by then' })
  @ApiQuery({ name: 'atPosition', required: false, description: 'the consensus right after this global position (recorded axis)' })
  @ApiQuery({ name: 'minPosition', required: false, description: 'wait until the read models include this position (a write’s answer)' })
  @ApiOkResponse({ description: 'Each claim’s label, DF-QuAD strength, grounded status, explanation and stance tally; the question’s status' })
  async consensus(
    @UuidParam('id') id: string,
    @PositionQuery('minPosition') minPosition: bigint | undefined,
    @Query('asOf') asOfText?: string,
    @Query('axis') axis?: string,
    @Query('atPosition') atPosition?: string,
  ) {
    const asOf = parseAsOf({ asOf: asOfText, axis, atPosition });
    await this.runner.readyForRead(minPosition);
    if (asOf) {
      const { consensus, position } = await this.timeTravel.consensusAsOf(id, asOf);
      return presentConsensus(consensus, position, asOf);
    }
    const record = consensusTimelineRecord(this.runner, id);
    return presentConsensus(record.current, record.position);
  }

  @Get(':id/timeline')
  @ApiOkResponse({ description: 'Every event of the question in order, with the labels, statuses and strengths it changed' })
  async timeline(@UuidParam('id') id: string, @PositionQuery('minPosition') minPosition: bigint | undefined) {
    await this.runner.readyForRead(minPosition);
    const record = consensusTimelineRecord(this.runner, id);
    return { questionId: id, entries: record.timeline.map(presentTimelineEntry) };
  }

  @Sse(':id/replay')
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'from', required: false, description: 'start at this global position' })
  @ApiQuery({ name: 'speed', required: false, description: 'events per second (default: as fast as the client reads)' })
  @ApiOkResponse({ description: 'Server-Sent Events: one `step` per event in order, with the consensus after it, then `end`' })
  async replay(@UuidParam('id') id: string, @PositionQuery('from') from: bigint | undefined, @Query('speed') speedText?: string): Promise<Observable<MessageEvent>> {
    const speed = parseSpeed(speedText);
    await this.runner.readyForRead();
    consensusTimelineRecord(this.runner, id);
    return new Observable<MessageEvent>((subscriber) => {
      let closed = false;
      void (async () => {
        let steps = 0;
        for await (const step of this.timeTravel.replay(id, from)) {
          if (closed) return;
          subscriber.next({
            id: step.event.position.toString(),
            type: 'step',
            data: { event: recordedEventToJson(step.event), consensus: presentConsensus(step.consensus, step.event.position) },
          });
          steps++;
          if (speed > 0) await new Promise((resolve) => setTimeout(resolve, 1000 / speed));
        }
        if (closed) return;
        subscriber.next({ type: 'end', data: { questionId: id, steps } });
        subscriber.complete();
      })().catch((error) => subscriber.error(error));
      return () => {
        closed = true;
      };
    });
  }

  @Sse(':id/consensus/stream')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'Server-Sent Events: the current `consensus` at once, then a `consensus` message with its `changes` after each event that moves it' })
  async stream(@UuidParam('id') id: string): Promise<Observable<MessageEvent>> {
    await this.runner.readyForRead();
    const initial = consensusTimelineRecord(this.runner, id);
    const current = of<MessageEvent>({ id: initial.position.toString(), type: 'consensus', data: { ...presentConsensus(initial.current, initial.position), changes: [] } });
    const changes = this.runner.applied$.pipe(
      map((event) => ({ event, record: consensusTimelineRecord(this.runner, id) })),
      filter(({ event, record }) => record.position === event.meta.position),
      map(({ record }): MessageEvent => {
        const last = record.timeline[record.timeline.length - 1];
        return {
          id: record.position.toString(),
          type: 'consensus',
          data: { ...presentConsensus(record.current, record.position), changes: last.changes, cause: presentTimelineEntry(last) },
        };
      }),
    );
    return concat(current, changes);
  }
}

function parseSpeed(text: string | undefined): number {
  if (text === undefined || text === '') return 0;
  const speed = Number(text);
  if (!Number.isFinite(speed) || speed < 0 || speed > 1000) {
    throw new ProblemError(problem(400, 'validation', 'speed must be a number of events per second, 0–1000', [{ field: 'speed', message: 'out of range' }]));
  }
  return speed;
}

