import type { QuestionConsensus } from '../consensus';
import type { ConsensusForExport } from './export-input';

/** Where and when an export stands in the record: all optional, all given by the caller. */
export interface ExportMoment {
  /** The moment an "as of" query asked about (ISO-8601, or a partial date as given). */
  asOf?: string;
  axis?: 'recorded' | 'occurred';
  /** The ledger position the consensus reflects (`CurrentQuestionConsensus.position`). */
  position?: bigint | number | string;
  /** When the export is made (ISO-8601). */
  madeAt?: string;
}

/**
 * The engine's consensus of one question, narrowed to what the exports read. The second argument is
 * either the "as of" moment alone (as before) or the whole {@link ExportMoment}.
 */
export function consensusForExport(consensus: QuestionConsensus, moment?: string | ExportMoment): ConsensusForExport {
  const check = consensus.resolution;
  const m: ExportMoment = typeof moment === 'string' ? { asOf: moment } : (moment ?? {});
  return {
    status: consensus.status,
    proofStandard: consensus.proofStandard,
    semantics: consensus.semantics,
    thresholds: { accept: consensus.thresholds.accept, reject: consensus.thresholds.reject, rivalMargin: consensus.thresholds.rivalMargin },
    ...(m.asOf !== undefined ? { asOf: m.asOf } : {}),
    ...(m.axis !== undefined ? { axis: m.axis } : {}),
    ...(m.position !== undefined ? { position: String(m.position) } : {}),
    ...(m.madeAt !== undefined ? { madeAt: m.madeAt } : {}),
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
