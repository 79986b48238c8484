import { Body, Controller, Get, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiReadAccess, idProblems, MIN_POSITION_PROBLEMS } from '../../http/openapi/problem-responses';
import { responseArray, responseSchema } from '../../response-schemas';
import type { Request, Response } from 'express';
import { PositionQuery } from '../../http/position-query';
import { UuidParam } from '../../http/uuid-param';
import { ProjectionRunner } from '../../projection-runtime/projection-runner';
import { questionsProjection } from '../../../projections/questions/questions.projection';
import { sourcesProjection } from '../../../projections/sources/sources.projection';
import { NotFoundError } from '../domain-error';
import { AppraiseSourceDto, RegisterSourceDto } from './dto/source.dto';
import { presentSource } from './presenters';
import { WriteRoutes } from './write-routes';
import { WRITE_HEADERS } from './write-headers';
import { Requires } from '../../accounts/requires.decorator';
import { WriteResponse } from './write-response';

@ApiTags('sources')
@Controller('api/sources')
export class SourcesController {
  constructor(
    private readonly writes: WriteRoutes,
    private readonly runner: ProjectionRunner,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a source', description: 'A document, article, report, forum post or archival reference, with its authors, date and identifiers, so that evidence can cite it. The answer’s id is the source’s.' })
  @WRITE_HEADERS()
  @ApiCreatedResponse({ type: WriteResponse })
  async register(@Body() body: RegisterSourceDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.writes.run(req, res, 'RegisterSource', body);
  }

  @Patch(':id/appraisal')
  @Requires('moderator')
  @ApiOperation({ summary: 'Appraise a source', description: 'A moderator rates its reliability (Admiralty scale A–F) with a note; every appraisal stays in the history, and the consensus reweighs the evidence citing it.' })
  @WRITE_HEADERS()
  @ApiProblems(idProblems('source'))
  @ApiOkResponse({ type: WriteResponse })
  async appraise(@UuidParam('id') id: string, @Body() body: AppraiseSourceDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.writes.run(req, res, 'AppraiseSource', body, id);
  }

  @Get()
  @ApiOperation({ summary: 'List sources' })
  @ApiReadAccess()
  @ApiQuery({ name: 'minPosition', required: false, schema: { type: 'string', pattern: '^\\d+$' }, description: 'wait until the read models include this position (a write’s answer)' })
  @ApiOkResponse({ description: 'The bibliography: every source, its appraisals, and the evidence that cites it', schema: responseArray('Source') })
  @ApiProblems(MIN_POSITION_PROBLEMS)
  async list(@PositionQuery('minPosition') minPosition: bigint | undefined) {
    await this.runner.readyForRead(minPosition);
    return [...this.runner.view(sourcesProjection).sources.values()].map(presentSource);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a source', description: 'The ETag is the source’s revision: send it back as If-Match on an appraisal.' })
  @ApiReadAccess()
  @ApiQuery({ name: 'minPosition', required: false, schema: { type: 'string', pattern: '^\\d+$' }, description: 'wait until the read models include this position (a write’s answer)' })
  @ApiOkResponse({ description: 'One source with its appraisals and citations', schema: responseSchema('Source') })
  @ApiProblems({ ...MIN_POSITION_PROBLEMS, ...idProblems('source') })
  async detail(@UuidParam('id') id: string, @Res({ passthrough: true }) res: Response, @PositionQuery('minPosition') minPosition: bigint | undefined) {
    await this.runner.readyForRead(minPosition);
    const source = this.runner.view(sourcesProjection).sources.get(id);
    if (!source) throw new NotFoundError('source', id);
    res.setHeader('ETag', `"${source.revision}"`);
    return presentSource(source);
  }

  @Get(':id/citations')
  @ApiOperation({ summary: 'List where a source is cited' })
  @ApiReadAccess()
  @ApiQuery({ name: 'minPosition', required: false, schema: { type: 'string', pattern: '^\\d+$' }, description: 'wait until the read models include this position (a write’s answer)' })
  @ApiOkResponse({ description: 'Every piece of evidence that cites the source: which claim, of which question, and how', schema: responseSchema('SourceCitations') })
  @ApiProblems({ ...MIN_POSITION_PROBLEMS, ...idProblems('source') })
  async citations(@UuidParam('id') id: string, @PositionQuery('minPosition') minPosition: bigint | undefined) {
    await this.runner.readyForRead(minPosition);
    const source = this.runner.view(sourcesProjection).sources.get(id);
    if (!source) throw new NotFoundError('source', id);
    const claims = this.runner.view(questionsProjection).claims;
    return {
      sourceId: id,
      title: source.title,
      citations: source.citations.map((citation) => ({ ...citation, claimText: claims.get(citation.claimId)?.text ?? null })),
    };
  }
}
