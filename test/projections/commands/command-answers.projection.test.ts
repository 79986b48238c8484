import { describe, expect, it } from 'vitest';
import { commandAnswersProjection } from '../../../projections/commands/command-answers.projection';
import { claimProposed, claimsRelated, keyed, questionOpened, sourceRegistered } from '../../support/ledger-events';
import { projectionSpec } from '../../support/projection-spec';

const spec = projectionSpec(commandAnswersProjection);

describe('the command-answers projection', () => {
  it('keeps the answer to a keyed command: its stream, request hash, subject and events', () => {
    spec
      .given([questionOpened({ questionId: 'q' }), keyed(claimProposed({ questionId: 'q', claimId: 'a' }), 'cmd-1', 'h1')])
      .then((view) => {
        expect(view.byCommandId.get('cmd-1')).toEqual({ stream: 'question-q', requestHash: 'h1', subjectId: 'a', eventIds: ['event-1'], revision: 1n, position: 1n });
      });
  });

  it('adds the later events of the same command to its answer, the subject staying the first event’s', () => {
    spec
      .given([
        questionOpened({ questionId: 'q' }),
        keyed(claimProposed({ questionId: 'q', claimId: 'b' }), 'cmd-2'),
        keyed(claimsRelated({ questionId: 'q', fromClaimId: 'b', relation: 'supports', toClaimId: 'a', relationId: 'r' }), 'cmd-2'),
      ])
      .then((view) => {
        expect(view.byCommandId.get('cmd-2')).toMatchObject({ subjectId: 'b', eventIds: ['event-1', 'event-2'], revision: 2n, position: 2n });
      });
  });

  it('keeps nothing for commands sent without a key', () => {
    spec.given([questionOpened({ questionId: 'q' }), sourceRegistered({ sourceId: 's' })]).then((view) => expect(view.byCommandId.size).toBe(0));
  });
});
