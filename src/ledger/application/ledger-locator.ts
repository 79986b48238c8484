import { Injectable } from '@nestjs/common';
import { ProjectionRunner } from '../../projection-runtime/projection-runner';
import { streamLocator, type StreamLocatorView } from '../../../projections/locator/stream-locator';
import { NotFoundError } from '../domain-error';

/** Finds the question a claim or a piece of evidence belongs to, to route commands to its stream. */
@Injectable()
export class LedgerLocator {
  constructor(private readonly runner: ProjectionRunner) {}

  questionOfClaim(claimId: string): Promise<string> {
    return this.find((view) => view.questionOfClaim.get(claimId), 'claim', claimId);
  }

  questionOfEvidence(evidenceId: string): Promise<string> {
    return this.find((view) => view.questionOfEvidence.get(evidenceId), 'evidence', evidenceId);
  }

  /** Looks in the index; on a miss, catches up with the store first, since the id may be brand new. */
  private async find(
    lookup: (view: StreamLocatorView) => string | undefined,
    entity: string,
    id: string,
  ): Promise<string> {
    const known = lookup(this.runner.view(streamLocator));
    if (known) return known;
    await this.runner.catchUp();
    const found = lookup(this.runner.view(streamLocator));
    if (!found) throw new NotFoundError(entity, id);
    return found;
  }
}
