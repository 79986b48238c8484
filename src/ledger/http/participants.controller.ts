import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PositionQuery } from '../../http/position-query';
import { ProjectionRunner } from '../../projection-runtime/projection-runner';
import { participantsProjection } from '../../../projections/participants/participants.projection';

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
    return [...this.runner.view(participantsProjection).byName.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((participant) => ({ ...participant, questionIds: [...participant.questionIds] }));
  }
}
