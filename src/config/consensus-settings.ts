import { readFileSync } from 'node:fs';
import {
  ConsensusInputError,
  resolveSettings,
  type EvidenceBaseScoreTable,
  type ProofStandardTable,
  type Semantics,
} from '../../projections/consensus';

/** The tunable parts of the consensus (docs/consensus.md): plain data, so it can be hashed. */
export interface ConsensusSettings {
  semantics?: Semantics;
  baseScores?: EvidenceBaseScoreTable;
  proofStandards?: ProofStandardTable;
  tolerance?: number;
  maxIterations?: number;
}

const KEYS = ['semantics', 'baseScores', 'proofStandards', 'tolerance', 'maxIterations'];

/**
 * Reads LEDGER_CONSENSUS_SETTINGS (a JSON file) and checks it with the consensus's own validators;
 * returns a list of problems naming the variable and the field.
 */
export function readConsensusSettings(path: string | undefined): { settings: ConsensusSettings; problems: string[] } {
  if (!path) return { settings: {}, problems: [] };
  const name = 'LEDGER_CONSENSUS_SETTINGS';
  let settings: ConsensusSettings;
  try {
    settings = JSON.parse(readFileSync(path, 'utf8')) as ConsensusSettings;
  } catch (error) {
    return { settings: {}, problems: [`${name}: cannot read ${path} as JSON: ${(error as Error).message}`] };
  }
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    return { settings: {}, problems: [`${name}: ${path} must hold a JSON object with ${KEYS.join(', ')}`] };
  }
  const problems = Object.keys(settings)
    .filter((key) => !KEYS.includes(key))
    .map((key) =>
      key === 'thresholds'
        ? `${name}: thresholds is no longer a setting: label thresholds are set per proof standard, in proofStandards`
        : `${name}: ${key} is not a setting; use ${KEYS.join(', ')}`,
    );
  try {
    resolveSettings(settings);
  } catch (error) {
    if (!(error instanceof ConsensusInputError)) throw error;
    problems.push(`${name}: ${error.message}`);
  }
  return { settings, problems };
}
