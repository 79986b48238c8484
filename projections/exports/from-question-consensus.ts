import type { QuestionConsensus } from '../consensus';
import type { ConsensusForExport } from './export-input';

/** The engine's consensus of one question, narrowed to what the exports read. */
export function consensusForExport(consensus: QuestionConsensus, asOf?: string): ConsensusForExport {
  const check = consensus.resolution;
  return {
    status: consensus.status,
    proofStandard: consensus.proofStandard,
    ...(asOf !== undefined ? { asOf } : {}),
    claims: consensus.claims.map((c) => ({
      id: c.id,
      label: c.label,
      strength: c.strength,
      grounded: c.grounded,
      status: c.status,
      reading: c.reading,
      stances: { endorse: c.stances.endorse, dispute: c.stances.dispute, agreement: c.stances.agreement },
      leads: c.leads.length,
    })),
    ...(check.exists ? { resolution: { agrees: check.agrees, disagreements: check.disagreements.map((d) => ({ ...d })) } } : {}),
  };
}
