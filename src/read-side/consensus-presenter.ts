import type { QuestionConsensus } from '../../projections/consensus';
import type { AsOf } from '../../projections/time-travel/as-of';
import type { TimelineEntry } from '../../projections/timeline/question-history';

/** The consensus view as JSON: the same shape live and as of any moment. */
export function presentConsensus(consensus: QuestionConsensus, position: bigint | null, asOf?: AsOf) {
  return {
    questionId: consensus.questionId,
    status: consensus.status,
    proofStandard: consensus.proofStandard,
    thresholds: consensus.thresholds,
    semantics: consensus.semantics,
    asOf: asOf === undefined ? null : 'time' in asOf ? asOf.time.toISOString() : null,
    axis: asOf?.axis ?? 'recorded',
    atPosition: asOf !== undefined && 'position' in asOf ? asOf.position.toString() : null,
    position: position?.toString() ?? null,
    converged: consensus.converged,
    iterations: consensus.iterations,
    residual: consensus.residual,
    resolution: consensus.resolution,
    claims: consensus.claims,
    evidence: consensus.evidence,
  };
}

export function presentTimelineEntry(entry: TimelineEntry) {
  return { ...entry, position: entry.position.toString(), revision: entry.revision.toString() };
}
