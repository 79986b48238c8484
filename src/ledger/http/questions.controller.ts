import { Body, Controller, Get, HttpCode, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { recordedEventToJson } from '../../event-store/event-json';
import { PositionQuery } from '../../http/position-query';
import { UuidParam } from '../../http/uuid-param';
import { ProjectionRunner } from '../../projection-runtime/projection-runner';
import { questionsProjection } from '../../../projections/questions/questions.projection';
import { Inject } from '@nestjs/common';
import { ProposeClaim } from '../application/commands/claim.handlers';
import { ChangeProofStandard, OpenQuestion, ReopenQuestion, ResolveQuestion, RewordQuestion } from '../application/commands/question.handlers';
import type { WriteResult } from '../application/ledger-writer';
import { NotFoundError } from '../domain-error';
import { questionStream } from '../event-catalogue';
import { ProposeClaimDto } from './dto/claim.dto';
import { ChangeProofStandardDto, OpenQuestionDto, ReasonDto, ResolveQuestionDto, RewordQuestionDto } from './dto/question.dto';
import { presentQuestion, presentQuestionSummary } from './presenters';
import { WriteContextFactory } from './write-context';
import { writeResponse, WriteResponse } from './write-response';
import { WRITE_HEADERS } from './write-headers';
import { Requires } from '../../accounts/requires.decorator';

@ApiTags('questions')
@Controller('api/questions')
export class QuestionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: WriteContextFactory,
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  @WRITE_HEADERS()
  @ApiCreatedResponse({ type: WriteResponse })
  async open(@Body() body: OpenQuestionDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { context, ifMatch } = this.contexts.forRequest(req, body.provenance);
    return writeResponse(res, await this.commands.execute<OpenQuestion, WriteResult>(new OpenQuestion(body, context, ifMatch)));
  }

  @Patch(':id')
  @Requires('moderator')
  @WRITE_HEADERS()
  @ApiOkResponse({ type: WriteResponse })
  async reword(@UuidParam('id') id: string, @Body() body: RewordQuestionDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { context, ifMatch } = this.contexts.forRequest(req, body.provenance);
    return writeResponse(res, await this.commands.execute<RewordQuestion, WriteResult>(new RewordQuestion(id, body, context, ifMatch)));
  }

  @Post(':id/proof-standard')
  @Requires('moderator')
  @HttpCode(200)
  @WRITE_HEADERS()
  @ApiOkResponse({ type: WriteResponse, description: 'Changed: the question’s claims are labelled under the new standard from now on; the old one stays in the history' })
  async changeProofStandard(
    @UuidParam('id') id: string,
    @Body() body: ChangeProofStandardDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { context, ifMatch } = this.contexts.forRequest(req, body.provenance);
    return writeResponse(res, await this.commands.execute<ChangeProofStandard, WriteResult>(new ChangeProofStandard(id, body, context, ifMatch)));
  }

  @Post(':id/claims')
  @WRITE_HEADERS()
  @ApiCreatedResponse({ type: WriteResponse })
  async propose(@UuidParam('id') id: string, @Body() body: ProposeClaimDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { context, ifMatch } = this.contexts.forRequest(req, body.provenance);
    return writeResponse(res, await this.commands.execute<ProposeClaim, WriteResult>(new ProposeClaim(id, body, context, ifMatch)));
  }

  @Post(':id/resolution')
  @Requires('moderator')
  @HttpCode(200)
  @WRITE_HEADERS()
  @ApiOkResponse({ type: WriteResponse })
  async resolve(@UuidParam('id') id: string, @Body() body: ResolveQuestionDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { context, ifMatch } = this.contexts.forRequest(req, body.provenance);
    return writeResponse(res, await this.commands.execute<ResolveQuestion, WriteResult>(new ResolveQuestion(id, body, context, ifMatch)));
  }

  @Post(':id/reopening')
  @Requires('moderator')
  @HttpCode(200)
  @WRITE_HEADERS()
  @ApiOkResponse({ type: WriteResponse })
  async reopen(@UuidParam('id') id: string, @Body() body: ReasonDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { context, ifMatch } = this.contexts.forRequest(req, body.provenance);
    return writeResponse(res, await this.commands.execute<ReopenQuestion, WriteResult>(new ReopenQuestion(id, body, context, ifMatch)));
  }

  @Get()
  @ApiQuery({ name: 'tag', required: false })
  @ApiOkResponse({ description: 'Every question, oldest first, with its sub-questions and claim counts' })
  async list(@PositionQuery('minPosition') minPosition: bigint | undefined, @Query('tag') tag?: string) {
    await this.runner.readyForRead(minPosition);
    const questions = [...this.runner.view(questionsProjection).questions.values()];
    return questions.filter((q) => tag === undefined || q.tags.includes(tag)).map(presentQuestionSummary);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'The question with its claims, relations, evidence, stances and resolution' })
  async detail(@UuidParam('id') id: string, @Res({ passthrough: true }) res: Response, @PositionQuery('minPosition') minPosition: bigint | undefined) {
    await this.runner.readyForRead(minPosition);
    const question = this.runner.view(questionsProjection).questions.get(id);
    if (!question) throw new NotFoundError('question', id);
    res.setHeader('ETag', `"${question.revision}"`);
    return presentQuestion(question);
  }

  @Get(':id/events')
  @ApiOkResponse({ description: 'Every event of the question (its claims, relations, evidence, stances too), in order, with full metadata' })
  async events(@UuidParam('id') id: string) {
    const events = [];
    for await (const event of this.store.readStream(questionStream(id))) events.push(recordedEventToJson(event));
    if (events.length === 0) throw new NotFoundError('question', id);
    return events;
  }
}
