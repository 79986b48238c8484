import { Map as ImmutableMap, Set as ImmutableSet } from 'immutable';
import type { ClaimRelation } from './question.events';

export interface ClaimFacts {
  text: string;
  ownerId: string;
  retracted: boolean;
}

export interface EvidenceFacts {
  claimId: string;
  ownerId: string;
  withdrawn: boolean;
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
  claims: ImmutableMap<string, ClaimFacts>;
  evidence: ImmutableMap<string, EvidenceFacts>;
  /** `from|relation|to` of every relation recorded, to refuse the same relation twice. */
  relations: ImmutableSet<string>;
}

export const initialQuestionState: QuestionState = {
  exists: false,
  title: '',
  body: '',
  resolved: false,
  claims: ImmutableMap(),
  evidence: ImmutableMap(),
  relations: ImmutableSet(),
};

export function relationKey(from: string, relation: ClaimRelation, to: string): string {
  return `${from}|${relation}|${to}`;
}
