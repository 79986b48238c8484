import { readFileSync } from 'node:fs';
import { ConsensusInputError, evidenceBaseScore, type EvidenceBaseScoreTable, type LabelThresholds } from '../../projections/consensus';
import { checkThresholds } from '../../projections/consensus/labels';
import { readOptions } from '../../projections/consensus/options';

/** The tunable parts of the consensus semantics (docs/consensus.md): plain data, so it can be hashed. */
export interface ConsensusSettings {
  baseScores?: EvidenceBaseScoreTable;
  thresholds?: LabelThresholds;
  tolerance?: number;
  maxIterations?: number;
}

const KEYS = ['baseScores', 'thresholds', 'tolerance', 'maxIterations'];

/**
 * Reads LEDGER_CONSENSUS_SETTINGS (a JSON file) and checks it with the semantics' own validators;
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
    .map((key) => `${name}: ${key} is not a setting; use ${KEYS.join(', ')}`);
  try {
    if (settings.thresholds) checkThresholds(settings.thresholds);
    readOptions({ tolerance: settings.tolerance, maxIterations: settings.maxIterations });
    if (settings.baseScores) {
      for (const reliability of ['A', 'B', 'C', 'D', 'E', 'F'] as const) {
        for (const credibility of [1, 2, 3, 4, 5, 6] as const) evidenceBaseScore(reliability, credibility, settings.baseScores);
      }
    }
  } catch (error) {
    if (!(error instanceof ConsensusInputError)) throw error;
    problems.push(`${name}: ${error.message}`);
  }
  return { settings, problems };
}
