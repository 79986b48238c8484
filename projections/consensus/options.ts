import type { SolveSettings } from './df-quad';
import { ConsensusInputError, describeValue } from './errors';
import type { ConsensusOptions, Semantics } from './types';

export const DEFAULT_TOLERANCE = 1e-9;
export const DEFAULT_MAX_ITERATIONS = 1000;
/** The semantics of the plain `computeConsensus(framework)`: DF-QuAD, whose published values it keeps. */
export const DEFAULT_SEMANTICS: Semantics = 'df-quad';
/** Every value `options.semantics` accepts. */
export const SEMANTICS: readonly Semantics[] = ['df-quad', 'quadratic-energy'];

/**
 * Options with defaults filled in, rejecting values that would make the iteration meaningless.
 * `defaultSemantics` is what an absent `semantics` means (a caller with its own default, such as a
 * question's consensus, passes it here).
 */
export function readOptions(
  options: ConsensusOptions | undefined,
  defaultSemantics: Semantics = DEFAULT_SEMANTICS,
): Required<SolveSettings> {
  const tolerance = options?.tolerance ?? DEFAULT_TOLERANCE;
  const maxIterations = options?.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const semantics = options?.semantics ?? defaultSemantics;
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
  if (!SEMANTICS.includes(semantics)) {
    throw new ConsensusInputError(
      'options.semantics',
      `must be one of ${SEMANTICS.map((s) => JSON.stringify(s)).join(', ')}, got ${describeValue(semantics)}`,
    );
  }
  return { tolerance, maxIterations, semantics };
}
