/**
 * Bad input to a consensus function. `field` is a path into the input (`attacks[3][1]`,
 * `arguments[0].base`, `options.tolerance`), and the message starts with it.
 */
export class ConsensusInputError extends Error {
  override readonly name = 'ConsensusInputError';

  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

/** How a rejected value is shown in a message: numbers as written (NaN, Infinity), anything else by type. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return value === null ? 'null' : typeof value;
}
