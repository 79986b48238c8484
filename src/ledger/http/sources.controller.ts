import { Controller, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ReadRoute } from '../../http/openapi/read-route';
import { responseSchema } from '../../response-schemas';
import type { Response } from 'express';
import { PositionQuery } from '../../http/position-query';
import { compareBigints, Pager, Paging, positionCursor, takePage } from '../../http/pagination';
import { UuidParam } from '../../http/uuid-param';
import { ProjectionRunner } from '../../projection-runtime/projection-runner';
import { questionsProjection } from '../../../projections/questions/questions.projection';
import { sourcesProjection } from '../../../projections/sources/sources.projection';
import { readEntity, readView, withETag } from './entity-read';
import { presentSource } from './presenters';

@ApiTags('sources')
@Controller('api/sources')
export class SourcesController {
  constructor(
    private readonly runner: ProjectionRunner,
  ) {}

  @ReadRoute({ summary: 'List sources', pageOf: responseSchema('Source'), description: 'In the order registered (the cursor carries the position of each registration), a page at a time.', answer: 'One page of the bibliography: each source, its appraisals, and the evidence that cites it' })
  async list(@PositionQuery('minPosition') minPosition: bigint | undefined, @Paging() pager: Pager) {
    const page = pager.pageOf(SOURCES);
    const { sources } = await readView(this.runner, minPosition, sourcesProjection);
    // The view holds sources in the order registered: by position, the cursor's key.
    return pager.answer(SOURCES, page, takePage(sources.values(), (source) => source.position, compareBigints, page)).map(presentSource);
  }

  @ReadRoute({ path: ':id', subject: 'source', summary: 'Get a source', answer: 'One source with its appraisals and citations', schema: responseSchema('Source'), etag: { revision: 'the source’s revision', sentBackOn: 'an appraisal' } })
  async detail(@UuidParam('id') id: string, @Res({ passthrough: true }) res: Response, @PositionQuery('minPosition') minPosition: bigint | undefined) {
    const source = await readEntity(this.runner, minPosition, sourcesProjection, (view) => view.sources.get(id), 'source', id);
    return withETag(res, source.revision, presentSource(source));
  }

  @ReadRoute({
    path: ':id/citations', subject: 'source',
    summary: 'List where a source is cited',
    answer: 'Every piece of evidence that cites the source: which claim, of which question, and how',
    schema: responseSchema('SourceCitations'),
  })
  async citations(@UuidParam('id') id: string, @PositionQuery('minPosition') minPosition: bigint | undefined) {
    const source = await readEntity(this.runner, minPosition, sourcesProjection, (view) => view.sources.get(id), 'source', id);
    const claims = this.runner.view(questionsProjection).claims;
    return {
      sourceId: id,
      title: source.title,
      citations: source.citations.map((citation) => ({ ...citation, claimText: claims.get(citation.claimId)?.text ?? null })),
    };
  }
}

const SOURCES = positionCursor('sources');
