import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiReadAccess, MIN_POSITION_PROBLEMS } from '../../http/openapi/problem-responses';
import { responseArray } from '../../response-schemas';
import { PositionQuery } from '../../http/position-query';
import { ProjectionRunner } from '../../projection-runtime/projection-runner';
import { contributedKinds, participantsProjection, questionsOf } from '../../../projections/participants/participants.projection';

@ApiTags('participants')
@Controller('api/participants')
export class ParticipantsController {
  constructor(private readonly runner: ProjectionRunner) {}

  @Get()
  @ApiOperation({ summary: 'List participants' })
  @ApiReadAccess()
  @ApiQuery({ name: 'minPosition', required: false, schema: { type: 'string', pattern: '^\\d+$' }, description: 'wait until the read models include this position (a write’s answer)' })
  @ApiOkResponse({
    description:
      'Everyone who contributed: what they said as historical authors (attributed) and what they entered into the ledger (recorded), by kind',
    schema: responseArray('Participant'),
  })
  @ApiProblems(MIN_POSITION_PROBLEMS)
  async list(@PositionQuery('minPosition') minPosition: bigint | undefined) {
    await this.runner.readyForRead(minPosition);
    const view = this.runner.view(participantsProjection);
    return [...view.byName.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(({ questionBits, ...participant }) => ({
        ...participant,
        attributed: contributedKinds(participant.attributed),
        recorded: contributedKinds(participant.recorded),
        questionIds: questionsOf(view, questionBits),
      }));
  }
}
