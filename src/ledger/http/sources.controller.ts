import { Controller, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { idProblems } from '../../http/openapi/problem-responses';
import { ReadRoute } from '../../http/openapi/read-route';
import { responseArray, responseSchema } from '../../response-schemas';
import type { Request, Response } from 'express';
import { PositionQuery } from '../../http/position-query';
import { answerPage, compareBigints, positionCursor, readPageRequest, takePage } from '../../http/pagination';
import { UuidParam } from '../../http/uuid-param';
import { ProjectionRunner } from '../../projection-runtime/projection-runner';
import { questionsProjection } from '../../../projections/questions/questions.projection';
import { sourcesProjection } from '../../../projections/sources/sources.projection';
import { NotFoundError } from '../domain-error';
import { presentSource } from './presenters';

@ApiTags('sources')
@Controller('api/sources')
export class SourcesController {
  constructor(
    private readonly runner: ProjectionRunner,
  ) {}

  @ReadRoute({
    summary: 'List sources',
    description: 'In the order registered (the cursor carries the position of each registration), a page at a time.',
    answer: 'One page of the bibliography: each source, its appraisals, and the evidence that cites it',
    schema: responseArray('Source'),
    paged: true,
  })
  async list(
    @PositionQuery('minPosition') minPosition: bigint | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query('limit') limit?: unknown,
    @Query('after') after?: unknown,
  ) {
    const page = readPageRequest({ limit, after }, SOURCES);
    await this.runner.readyForRead(minPosition);
    // The view holds sources in the order registered: by position, the cursor's key.
    const found = takePage(this.runner.view(sourcesProjection).sources.values(), (source) => source.position, compareBigints, page);
    return answerPage(req, res, SOURCES, page, { next: found.next, items: found.items.map(presentSource) });
  }

  @ReadRoute({
    path: ':id',
    summary: 'Get a source',
    description: 'The ETag is the source’s revision: send it back as If-Match on an appraisal.',
    answer: 'One source with its appraisals and citations',
    schema: responseSchema('Source'),
    problems: idProblems('source'),
  })
  async detail(@UuidParam('id') id: string, @Res({ passthrough: true }) res: Response, @PositionQuery('minPosition') minPosition: bigint | undefined) {
    await this.runner.readyForRead(minPosition);
    const source = this.runner.view(sourcesProjection).sources.get(id);
    if (!source) throw new NotFoundError('source', id);
    res.setHeader('ETag', `"${source.revision}"`);
    return presentSource(source);
  }

  @ReadRoute({
    path: ':id/citations',
    summary: 'List where a source is cited',
    answer: 'Every piece of evidence that cites the source: which claim, of which question, and how',
    schema: responseSchema('SourceCitations'),
    problems: idProblems('source'),
  })
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

const SOURCES = positionCursor('sources');
