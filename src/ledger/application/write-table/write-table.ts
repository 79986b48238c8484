import { CLAIM_WRITES } from './claim.writes';
import { EVIDENCE_WRITES } from './evidence.writes';
import { QUESTION_WRITES } from './question.writes';
import { SOURCE_WRITES } from './source.writes';
import type { WriteName } from './write';
import type { WriteRule } from './write-rule';

/**
 * Every write the ledger accepts and how it reaches its decider. Typed by `WriteInputs`, so a write
 * added there without a rule here does not compile.
 */
export const WRITE_TABLE: { [N in WriteName]: WriteRule<N> } = { ...QUESTION_WRITES, ...CLAIM_WRITES, ...EVIDENCE_WRITES, ...SOURCE_WRITES };
