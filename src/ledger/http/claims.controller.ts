import { Controller, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ReadRoute } from '../../http/openapi/read-route';
import { responseSchema } from '../../response-schemas';
import type { Response } from 'express';
import { PositionQuery } from '../../http/position-query';
import { UuidParam } from '../../http/uuid-param';
import { ProjectionRunner } from '../../projection-runtime/projection-runner';
import { questionsProjection, type QuestionsView } from '../../../projections/questions/questions.projection';
import { readEntity, withETag } from './entity-read';
import { presentClaim } from './presenters';

@ApiTags('claims')
@Controller('api')
export class ClaimsController {
  constructor(private readonly runner: ProjectionRunner) {}

  @ReadRoute({ path: 'claims/:id', subject: 'claim', summary: 'Get a claim', answer: 'The claim: current text, every earlier wording, status, relations, evidence, stances', schema: responseSchema('Claim'), etag: { revision: 'its question’s revision', sentBackOn: 'a write' } })
  async detail(@UuidParam('id') id: string, @Res({ passthrough: true }) res: Response, @PositionQuery('minPosition') minPosition: bigint | undefined) {
    const { claim, question } = await readEntity(this.runner, minPosition, questionsProjection, (view) => claimIn(view, id), 'claim', id);
    return withETag(res, question.revision, presentClaim(claim, question));
  }
}

/** A claim with the question it belongs to (whose revision is the claim's ETag). */
function claimIn(view: QuestionsView, id: string) {
  const claim = view.claims.get(id);
  const question = claim && view.questions.get(claim.questionId);
  return claim && question && { claim, question };
}
