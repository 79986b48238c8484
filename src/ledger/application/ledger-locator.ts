import { Injectable } from '@nestjs/common';
import { ProjectionRunner } from '../../projection-runtime/projection-runner';
import { questionsProjection } from '../../../projections/questions/questions.projection';
import { sourcesProjection } from '../../../projections/sources/sources.projection';
import { NotFoundError } from '../domain-error';

/** Finds the question a claim or a piece of evidence belongs to, to route commands to its stream. */
@Injectable()
export class LedgerLocator {
  constructor(private readonly runner: ProjectionRunner) {}

  questionOfClaim(claimId: string): Promise<string> {
    return this.find(() => this.runner.view(questionsProjection).claims.get(claimId)?.questionId, 'claim', claimId);
  }

  questionOfEvidence(evidenceId: string): Promise<string> {
    return this.find(() => this.runner.view(sourcesProjection).citationByEvidence.get(evidenceId)?.questionId, 'evidence', evidenceId);
  }

  /** Looks in the views; on a miss, catches up with the store first, since the id may be brand new. */
  private async find(lookup: () => string | undefined, entity: string, id: string): Promise<string> {
    const known = lookup();
    if (known) return known;
    await this.runner.catchUp();
    const found = lookup();
    if (!found) throw new NotFoundError(entity, id);
    return found;
  }
}
