import type { QuestionCommand } from '../../question/question.commands';
import type { SourceCommand } from '../../source/source.commands';
import { entityIdFor } from '../derived-ids';
import { subjectOf, type Write, type WriteName } from './write';

/**
 * What the rules may ask of the rest of the ledger: where an entity lives, and whether a referenced
 * one exists. Kept narrow so a rule can be read (and tried) without the writer or Nest.
 */
export interface WriteReferences {
  questionOfClaim(claimId: string): Promise<string>;
  questionOfEvidence(evidenceId: string): Promise<string>;
  questionExists(questionId: string): Promise<boolean>;
  /** Throws the ledger's `unknown-source` refusal naming `field` when the source is not registered. */
  requireSource(sourceId: string, field: string): Promise<void>;
}

interface RuleOf<N extends WriteName, Command> {
  /** The id of the aggregate the write goes to (a question or a source). */
  locate(write: Write<N>, references: WriteReferences): string | Promise<string>;
  /** References to other aggregates, checked after locating and before deciding. */
  check?(write: Write<N>, references: WriteReferences): Promise<void>;
  /** The decider's command, with every id chosen. */
  command(write: Write<N>, aggregateId: string): Command;
}

/** How one write reaches its decider: a row of the write table. */
export type WriteRule<N extends WriteName> = ({ aggregate: 'question' } & RuleOf<N, QuestionCommand>) | ({ aggregate: 'source' } & RuleOf<N, SourceCommand>);

/** The usual ways to find the aggregate. */
export const locate = {
  /** A new entity: its id is derived from the command id, so a retried command finds the same one. */
  created: (kind: 'question' | 'source') => (write: Write) => entityIdFor(write.context.commandId, kind),
  /** The route names the aggregate itself. */
  subject: (write: Write) => subjectOf(write),
  questionOfClaim: (write: Write, references: WriteReferences) => references.questionOfClaim(subjectOf(write)),
  questionOfEvidence: (write: Write, references: WriteReferences) => references.questionOfEvidence(subjectOf(write)),
};
