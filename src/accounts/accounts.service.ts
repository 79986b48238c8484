import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { LedgerConfig } from '../config/ledger-config';
import { ProjectionRunner } from '../projection-runtime/projection-runner';
import { LedgerWriter } from '../ledger/application/writer/ledger-writer';
import { commandIdFor } from '../ledger/application/derived-ids';
import { NotFoundError } from '../ledger/domain-error';
import type { CommandContext, Principal } from '../ledger/provenance/provenance';
import { accountsProjection, type PrincipalView, type TokenView } from '../../projections/accounts/accounts.projection';
import { accountsDecider, type AccountsCommand } from './accounts.decider';
import { ACCOUNTS_STREAM, roleRank, type Role } from '../../contract/accounts.events';
import { digestToken, generateToken, isWellFormedToken, sameDigest } from './tokens';

export interface AuthenticatedPrincipal extends Principal {
  role: Role;
}

export type Authentication =
  | { ok: true; principal: AuthenticatedPrincipal; tokenId: string }
  | { ok: false; reason: 'malformed' | 'unknown' | 'revoked' };

/** Who acts when nobody has logged in: the first start creating the first admin. */
export const SYSTEM_PRINCIPAL: Principal = { id: 'system', name: 'system' };

/** Principals and bearer tokens, kept as events in the `accounts` stream like everything else. */
@Injectable()
export class Accounts {
  private readonly logger = new Logger('Accounts');

  constructor(
    private readonly writer: LedgerWriter,
    private readonly runner: ProjectionRunner,
  ) {}

  async principals(): Promise<PrincipalView[]> {
    await this.runner.catchUp();
    return [...this.runner.view(accountsProjection).principals.values()];
  }

  /** A principal by id or by name (names are unique, case-insensitively). */
  async principal(idOrName: string): Promise<PrincipalView> {
    await this.runner.catchUp();
    const view = this.runner.view(accountsProjection);
    const found = view.principals.get(idOrName) ?? view.principalsByName.get(idOrName.toLowerCase());
    if (!found) throw new NotFoundError('principal', idOrName);
    return found;
  }

  async addPrincipal(name: string, role: Role, by: Principal): Promise<PrincipalView> {
    const principalId = randomUUID();
    await this.execute({ type: 'AddPrincipal', principalId, name, role }, by);
    return this.principal(principalId);
  }

  async changeRole(principalId: string, role: Role, by: Principal): Promise<PrincipalView> {
    await this.execute({ type: 'ChangeRole', principalId, role }, by);
    return this.principal(principalId);
  }

  /** Creates a token and returns it: the only time it is ever shown. Only its digest is stored. */
  async createToken(principalId: string, by: Principal, preset?: string): Promise<{ tokenId: string; token: string; principal: PrincipalView }> {
    const principal = await this.principal(principalId);
    const token = preset ?? generateToken();
    const tokenId = randomUUID();
    await this.execute({ type: 'CreateToken', tokenId, principalId: principal.id, ...digestToken(token) }, by);
    return { tokenId, token, principal };
  }

  async tokens(principalId: string): Promise<Omit<TokenView, 'lookup' | 'sha256'>[]> {
    const principal = await this.principal(principalId);
    return [...this.runner.view(accountsProjection).tokens.values()]
      .filter((t) => t.principalId === principal.id)
      .map(({ id, principalId: owner, createdAt, revokedAt }) => ({ id, principalId: owner, createdAt, revokedAt }));
  }

  async revokeToken(tokenId: string, by: Principal): Promise<void> {
    await this.execute({ type: 'RevokeToken', tokenId }, by);
    // The revocation is in the view before anyone is told it is done.
    await this.runner.catchUp();
  }

  /**
   * Checks a presented bearer token against the accounts view, which the live subscription keeps
   * current (a revocation through this server counts before its answer is sent; one made by the CLI in
   * another process, within the store's poll interval). A token not found may be brand new: the view
   * catches up once before it is refused.
   */
  async authenticate(token: string): Promise<Authentication> {
    if (!isWellFormedToken(token)) return { ok: false, reason: 'malformed' };
    const { lookup, sha256 } = digestToken(token);
    const find = () => (this.runner.view(accountsProjection).tokensByLookup.get(lookup) ?? []).find((candidate) => sameDigest(sha256, candidate.sha256));
    let stored = find();
    if (!stored) {
      await this.runner.catchUp();
      stored = find();
    }
    const view = this.runner.view(accountsProjection);
    if (!stored) return { ok: false, reason: 'unknown' };
    if (stored.revokedAt !== null) return { ok: false, reason: 'revoked' };
    const principal = view.principals.get(stored.principalId)!;
    return { ok: true, principal: { id: principal.id, name: principal.name, role: principal.role }, tokenId: stored.id };
  }

  /**
   * On first start, when no admin exists, creates one and prints its token once, or registers the
   * preset LEDGER_ADMIN_TOKEN. Returns the admin either way.
   */
  async ensureAdmin(config: Pick<LedgerConfig, 'adminToken'>, announce: (message: string) => void = (m) => this.logger.warn(m)): Promise<PrincipalView> {
    const admins = (await this.principals()).filter((p) => p.role === 'admin');
    if (admins.length > 0) return admins[0];
    const taken = new Set((await this.principals()).map((p) => p.name.toLowerCase()));
    const name = taken.has('admin') ? `admin-${randomUUID().slice(0, 8)}` : 'admin';
    const admin = await this.addPrincipal(name, 'admin', SYSTEM_PRINCIPAL);
    const { token } = await this.createToken(admin.id, SYSTEM_PRINCIPAL, config.adminToken);
    if (config.adminToken) announce(`created the admin principal "${name}" with the token from LEDGER_ADMIN_TOKEN`);
    else announce(`created the admin principal "${name}". Its bearer token, shown this once:\n\n    ${token}\n\nKeep it; only its hash is stored.`);
    return admin;
  }

  private execute(command: AccountsCommand, by: Principal) {
    const commandId = commandIdFor(by.id, undefined);
    const context: CommandContext = { principal: { id: by.id, name: by.name }, commandId, correlationId: commandId, causationId: commandId, provenance: {} };
    return this.writer.execute({ decider: accountsDecider, stream: ACCOUNTS_STREAM }, command, context);
  }
}

export const atLeast = (role: Role, required: Role) => roleRank(role) >= roleRank(required);
