import { Controller, Query, Res } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiLabelQuery, readLabelFilter } from '../../read-side/label-filter';
import { idProblems } from '../../http/openapi/problem-responses';
import { ReadRoute } from '../../http/openapi/read-route';
import { responseSchema } from '../../response-schemas';
import type { Response } from 'express';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { recordedEventToJson } from '../../event-store/event-json';
import { PositionQuery } from '../../http/position-query';
import { compareBigints, Pager, Paging, positionCursor, readListFilter, takePage } from '../../http/pagination';
import { currentConsensusSliced } from '../../read-side/current-consensus';
import { UuidParam } from '../../http/uuid-param';
import { ProjectionRunner } from '../../projection-runtime/projection-runner';
import { questionsProjection } from '../../../projections/questions/questions.projection';
import { questionMatches, searchTerms } from '../../../projections/questions/question-search';
import { problem, ProblemError } from '../../http/problem-details';
import { Inject } from '@nestjs/common';
import { NotFoundError } from '../domain-error';
import { questionStream } from '../../../contract/event-catalogue';
import { readEntity, readView, withETag } from './entity-read';
import { presentClaims, presentQuestion, presentQuestionSummary } from './presenters';

@ApiTags('questions')
@Controller('api/questions')
export class QuestionsController {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @ApiQuery({ name: 'tag', required: false, description: 'only the questions with this tag' })
  @ApiQuery({ name: 'q', required: false, type: String, description: 'only the questions whose title, body, tags or live claims contain every word of this text, ignoring case and accents ("sovietica" finds “Soviética”)' })
  @ReadRoute({
    summary: 'List questions',
    description: 'Oldest first (by the position each was opened at), a page at a time.',
    answer: 'One page of questions, oldest first, with their sub-questions and claim counts',
    pageOf: responseSchema('QuestionSummary'),
    problems: { 400: 'minPosition is not a whole number or beyond the log’s head, or q is longer than 200 characters or given twice (`validation`)' },
  })
  async list(
    @PositionQuery('minPosition') minPosition: bigint | undefined,
    @Paging() pager: Pager,
    @Query('tag') tag?: string,
    @Query('q') q?: unknown,
  ) {
    const terms = parseSearch(q);
    const page = pager.pageOf(QUESTIONS);
    const view = await readView(this.runner, minPosition, questionsProjection);
    // The view holds questions in the order they were opened: by firstPosition, the cursor's key.
    const questions = filtered(view.questions.values(), (question) => (tag === undefined || question.tags.includes(tag)) && questionMatches(question, terms));
    return pager.answer(QUESTIONS, page, takePage(questions, (question) => question.firstPosition, compareBigints, page)).map(presentQuestionSummary);
  }

  @ReadRoute({ path: ':id', subject: 'question', summary: 'Get a question', answer: 'The question with its claims, relations, evidence, stances and resolution', schema: responseSchema('Question'), etag: { revision: 'the question’s revision', sentBackOn: 'a write' } })
  async detail(@UuidParam('id') id: string, @Res({ passthrough: true }) res: Response, @PositionQuery('minPosition') minPosition: bigint | undefined) {
    const question = await readEntity(this.runner, minPosition, questionsProjection, (view) => view.questions.get(id), 'question', id);
    return withETag(res, question.revision, presentQuestion(question));
  }

  @ReadRoute({
    path: ':id/events',
    minPosition: false,
    summary: 'List a question’s events',
    description: 'Read from the store itself, not from the read models, a page at a time (in stream order: the cursor carries the revision).',
    answer: 'One page of the question’s events (its claims, relations, evidence, stances too), in order, with full metadata',
    pageOf: responseSchema('RecordedEvent'),
    problems: idProblems('question'),
  })
  async events(
    @UuidParam('id') id: string,
    @Paging() pager: Pager,
  ) {
    const list = positionCursor(`events:${id}`);
    const page = pager.pageOf(list);
    const stream = questionStream(id);
    // One more than the page: whether a next page exists, without reading the rest of the stream.
    const read = [];
    for await (const event of this.store.readStream(stream, { from: page.after === undefined ? 'start' : page.after + 1n, maxCount: page.limit + 1 })) read.push(event);
    if (read.length === 0 && (page.after === undefined || !(await this.streamExists(stream)))) throw new NotFoundError('question', id);
    const items = read.slice(0, page.limit);
    return pager.answer(list, page, { items: items.map(recordedEventToJson), next: read.length > page.limit ? items[items.length - 1]!.revision : undefined });
  }

  @ApiLabelQuery('only the claims with this label in the current consensus (repeat it, or a comma list, for several)')
  @ApiQuery({ name: 'status', required: false, schema: { type: 'string', enum: ['live', 'retracted'] }, description: 'only the live, or only the retracted, claims' })
  @ReadRoute({
    path: ':id/claims',
    summary: 'List a question’s claims',
    description: 'In the order proposed (the cursor carries the position each was proposed at), a page at a time.',
    answer: 'One page of the question’s claims, each with its relations, relations to evidence and evidence',
    pageOf: responseSchema('Claim'),
    problems: { ...idProblems('question'), 400: 'id is not a UUID, minPosition is not valid, label is not a label or status not live or retracted (`validation`, naming the parameter)' },
  })
  async claims(
    @UuidParam('id') id: string,
    @PositionQuery('minPosition') minPosition: bigint | undefined,
    @Paging() pager: Pager,
    @Query('label') label?: unknown,
    @Query('status') statusText?: unknown,
  ) {
    const list = positionCursor(`claims:${id}`);
    const page = pager.pageOf(list);
    const wanted = readLabelFilter(label);
    const status = readListFilter(statusText, 'status', (text) => (text === 'live' || text === 'retracted' ? text : undefined), 'live or retracted', 1)?.[0];
    await this.runner.readyForRead(minPosition);
    const question = this.runner.view(questionsProjection).questions.get(id);
    if (!question) throw new NotFoundError('question', id);
    // Labels are the consensus's: computed only when asked for.
    const labelOf = wanted && new Map((await currentConsensusSliced(this.runner, id)).consensus.claims.map((claim) => [claim.id, claim.label]));
    const claims = filtered(question.claims.values(), (claim) => (status === undefined || claim.status === status) && (!wanted || wanted.has(labelOf!.get(claim.id)!)));
    const found = takePage(claims, (claim) => claim.position, compareBigints, page);
    return pager.answer(list, page, { next: found.next, items: presentClaims(found.items, question) });
  }

  /** Whether the stream has any event (a page after its last event is empty, but the question exists). */
  private async streamExists(stream: string): Promise<boolean> {
    for await (const _ of this.store.readStream(stream, { maxCount: 1 })) return true;
    return false;
  }
}

/** The items a predicate accepts, lazily: a page stops reading once it is full. */
function* filtered<T>(items: Iterable<T>, accept: (item: T) => boolean): Generator<T> {
  for (const item of items) if (accept(item)) yield item;
}

const QUESTIONS = positionCursor('questions');

/** `?q=`: a search text of at most 200 characters, given once; its words, folded (projections/questions/question-search.ts). */
function parseSearch(q: unknown): string[] {
  if (q === undefined) return [];
  if (typeof q !== 'string') throw new ProblemError(problem(400, 'validation', 'q must be given once, as text', [{ field: 'q', message: 'must be one text' }]));
  if (q.length > 200) throw new ProblemError(problem(400, 'validation', 'q is longer than 200 characters', [{ field: 'q', message: 'at most 200 characters' }]));
  return searchTerms(q);
}
