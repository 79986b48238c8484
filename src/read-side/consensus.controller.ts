import { Controller, Get, MessageEvent, Query, Sse } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiLabelQuery, readLabelFilter } from './label-filter';
import { ApiProblems, ApiReadAccess, idProblems, READ_TIMEOUT_PROBLEM } from '../http/openapi/problem-responses';
import { responseSchema } from '../response-schemas';
import { concat, concatMap, filter, Observable, of } from 'rxjs';
import { PositionQuery } from '../http/position-query';
import { ApiPageQueries, compareBigints, NEXT_LINK_HEADER, PAGE_PROBLEM, Pager, Paging, positionCursor, readBooleanQuery, readListFilter, takePageOfSorted } from '../http/pagination';
import { problem, ProblemError } from '../http/problem-details';
import { NotFoundError } from '../ledger/domain-error';
import { UuidParam } from '../http/uuid-param';
import { ProjectionRunner } from '../projection-runtime/projection-runner';
import { subjectIdOf } from '../../contract/event-catalogue';
import { explainClaim, type ClaimConsensus, type QuestionConsensus } from '../../projections/consensus';
import { questionsProjection } from '../../projections/questions/questions.projection';
import { consensusChangesSince } from '../../projections/current-consensus/current-consensus.projection';
import { provenanceOf } from '../../projections/projection';
import { ApiAsOfQueries, AsOfQuery } from './as-of-query';
import { ApiMinPositionQuery } from '../http/openapi/read-route';
import type { AsOf } from '../../projections/time-travel/as-of';
import { presentConsensusPage, presentTimelineEntry } from './consensus-presenter';
import { currentClaimExplanation, currentConsensusSliced, currentConsensusView } from './current-consensus';
import { QuestionTimelines } from './question-timelines.service';
import { replayStepData } from './replay-messages';
import { TimeTravel } from './time-travel.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The claims of one question's consensus, ordered by the position each was proposed at. */
const consensusClaimsCursor = (questionId: string) => positionCursor(`consensus:${questionId}`);

@ApiTags('consensus')
@Controller('api/questions')
export class ConsensusController {
  constructor(
    private readonly runner: ProjectionRunner,
    private readonly timeTravel: TimeTravel,
    private readonly timelines: QuestionTimelines,
  ) {}

  @Get(':id/consensus')
  @ApiOperation({
    summary: 'Get a question’s consensus',
    description:
      'The question’s status, proof standard and summary (claims per label, the answers the record corroborates) first, then one page of its claims in the order proposed (filtered by `label` or `claimId`), with the evidence on them. ' +
      'What explains each label (grounds, what stands against it, leads, rivals, what would change it) only with `explain=true`, or for one claim from `…/consensus/claims/:claimId`. ' +
      'Now, or as of a moment: `asOf` with `axis` recorded (what the ledger knew then) or occurred (what had been said by then), or `atPosition`.',
  })
  @ApiReadAccess()
  @ApiProblems({
    400: `id is not a UUID, or asOf, axis, atPosition or minPosition is not valid or not a valid combination, or label is not a label, claimId not a UUID, explain not true or false, or ${PAGE_PROBLEM}`,
    404: 'No question has this id (or none had yet, as of the moment asked for) (`not-found`)',
    ...READ_TIMEOUT_PROBLEM,
  })
  @ApiAsOfQueries('the consensus')
  @ApiMinPositionQuery()
  @ApiPageQueries()
  @ApiLabelQuery('only the claims with this label (repeat it, or a comma list, for several)')
  @ApiQuery({
    name: 'claimId',
    required: false,
    style: 'form',
    explode: true,
    schema: { type: 'array', maxItems: 1000, items: { type: 'string', format: 'uuid' } },
    description: 'only these claims (repeat it, or a comma list, up to 1000)',
  })
  @ApiQuery({ name: 'explain', required: false, schema: { type: 'boolean', default: false }, description: 'true: each claim with what explains its label (grounds, against, leads, rivals, wouldChange)' })
  @ApiOkResponse({
    description:
      'The question’s status under its proof standard and its summary, then one page of claims: each claim’s label (corroborated, unverified, contested, refuted, open, retracted), strength, grounding and stances (with explain=true also what stands against it, the leads to follow and what would change it), and the evidence on those claims',
    schema: responseSchema('Consensus'),
    headers: NEXT_LINK_HEADER,
  })
  async consensus(
    @UuidParam('id') id: string,
    @PositionQuery('minPosition') minPosition: bigint | undefined,
    @AsOfQuery() asOf?: AsOf,
    @Query('label') label?: unknown,
    @Query('claimId') claimId?: unknown,
    @Query('explain') explainText?: unknown,
    // Last, with a default: the bench calls this handler in process, without a request.
    @Paging() pager: Pager = Pager.none,
  ) {
    const list = consensusClaimsCursor(id);
    const page = pager.pageOf(list);
    const labelSet = readLabelFilter(label);
    const claimIds = readListFilter(claimId, 'claimId', (text) => (UUID.test(text) ? text.toLowerCase() : undefined), 'a UUID');
    const explain = readBooleanQuery(explainText, 'explain', false);
    await this.runner.readyForRead(minPosition);
    const { consensus, position } = asOf ? await this.timeTravel.consensusAsOf(id, asOf) : await currentConsensusSliced(this.runner, id);
    const idSet = claimIds && new Set(claimIds);
    const accept =
      labelSet || idSet ? (claim: ClaimConsensus) => (!labelSet || labelSet.has(claim.label)) && (!idSet || idSet.has(claim.id)) : undefined;
    const claims = this.runner.view(questionsProjection).claims;
    // Claims are in the order proposed: their proposal positions, immutable, order them (the cursor's key).
    const keyOf = (claim: ClaimConsensus) => claims.get(claim.id)?.position ?? position ?? 0n;
    const items = pager.answer(list, page, takePageOfSorted(consensus.claims, keyOf, compareBigints, page, accept));
    return presentConsensusPage(consensus, position, asOf, items, explain);
  }

  @Get(':id/consensus/claims/:claimId')
  @ApiOperation({ summary: 'Explain a claim’s label', description: 'Now, or as of a moment (as for the consensus).' })
  @ApiReadAccess()
  @ApiProblems({
    400: 'id or claimId is not a UUID, or asOf, axis, atPosition or minPosition is not valid (`validation`, naming the parameter)',
    404: 'No question has this id, or the question has no such claim (then) (`not-found`)',
    ...READ_TIMEOUT_PROBLEM,
  })
  @ApiAsOfQueries('the explanation')
  @ApiMinPositionQuery()
  @ApiOkResponse({
    description:
      'Why one claim stands where it does: each direct contributor’s share of the move from its base score to its strength (Shapley values that add up; exact up to 12 contributors, sampled with a stated bound above), what grounds it, what stands against it, what would change it, its stances',
    schema: responseSchema('ClaimExplanation'),
  })
  async explanation(
    @UuidParam('id') id: string,
    @UuidParam('claimId') claimId: string,
    @PositionQuery('minPosition') minPosition: bigint | undefined,
    @AsOfQuery() asOf?: AsOf,
  ) {
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
  @ApiOperation({ summary: 'Get a question’s timeline', description: 'Every event of the question in order, a page at a time.' })
  @ApiReadAccess()
  @ApiMinPositionQuery()
  @ApiPageQueries()
  @ApiOkResponse({
    description: 'One page of the question’s events in order, with the labels, statuses and strengths each changed',
    schema: responseSchema('Timeline'),
    headers: NEXT_LINK_HEADER,
  })
  @ApiProblems({ ...idProblems('question'), 400: `id is not a UUID, or minPosition is not valid (\`validation\`), or ${PAGE_PROBLEM}`, ...READ_TIMEOUT_PROBLEM })
  async timeline(
    @UuidParam('id') id: string,
    @PositionQuery('minPosition') minPosition: bigint | undefined,
    @Paging() pager: Pager,
  ) {
    const list = positionCursor(`timeline:${id}`);
    const page = pager.pageOf(list);
    await this.runner.readyForRead(minPosition);
    const entries = await this.timelines.timeline(id);
    // Entries are in position order, and a position is never reused: the cursor's key.
    const items = pager.answer(list, page, takePageOfSorted(entries, (entry) => entry.position, compareBigints, page));
    return { questionId: id, entries: items.map(presentTimelineEntry) };
  }

  @Sse(':id/replay')
  @ApiOperation({
    summary: 'Replay a question’s debate',
    description:
      'Server-Sent Events, one `step` per event in order, then `end` with the number of steps. Each step holds the event and the consensus right after it as the live stream sends it (status, summary…), with the claims changed since the step before (explained) and all the evidence on them, and the label, status and strength `changes`. ' +
      'The first step is `whole`: every claim and piece of evidence of that moment. A reader keeps the whole consensus of each step by replacing the claims a step sends (appending a new one) and, for each, the evidence it holds on it.',
  })
  @ApiReadAccess()
  @ApiProblems({ ...idProblems('question'), 400: 'id is not a UUID, from is not a position, or speed is not 0–1000 (`validation`)', ...READ_TIMEOUT_PROBLEM })
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'from', required: false, description: 'start at this global position' })
  @ApiQuery({ name: 'speed', required: false, description: 'events per second (default: as fast as the client reads)' })
  @ApiOkResponse({
    description: 'Server-Sent Events: one `step` per event in order, with the claims it changed, then `end`',
    content: {
      'text/event-stream': {
        schema: {
          type: 'string',
          description:
            '`event: step` with `id:` the event’s position and `data:` `{event, whole, …Consensus, changes}`: `event` a RecordedEvent; then a Consensus (status, summary, resolution…) whose `claims` are, when `whole` is true (the first step), every claim of that moment and `evidence` every piece in order, otherwise the claims changed since the previous step (explained: grounds, against, leads, rivals, wouldChange) and `evidence` all the evidence on those claims; `changes` a ConsensusChange list (empty in the first step). Last `event: end` with `data: {questionId, steps}`',
        },
      },
    },
  })
  async replay(@UuidParam('id') id: string, @PositionQuery('from') from: bigint | undefined, @Query('speed') speedText?: string): Promise<Observable<MessageEvent>> {
    const speed = parseSpeed(speedText);
    await this.runner.readyForRead();
    await currentConsensusSliced(this.runner, id);
    return new Observable<MessageEvent>((subscriber) => {
      let closed = false;
      void (async () => {
        let steps = 0;
        // The consensus of the step sent before: each step sends only the claims that changed since.
        let sent: QuestionConsensus | null = null;
        for await (const step of this.timeTravel.replay(id, from)) {
          if (closed) return;
          subscriber.next({ id: step.event.position.toString(), type: 'step', data: replayStepData(step.event, step.consensus, sent) });
          sent = step.consensus;
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
  @ApiOperation({ summary: 'Follow a question’s consensus live', description: 'Server-Sent Events: the question’s status and summary at once, then after each event that moves it the summary again with the claims that changed (not explained), what changed and the event that changed it. Read the rest with GET …/consensus?minPosition= at the message’s position.' })
  @ApiReadAccess()
  @ApiProblems({ ...idProblems('question'), ...READ_TIMEOUT_PROBLEM })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'Server-Sent Events: the current summary at once (no claims), then a `consensus` message with the claims that changed and the `changes` after each event that moves it',
    content: { 'text/event-stream': { schema: { type: 'string', description: '`event: consensus` with `data:` a Consensus whose `claims` are those the event changed (none in the first message) plus `changes` (ConsensusChange list) and, after the first, `cause` (a TimelineEntry); `id:` its position' } } },
  })
  async stream(@UuidParam('id') id: string): Promise<Observable<MessageEvent>> {
    await this.runner.readyForRead();
    const initial = await currentConsensusSliced(this.runner, id);
    // The summary, never every claim: a live viewer of a big question is sent what changed, not the question again.
    const current = of<MessageEvent>({ id: initial.position.toString(), type: 'consensus', data: { ...presentConsensusPage(initial.consensus, initial.position, undefined, [], false), changes: [] } });
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
        const changedIds = new Set(changes.flatMap((change) => ('claimId' in change ? [change.claimId] : [])));
        const changed = consensus.claims.filter((claim) => changedIds.has(claim.id));
        return { id: position.toString(), type: 'consensus', data: { ...presentConsensusPage(consensus, position, undefined, changed, false), changes, cause: presentTimelineEntry(cause) } };
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
