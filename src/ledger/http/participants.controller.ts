import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PositionQuery } from '../../http/position-query';
import { ProjectionRunner } from '../../projection-runtime/projection-runner';
import { contributedKinds, participantsProjection, questionsOf } from '../../../projections/participants/participants.projection';

@ApiTags('participants')
@Controller('api/participants')
export class ParticipantsController {
  constructor(private readonly runner: ProjectionRunner) {}

  @Get()
  @ApiOkResponse({
    description:
      'Everyone who contributed: what they said as historical authors (attributed) and what they entered into the ledger (recorded), by kind',
  })
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
