import { Controller, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { idProblems } from '../../http/openapi/problem-responses';
import { ReadRoute } from '../../http/openapi/read-route';
import { responseSchema } from '../../response-schemas';
import type { Response } from 'express';
import { PositionQuery } from '../../http/position-query';
import { UuidParam } from '../../http/uuid-param';
import { ProjectionRunner } from '../../projection-runtime/projection-runner';
import { questionsProjection } from '../../../projections/questions/questions.projection';
import { NotFoundError } from '../domain-error';
import { presentClaim } from './presenters';

@ApiTags('claims')
@Controller('api')
export class ClaimsController {
  constructor(
    private readonly runner: ProjectionRunner,
  ) {}

  @ReadRoute({
    path: 'claims/:id',
    summary: 'Get a claim',
    description: 'The ETag is its question’s revision: send it back as If-Match on a write.',
    answer: 'The claim: current text, every earlier wording, status, relations, evidence, stances',
    schema: responseSchema('Claim'),
    problems: idProblems('claim'),
  })
  async detail(@UuidParam('id') id: string, @Res({ passthrough: true }) res: Response, @PositionQuery('minPosition') minPosition: bigint | undefined) {
    await this.runner.readyForRead(minPosition);
    const view = this.runner.view(questionsProjection);
    const claim = view.claims.get(id);
    const question = claim && view.questions.get(claim.questionId);
    if (!claim || !question) throw new NotFoundError('claim', id);
    res.setHeader('ETag', `"${question.revision}"`);
    return presentClaim(claim, question);
  }
}
