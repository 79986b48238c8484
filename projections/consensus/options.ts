import type { SolveSettings } from './df-quad';
import { ConsensusInputError, describeValue } from './errors';
import type { ConsensusOptions } from './types';

export const DEFAULT_TOLERANCE = 1e-9;
export const DEFAULT_MAX_ITERATIONS = 1000;

/** Options with defaults filled in, rejecting values that would make the iteration meaningless. */
export function readOptions(options: ConsensusOptions | undefined): SolveSettings {
  const tolerance = options?.tolerance ?? DEFAULT_TOLERANCE;
  const maxIterations = options?.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  if (typeof tolerance !== 'number' || !(tolerance >= 0) || !Number.isFinite(tolerance)) {
    throw new ConsensusInputError(
      'options.tolerance',
      `must be a finite number ≥ 0, got ${describeValue(tolerance)}`,
    );
  }
  if (!Number.isSafeInteger(maxIterations) || maxIterations < 0) {
    throw new ConsensusInputError(
      'options.maxIterations',
      `must be a whole number ≥ 0, got ${describeValue(maxIterations)}`,
    );
  }
  return { tolerance, maxIterations };
}
