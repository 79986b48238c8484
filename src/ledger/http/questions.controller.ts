import { Body, Controller, Get, HttpCode, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiReadAccess, idProblems, MIN_POSITION_PROBLEMS } from '../../http/openapi/problem-responses';
import { responseArray, responseSchema } from '../../response-schemas';
import type { Request, Response } from 'express';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { recordedEventToJson } from '../../event-store/event-json';
import { PositionQuery } from '../../http/position-query';
import { UuidParam } from '../../http/uuid-param';
import { ProjectionRunner } from '../../projection-runtime/projection-runner';
import { questionsProjection } from '../../../projections/questions/questions.projection';
import { questionMatches, searchTerms } from '../../../projections/questions/question-search';
import { problem, ProblemError } from '../../http/problem-details';
import { Inject } from '@nestjs/common';
import { NotFoundError } from '../domain-error';
import { questionStream } from '../../../contract/event-catalogue';
import { ProposeClaimDto } from './dto/claim.dto';
import { ChangeProofStandardDto, OpenQuestionDto, ReasonDto, ResolveQuestionDto, RewordQuestionDto } from './dto/question.dto';
import { presentQuestion, presentQuestionSummary } from './presenters';
import { WriteRoutes } from './write-routes';
import { WriteResponse } from './write-response';
import { WRITE_HEADERS } from './write-headers';
import { Requires } from '../../accounts/requires.decorator';

@ApiTags('questions')
@Controller('api/questions')
export class QuestionsController {
  constructor(
    private readonly writes: WriteRoutes,
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Open a question', description: 'Any contributor may open one, as a sub-question of another with `parentQuestionId` (an unknown parent is a 422 `unknown-question`). The answer’s id is the question’s.' })
  @WRITE_HEADERS()
  @ApiCreatedResponse({ type: WriteResponse })
  async open(@Body() body: OpenQuestionDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.writes.run(req, res, 'OpenQuestion', body);
  }

  @Patch(':id')
  @Requires('moderator')
  @ApiOperation({ summary: 'Reword a question', description: 'A moderator gives a new title, body or both, with a reason; the old wording stays in the history.' })
  @WRITE_HEADERS()
  @ApiProblems(idProblems('question'))
  @ApiOkResponse({ type: WriteResponse })
  async reword(@UuidParam('id') id: string, @Body() body: RewordQuestionDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.writes.run(req, res, 'RewordQuestion', body, id);
  }

  @Post(':id/proof-standard')
  @Requires('moderator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change a question’s proof standard', description: 'A moderator holds the question’s claims to another standard (scintilla, preponderance, clear-and-convincing, beyond-reasonable-doubt), with a reason.' })
  @WRITE_HEADERS()
  @ApiProblems(idProblems('question'))
  @ApiOkResponse({ type: WriteResponse, description: 'Changed: the question’s claims are labelled under the new standard from now on; the old one stays in the history' })
  async changeProofStandard(
    @UuidParam('id') id: string,
    @Body() body: ChangeProofStandardDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.writes.run(req, res, 'ChangeProofStandard', body, id);
  }

  @Post(':id/claims')
  @ApiOperation({ summary: 'Propose a claim', description: 'A claim on the question (an answer, a hypothesis or background), with the verbatim passage it paraphrases if any, optionally responding to another claim of the question. The answer’s id is the claim’s.' })
  @WRITE_HEADERS()
  @ApiProblems(idProblems('question'))
  @ApiCreatedResponse({ type: WriteResponse })
  async propose(@UuidParam('id') id: string, @Body() body: ProposeClaimDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.writes.run(req, res, 'ProposeClaim', body, id);
  }

  @Post(':id/resolution')
  @Requires('moderator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve a question', description: 'A moderator closes the question with a summary and the claims it accepts; the consensus says whether it agrees.' })
  @WRITE_HEADERS()
  @ApiProblems(idProblems('question'))
  @ApiOkResponse({ type: WriteResponse })
  async resolve(@UuidParam('id') id: string, @Body() body: ResolveQuestionDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.writes.run(req, res, 'ResolveQuestion', body, id);
  }

  @Post(':id/reopening')
  @Requires('moderator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a resolved question', description: 'A moderator reopens it, with a reason; the resolution stays in the history.' })
  @WRITE_HEADERS()
  @ApiProblems(idProblems('question'))
  @ApiOkResponse({ type: WriteResponse })
  async reopen(@UuidParam('id') id: string, @Body() body: ReasonDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.writes.run(req, res, 'ReopenQuestion', body, id);
  }

  @Get()
  @ApiOperation({ summary: 'List questions' })
  @ApiReadAccess()
  @ApiQuery({ name: 'tag', required: false, description: 'only the questions with this tag' })
  @ApiQuery({ name: 'q', required: false, type: String, description: 'only the questions whose title, body, tags or live claims contain every word of this text, ignoring case and accents ("sovietica" finds “Soviética”)' })
  @ApiQuery({ name: 'minPosition', required: false, schema: { type: 'string', pattern: '^\\d+$' }, description: 'wait until the read models include this position (a write’s answer)' })
  @ApiOkResponse({ description: 'Every question, oldest first, with its sub-questions and claim counts', schema: responseArray('QuestionSummary') })
  @ApiProblems({ ...MIN_POSITION_PROBLEMS, 400: 'minPosition is not a whole number or beyond the log’s head, or q is longer than 200 characters or given twice (`validation`)' })
  async list(@PositionQuery('minPosition') minPosition: bigint | undefined, @Query('tag') tag?: string, @Query('q') q?: unknown) {
    const terms = parseSearch(q);
    await this.runner.readyForRead(minPosition);
    const questions = [...this.runner.view(questionsProjection).questions.values()];
    return questions.filter((question) => (tag === undefined || question.tags.includes(tag)) && questionMatches(question, terms)).map(presentQuestionSummary);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a question', description: 'The ETag is the question’s revision: send it back as If-Match on a write.' })
  @ApiReadAccess()
  @ApiQuery({ name: 'minPosition', required: false, schema: { type: 'string', pattern: '^\\d+$' }, description: 'wait until the read models include this position (a write’s answer)' })
  @ApiOkResponse({ description: 'The question with its claims, relations, evidence, stances and resolution', schema: responseSchema('Question') })
  @ApiProblems({ ...MIN_POSITION_PROBLEMS, ...idProblems('question') })
  async detail(@UuidParam('id') id: string, @Res({ passthrough: true }) res: Response, @PositionQuery('minPosition') minPosition: bigint | undefined) {
    await this.runner.readyForRead(minPosition);
    const question = this.runner.view(questionsProjection).questions.get(id);
    if (!question) throw new NotFoundError('question', id);
    res.setHeader('ETag', `"${question.revision}"`);
    return presentQuestion(question);
  }

  @Get(':id/events')
  @ApiOperation({ summary: 'List a question’s events', description: 'Read from the store itself, not from the read models.' })
  @ApiReadAccess()
  @ApiOkResponse({ description: 'Every event of the question (its claims, relations, evidence, stances too), in order, with full metadata', schema: responseArray('RecordedEvent') })
  @ApiProblems(idProblems('question'))
  async events(@UuidParam('id') id: string) {
    const events = [];
    for await (const event of this.store.readStream(questionStream(id))) events.push(recordedEventToJson(event));
    if (events.length === 0) throw new NotFoundError('question', id);
    return events;
  }
}

/** `?q=`: a search text of at most 200 characters, given once; its words, folded (projections/questions/question-search.ts). */
function parseSearch(q: unknown): string[] {
  if (q === undefined) return [];
  if (typeof q !== 'string') throw new ProblemError(problem(400, 'validation', 'q must be given once, as text', [{ field: 'q', message: 'must be one text' }]));
  if (q.length > 200) throw new ProblemError(problem(400, 'validation', 'q is longer than 200 characters', [{ field: 'q', message: 'at most 200 characters' }]));
  return searchTerms(q);
}
