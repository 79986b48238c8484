import { Map as ImmutableMap, Set as ImmutableSet } from 'immutable';
import { DEFAULT_PROOF_STANDARD, type ClaimRelation, type ProofStandard, type Verification } from '../../../contract/question.events';

export interface ClaimFacts {
  text: string;
  ownerId: string;
  retracted: boolean;
}

export interface EvidenceFacts {
  claimId: string;
  ownerId: string;
  withdrawn: boolean;
  /** The current verification: verification can only be raised. */
  verification: Verification;
}

/**
 * What the question aggregate must remember to enforce its rules, and no more. Persistent maps keep
 * `evolve` pure and O(log n) per event, so a question of 10,000 claims loads in linear time.
 */
export interface QuestionState {
  exists: boolean;
  title: string;
  body: string;
  resolved: boolean;
  /** The proof standard in force, so that a change to the same one is refused. */
  proofStandard: ProofStandard;
  claims: ImmutableMap<string, ClaimFacts>;
  evidence: ImmutableMap<string, EvidenceFacts>;
  /**
   * Every relation recorded, to refuse the same relation twice: `from|relation|to` for a claim
   * target (a `competes` relation under both orders, since it is symmetric), `from|relation|evidence:to`
   * for an evidence target.
   */
  relations: ImmutableSet<string>;
}

export const initialQuestionState: QuestionState = {
  exists: false,
  title: '',
  body: '',
  resolved: false,
  proofStandard: DEFAULT_PROOF_STANDARD,
  claims: ImmutableMap(),
  evidence: ImmutableMap(),
  relations: ImmutableSet(),
};

export function relationKey(from: string, relation: ClaimRelation, to: string): string {
  return `${from}|${relation}|${to}`;
}

export function evidenceRelationKey(from: string, relation: ClaimRelation, toEvidenceId: string): string {
  return `${from}|${relation}|evidence:${toEvidenceId}`;
}
