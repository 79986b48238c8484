import type { QuestionConsensus } from '../consensus';
import type { ConsensusForExport } from './export-input';

/** The engine's consensus of one question, narrowed to what the exports read. */
export function consensusForExport(consensus: QuestionConsensus, asOf?: string): ConsensusForExport {
  const check = consensus.resolution;
  return {
    status: consensus.status,
    ...(asOf !== undefined ? { asOf } : {}),
    claims: consensus.claims.map((c) => ({
      id: c.id,
      label: c.label,
      strength: c.strength,
      grounded: c.grounded,
      explanation: c.explanation.summary,
    })),
    ...(check.exists ? { resolution: { agrees: check.agrees, disagreements: check.disagreements.map((d) => ({ ...d })) } } : {}),
  };
}
