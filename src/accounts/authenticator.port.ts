import type { Authentication } from './accounts.service';

/**
 * How a bearer credential becomes a principal. Today: the ledger's own tokens (`Accounts`). An
 * OIDC/JWT verifier can be provided under this token instead, and nothing else changes: the guard
 * and the routes only see a principal and its role.
 */
export interface Authenticator {
  authenticate(bearer: string): Promise<Authentication>;
}

export const AUTHENTICATOR = Symbol('AUTHENTICATOR');
