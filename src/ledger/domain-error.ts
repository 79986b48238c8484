/**
 * A command broke a rule of the ledger (evidence on a retracted claim, retracting twice...). The API
 * answers 422, naming the field the rule is about.
 */
export class DomainRuleError extends Error {
  override readonly name = 'DomainRuleError';

  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The command names an aggregate or entity that does not exist. The API answers 404. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';

  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} does not exist`);
  }
}

export function rule(condition: unknown, code: string, message: string, field?: string): asserts condition {
  if (!condition) throw new DomainRuleError(code, message, field);
}
