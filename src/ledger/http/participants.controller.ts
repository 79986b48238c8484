import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ReadRoute } from '../../http/openapi/read-route';
import { readView } from './entity-read';
import { comparePositionAndText, Pager, Paging, positionAndTextCursor, takePage } from '../../http/pagination';
import { responseSchema } from '../../response-schemas';
import { PositionQuery } from '../../http/position-query';
import { ProjectionRunner } from '../../projection-runtime/projection-runner';
import { contributedKinds, participantsProjection, questionsOf, type ParticipantView } from '../../../projections/participants/participants.projection';

const PARTICIPANTS = positionAndTextCursor('participants');
const keyOf = (participant: ParticipantView) => ({ position: participant.firstPosition, text: participant.name });

@ApiTags('participants')
@Controller('api/participants')
export class ParticipantsController {
  constructor(private readonly runner: ProjectionRunner) {}

  @ReadRoute({ summary: 'List participants', pageOf: responseSchema('Participant'), description: 'In the order they were first named in the ledger (the position of that event, then the name), a page at a time.', answer: 'Everyone who contributed: what they said as historical authors (attributed) and what they entered into the ledger (recorded), by kind; one page' })
  async list(@PositionQuery('minPosition') minPosition: bigint | undefined, @Paging() pager: Pager) {
    const page = pager.pageOf(PARTICIPANTS);
    const view = await readView(this.runner, minPosition, participantsProjection);
    // The view holds people in the order first named, but an author and a recorder named by one event
    // share a position: sorted by (position, name), the order a cursor compares by.
    const ordered = [...view.byName.values()].sort((a, b) => comparePositionAndText(keyOf(a), keyOf(b)));
    const { items, next } = takePage(ordered, keyOf, comparePositionAndText, page);
    return pager.answer(PARTICIPANTS, page, {
      next,
      items: items.map(({ questionBits, firstPosition, ...participant }) => ({
        ...participant,
        attributed: contributedKinds(participant.attributed),
        recorded: contributedKinds(participant.recorded),
        questionIds: questionsOf(view, questionBits),
        firstPosition: firstPosition.toString(),
      })),
    });
  }
}
