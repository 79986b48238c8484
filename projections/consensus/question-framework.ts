import type { ClaimRelation, EvidenceStance } from '../../src/ledger/question/question.events';
import type { QuestionView } from '../questions/questions.projection';
import {
  DEFAULT_EVIDENCE_BASE_SCORES,
  evidenceBaseScore,
  type EvidenceBaseScoreTable,
  type Reliability,
} from './evidence-base-score';
import type { BipolarFramework } from './types';

/** A claim's base score: no presumption for or against what someone has put forward. */
export const CLAIM_BASE_SCORE = 0.5;

/**
 * Argument ids carry their kind, so that a claim and a piece of evidence that happen to share an
 * id stay two arguments.
 */
export const claimArgumentId = (claimId: string): string => `claim:${claimId}`;
export const evidenceArgumentId = (evidenceId: string): string => `evidence:${evidenceId}`;

export type ArgumentOrigin =
  | { readonly kind: 'claim'; readonly claimId: string }
  | {
      readonly kind: 'evidence';
      readonly evidenceId: string;
      /** The claim it bears on. */
      readonly claimId: string;
      readonly sourceId: string;
      readonly stance: EvidenceStance;
      readonly locator: string | null;
    };

export interface QuestionFramework {
  readonly framework: BipolarFramework;
  /** What each argument id stands for. */
  readonly origins: ReadonlyMap<string, ArgumentOrigin>;
  /** The evidence arguments bearing on each live claim, by claim id. */
  readonly evidenceOf: ReadonlyMap<string, readonly string[]>;
  /** The relations behind each claim-to-claim edge, keyed by {@link edgeKey} of the argument ids. */
  readonly relations: ReadonlyMap<string, readonly ClaimRelation[]>;
}

export const edgeKey = (from: string, to: string): string => JSON.stringify([from, to]);

/**
 * The bipolar argumentation framework of one question (DOMAIN.md, "Consensus per question"):
 *
 * - one argument per live claim, at {@link CLAIM_BASE_SCORE}. A retracted claim leaves, and with
 *   it every relation from or to it and every piece of evidence on it: what its author withdrew no
 *   longer bears on anything, though the history keeps it;
 * - one leaf argument per attached piece of evidence on a live claim, at
 *   `evidenceBaseScore(reliabilityOf(source), credibility, table)`: the source's current appraisal
 *   and the evidence's own credibility, either missing read as "cannot be judged". Withdrawn
 *   evidence leaves;
 * - attacks: `rebuts` and `undercuts` relations and `undermines` evidence; supports: `supports`
 *   relations and `supports` evidence. An undercut attacks the inference from a claim's grounds
 *   rather than its conclusion, a distinction DF-QuAD and grounded semantics have no place for;
 *   either way the target should stand less firmly, so an undercut counts as an attack. The
 *   explanation still names the relation, so the reader sees which kind it was.
 *
 * Relations repeated between the same two claims make one edge. Pure: no I/O; `reliabilityOf` is
 * the caller's lookup (e.g. `SourceView.reliability`), null when the source is unappraised.
 */
export function buildQuestionFramework(
  question: QuestionView,
  reliabilityOf: (sourceId: string) => Reliability | null,
  table: EvidenceBaseScoreTable = DEFAULT_EVIDENCE_BASE_SCORES,
): QuestionFramework {
  const args: { id: string; base: number }[] = [];
  const attacks: [string, string][] = [];
  const supports: [string, string][] = [];
  const origins = new Map<string, ArgumentOrigin>();
  const evidenceOf = new Map<string, string[]>();
  const relations = new Map<string, ClaimRelation[]>();

  for (const claim of question.claims.values()) {
    if (claim.status !== 'live') continue;
    const id = claimArgumentId(claim.id);
    args.push({ id, base: CLAIM_BASE_SCORE });
    origins.set(id, { kind: 'claim', claimId: claim.id });
    evidenceOf.set(claim.id, []);
  }

  for (const relation of question.relations) {
    if (!evidenceOf.has(relation.fromClaimId) || !evidenceOf.has(relation.toClaimId)) continue;
    const edge: [string, string] = [claimArgumentId(relation.fromClaimId), claimArgumentId(relation.toClaimId)];
    (relation.relation === 'supports' ? supports : attacks).push(edge);
    const key = edgeKey(...edge);
    const kinds = relations.get(key) ?? [];
    if (!kinds.includes(relation.relation)) kinds.push(relation.relation);
    relations.set(key, kinds);
  }

  for (const evidence of question.evidence.values()) {
    const onClaim = evidenceOf.get(evidence.claimId);
    if (evidence.status !== 'attached' || onClaim === undefined) continue;
    const id = evidenceArgumentId(evidence.id);
    args.push({ id, base: evidenceBaseScore(reliabilityOf(evidence.sourceId), evidence.credibility, table) });
    origins.set(id, {
      kind: 'evidence',
      evidenceId: evidence.id,
      claimId: evidence.claimId,
      sourceId: evidence.sourceId,
      stance: evidence.stance,
      locator: evidence.locator,
    });
    (evidence.stance === 'supports' ? supports : attacks).push([id, claimArgumentId(evidence.claimId)]);
    onClaim.push(id);
  }

  for (const kinds of relations.values()) kinds.sort();
  return { framework: { arguments: args, attacks, supports }, origins, evidenceOf, relations };
}
