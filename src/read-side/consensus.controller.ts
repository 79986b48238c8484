import { Controller, Get, MessageEvent, Query, Res, Sse } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiReadAccess, idProblems, READ_TIMEOUT_PROBLEM } from '../http/openapi/problem-responses';
import { responseSchema } from '../response-schemas';
import type { Response } from 'express';
import { concat, concatMap, filter, Observable, of } from 'rxjs';
import { recordedEventToJson } from '../event-store/event-json';
import { PositionQuery } from '../http/position-query';
import { problem, ProblemError } from '../http/problem-details';
import { NotFoundError } from '../ledger/domain-error';
import { UuidParam } from '../http/uuid-param';
import { ProjectionRunner } from '../projection-runtime/projection-runner';
import { subjectIdOf } from '../../contract/event-catalogue';
import { explainClaim, type QuestionConsensus } from '../../projections/consensus';
import { consensusChangesSince } from '../../projections/current-consensus/current-consensus.projection';
import { provenanceOf } from '../../projections/projection';
import { parseAsOf } from './as-of-query';
import { presentConsensus, presentTimelineEntry } from './consensus-presenter';
import { currentClaimExplanation, currentConsensusSliced, currentConsensusView } from './current-consensus';
import { QuestionTimelines } from './question-timelines.service';
import { TimeTravel } from './time-travel.service';

@ApiTags('consensus')
@Controller('api/questions')
export class ConsensusController {
  private readonly consensusJson = new ConsensusJson();

  constructor(
    private readonly runner: ProjectionRunner,
    private readonly timeTravel: TimeTravel,
    private readonly timelines: QuestionTimelines,
  ) {}

  @Get(':id/consensus')
  @ApiOperation({
    summary: 'Get a question’s consensus',
    description: 'Now, or as of a moment: `asOf` with `axis` recorded (what the ledger knew then) or occurred (what had been said by then), or `atPosition`.',
  })
  @ApiReadAccess()
  @ApiProblems({
    400: 'id is not a UUID, or asOf, axis, atPosition or minPosition is not valid or not a valid combination (`validation`, naming the parameter)',
    404: 'No question has this id (or none had yet, as of the moment asked for) (`not-found`)',
    ...READ_TIMEOUT_PROBLEM,
  })
  @ApiQuery({ name: 'asOf', required: false, description: 'ISO-8601 date or date-time (a bare date means the end of that day, UTC); default now' })
  @ApiQuery({ name: 'axis', required: false, enum: ['recorded', 'occurred'], description: 'recorded: what the ledger knew then (default); occurred: what had been said by then' })
  @ApiQuery({ name: 'atPosition', required: false, description: 'the consensus right after this global position (recorded axis)' })
  @ApiQuery({ name: 'minPosition', required: false, schema: { type: 'string', pattern: '^\\d+$' }, description: 'wait until the read models include this position (a write’s answer)' })
  @ApiOkResponse({
    description:
      'Each claim’s label (corroborated, unverified, contested, refuted, open, retracted), strength, grounding, what stands against it, the leads to follow, what would change it, and its stances; the question’s status under its proof standard',
    schema: responseSchema('Consensus'),
  })
  async consensus(
    @UuidParam('id') id: string,
    @PositionQuery('minPosition') minPosition: bigint | undefined,
    @Query('asOf') asOfText?: string,
    @Query('axis') axis?: string,
    @Query('atPosition') atPosition?: string,
    @Res({ passthrough: true }) res?: Response,
  ) {
    const asOf = parseAsOf({ asOf: asOfText, axis, atPosition });
    await this.runner.readyForRead(minPosition);
    if (asOf) {
      const { consensus, position } = await this.timeTravel.consensusAsOf(id, asOf);
      return presentConsensus(consensus, position, asOf);
    }
    const { consensus, position } = await currentConsensusSliced(this.runner, id);
    // The same consensus is read again and again between writes: its JSON is written once.
    res?.type('application/json');
    return this.consensusJson.of(consensus, position);
  }

  @Get(':id/consensus/claims/:claimId')
  @ApiOperation({ summary: 'Explain a claim’s label', description: 'Now, or as of a moment (as for the consensus).' })
  @ApiReadAccess()
  @ApiProblems({
    400: 'id or claimId is not a UUID, or asOf, axis, atPosition or minPosition is not valid (`validation`, naming the parameter)',
    404: 'No question has this id, or the question has no such claim (then) (`not-found`)',
    ...READ_TIMEOUT_PROBLEM,
  })
  @ApiQuery({ name: 'asOf', required: false, description: 'as for the consensus: the explanation as of that moment' })
  @ApiQuery({ name: 'axis', required: false, enum: ['recorded', 'occurred'] })
  @ApiQuery({ name: 'atPosition', required: false })
  @ApiQuery({ name: 'minPosition', required: false, schema: { type: 'string', pattern: '^\\d+$' }, description: 'wait until the read models include this position (a write’s answer)' })
  @ApiOkResponse({
    description:
      'Why one claim stands where it does: each direct contributor’s share of the move from its base score to its strength (Shapley values that add up; exact up to 12 contributors, sampled with a stated bound above), what grounds it, what stands against it, what would change it, its stances',
    schema: responseSchema('ClaimExplanation'),
  })
  async explanation(
    @UuidParam('id') id: string,
    @UuidParam('claimId') claimId: string,
    @PositionQuery('minPosition') minPosition: bigint | undefined,
    @Query('asOf') asOfText?: string,
    @Query('axis') axis?: string,
    @Query('atPosition') atPosition?: string,
  ) {
    const asOf = parseAsOf({ asOf: asOfText, axis, atPosition });
    await this.runner.readyForRead(minPosition);
    if (asOf) {
      const { solution, position } = await this.timeTravel.consensusAsOf(id, asOf);
      const explanation = explainClaim(solution, claimId);
      if (!explanation) throw new NotFoundError('claim', claimId);
      return { questionId: id, position: position?.toString() ?? null, ...explanation };
    }
    const { explanation, position } = await currentClaimExplanation(this.runner, id, claimId);
    return { questionId: id, position: position.toString(), ...explanation };
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: 'Get a question’s timeline' })
  @ApiReadAccess()
  @ApiQuery({ name: 'minPosition', required: false, schema: { type: 'string', pattern: '^\\d+$' }, description: 'wait until the read models include this position (a write’s answer)' })
  @ApiOkResponse({ description: 'Every event of the question in order, with the labels, statuses and strengths it changed', schema: responseSchema('Timeline') })
  @ApiProblems({ ...idProblems('question'), 400: 'id is not a UUID, or minPosition is not valid (`validation`)', ...READ_TIMEOUT_PROBLEM })
  async timeline(@UuidParam('id') id: string, @PositionQuery('minPosition') minPosition: bigint | undefined) {
    await this.runner.readyForRead(minPosition);
    const entries = await this.timelines.timeline(id);
    return { questionId: id, entries: entries.map(presentTimelineEntry) };
  }

  @Sse(':id/replay')
  @ApiOperation({ summary: 'Replay a question’s debate', description: 'Server-Sent Events, one `step` per event in order (the event and the consensus right after it), then `end` with the number of steps.' })
  @ApiReadAccess()
  @ApiProblems({ ...idProblems('question'), 400: 'id is not a UUID, from is not a position, or speed is not 0–1000 (`validation`)', ...READ_TIMEOUT_PROBLEM })
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'from', required: false, description: 'start at this global position' })
  @ApiQuery({ name: 'speed', required: false, description: 'events per second (default: as fast as the client reads)' })
  @ApiOkResponse({
    description: 'Server-Sent Events: one `step` per event in order, with the consensus after it, then `end`',
    content: { 'text/event-stream': { schema: { type: 'string', description: '`event: step` with `data: {event, consensus}` (a RecordedEvent and a Consensus) and `id:` the event’s position; last `event: end` with `data: {questionId, steps}`' } } },
  })
  async replay(@UuidParam('id') id: string, @PositionQuery('from') from: bigint | undefined, @Query('speed') speedText?: string): Promise<Observable<MessageEvent>> {
    const speed = parseSpeed(speedText);
    await this.runner.readyForRead();
    await currentConsensusSliced(this.runner, id);
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
  @ApiOperation({ summary: 'Follow a question’s consensus live', description: 'Server-Sent Events: the current consensus at once, then the consensus, what changed and the event that changed it, after each event that moves it.' })
  @ApiReadAccess()
  @ApiProblems({ ...idProblems('question'), ...READ_TIMEOUT_PROBLEM })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'Server-Sent Events: the current `consensus` at once, then a `consensus` message with its `changes` after each event that moves it',
    content: { 'text/event-stream': { schema: { type: 'string', description: '`event: consensus` with `data:` a Consensus plus `changes` (ConsensusChange list) and, after the first, `cause` (a TimelineEntry); `id:` its position' } } },
  })
  async stream(@UuidParam('id') id: string): Promise<Observable<MessageEvent>> {
    await this.runner.readyForRead();
    const initial = await currentConsensusSliced(this.runner, id);
    const current = of<MessageEvent>({ id: initial.position.toString(), type: 'consensus', data: { ...presentConsensus(initial.consensus, initial.position), changes: [] } });
    let sent = initial.consensus;
    const changes = this.runner.applied$.pipe(
      // An event moved this question when the projection moved its position to the event's.
      filter((event) => currentConsensusView(this.runner).questions.get(id)?.position === event.meta.position),
      // One at a time and in order: each read waits for the one before it.
      concatMap(async (event): Promise<MessageEvent> => {
        const { consensus, position } = await currentConsensusSliced(this.runner, id);
        const changes = consensusChangesSince(currentConsensusView(this.runner), id, sent);
        sent = consensus;
        const { meta } = event;
        const cause = { position: meta.position, eventId: meta.id, type: event.type, stream: meta.stream, revision: meta.revision, provenance: provenanceOf(meta), subjectId: subjectIdOf(event), changes };
        return { id: position.toString(), type: 'consensus', data: { ...presentConsensus(consensus, position), changes, cause: presentTimelineEntry(cause) } };
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

/**
 * The JSON of the latest consensus of each question, kept with the result it was written from: a
 * question's consensus is a new object whenever anything in it changed, so the text is reused until
 * then (a 1,000-claim question's answer is about 1 MB, and writing it out is most of a read).
 */
class ConsensusJson {
  private readonly written = new WeakMap<QuestionConsensus, { position: bigint; json: string }>();

  of(consensus: QuestionConsensus, position: bigint): string {
    const known = this.written.get(consensus);
    if (known && known.position === position) return known.json;
    const json = JSON.stringify(presentConsensus(consensus, position));
    this.written.set(consensus, { position, json });
    return json;
  }
}
