import { CLAIM_LABELS, type ClaimConsensus, type ClaimLabel, type EvidenceConsensus, type QuestionConsensus } from '../../projections/consensus';
import type { AsOf } from '../../projections/time-travel/as-of';
import type { TimelineEntry } from '../../projections/timeline/question-history';


/** What a consensus says of the question as a whole, computed once per consensus (it is a new object whenever anything in it changed). */
interface ConsensusIndex {
  summary: ConsensusSummary;
  evidenceByClaim: Map<string, EvidenceConsensus[]>;
}

export interface ConsensusSummary {
  claims: number;
  liveClaims: number;
  evidence: number;
  labels: Record<ClaimLabel, number>;
  acceptedAnswers: { id: string; text: string; strength: number | null; groundedStrength: number | null }[];
}

const indexes = new WeakMap<QuestionConsensus, ConsensusIndex>();

function indexOf(consensus: QuestionConsensus): ConsensusIndex {
  let index = indexes.get(consensus);
  if (index) return index;
  const labels = Object.fromEntries(CLAIM_LABELS.map((label) => [label, 0])) as Record<ClaimLabel, number>;
  const acceptedAnswers: ConsensusSummary['acceptedAnswers'] = [];
  for (const claim of consensus.claims) {
    labels[claim.label]++;
    // The answers the question's status rests on: a live answer the record corroborates.
    if (claim.kind === 'answer' && claim.label === 'corroborated') {
      acceptedAnswers.push({ id: claim.id, text: claim.text, strength: claim.strength, groundedStrength: claim.groundedStrength });
    }
  }
  const evidenceByClaim = new Map<string, EvidenceConsensus[]>();
  for (const evidence of consensus.evidence) {
    const list = evidenceByClaim.get(evidence.claimId);
    if (list) list.push(evidence);
    else evidenceByClaim.set(evidence.claimId, [evidence]);
  }
  index = {
    summary: { claims: consensus.claims.length, liveClaims: consensus.claims.length - labels.retracted, evidence: consensus.evidence.length, labels, acceptedAnswers },
    evidenceByClaim,
  };
  indexes.set(consensus, index);
  return index;
}

/** The question's counts per label and its accepted answers: what a reader sees before any claim. */
export const consensusSummary = (consensus: QuestionConsensus): ConsensusSummary => indexOf(consensus).summary;

/** The consensus without its claims: the question's status, standard, semantics, moment and summary. */
function presentConsensusHead(consensus: QuestionConsensus, position: bigint | null, asOf?: AsOf) {
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
    summary: consensusSummary(consensus),
  };
}

/**
 * A claim without what explains its label (grounds, what stands against it, leads, rivals, what
 * would change it): what a list or a map needs. Those grow with the question's graph; they come with
 * `?explain=true`, or for one claim from `…/consensus/claims/:claimId`.
 */
export function briefClaim(claim: ClaimConsensus) {
  const { grounds: _grounds, against: _against, leads: _leads, rivals: _rivals, wouldChange: _wouldChange, ...brief } = claim;
  return brief;
}

/** The whole consensus, every claim explained: the Server-Sent Events (replay, live stream) send this. */
export function presentConsensus(consensus: QuestionConsensus, position: bigint | null, asOf?: AsOf) {
  return { ...presentConsensusHead(consensus, position, asOf), claims: consensus.claims, evidence: consensus.evidence };
}

/** The consensus with one page of claims (explained or not) and the evidence on those claims: what `GET …/consensus` answers. */
export function presentConsensusPage(consensus: QuestionConsensus, position: bigint | null, asOf: AsOf | undefined, claims: readonly ClaimConsensus[], explain: boolean) {
  const { evidenceByClaim } = indexOf(consensus);
  return {
    ...presentConsensusHead(consensus, position, asOf),
    claims: explain ? claims : claims.map(briefClaim),
    evidence: claims.flatMap((claim) => evidenceByClaim.get(claim.id) ?? []),
  };
}

export function presentTimelineEntry(entry: TimelineEntry) {
  return { ...entry, position: entry.position.toString(), revision: entry.revision.toString() };
}
