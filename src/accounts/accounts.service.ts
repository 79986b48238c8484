import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { LedgerConfig } from '../config/ledger-config';
import { ProjectionRunner } from '../projection-runtime/projection-runner';
import { LedgerWriter } from '../ledger/application/writer/ledger-writer';
import { commandIdFor } from '../ledger/application/derived-ids';
import { DomainRuleError, NotFoundError } from '../ledger/domain-error';
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

export interface AdminBootstrapOptions {
  /**
   * Where to say that an admin was found in the store rather than created (the server's log at
   * start; the CLI says nothing). Without it, only an admin created meanwhile by another instance
   * is said, through `announce`.
   */
  sayFound?: (message: string) => void;
}

/**
 * The admin the ledger has, and how this process came by it: `created` (it made it and showed its
 * token), `found` (it was stored before this process looked), or `created-meanwhile` (another
 * instance on the same store made it while this one was making its own, which was refused).
 */
export interface AdminAtStart {
  admin: PrincipalView;
  how: 'created' | 'found' | 'created-meanwhile';
}

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
   * preset LEDGER_ADMIN_TOKEN. Returns the admin either way (see bootstrapAdmin).
   */
  async ensureAdmin(config: Pick<LedgerConfig, 'adminToken'>, announce: (message: string) => void = (m) => this.logger.warn(m), options: AdminBootstrapOptions = {}): Promise<PrincipalView> {
    return (await this.bootstrapAdmin(config, announce, options)).admin;
  }

  /**
   * Makes sure the ledger has an admin, and says how it came by it. The admin and its token are one
   * command (AddFirstAdmin), refused once an admin is stored and appended at the revision it was
   * decided on, so several instances starting at once on one store (one SQLite file, one
   * EventStoreDB) make exactly one: the instance whose append lands prints the token it created;
   * the others are refused, read the winner's admin from the store and say they found it.
   */
  async bootstrapAdmin(config: Pick<LedgerConfig, 'adminToken'>, announce: (message: string) => void = (m) => this.logger.warn(m), options: AdminBootstrapOptions = {}): Promise<AdminAtStart> {
    const found = await this.firstAdmin();
    if (found) {
      options.sayFound?.(`found the admin principal "${found.name}" in the store (its token was shown when it was created)${await this.presetNote(config, found)}`);
      return { admin: found, how: 'found' };
    }
    const taken = new Set((await this.principals()).map((p) => p.name.toLowerCase()));
    const name = taken.has('admin') ? `admin-${randomUUID().slice(0, 8)}` : 'admin';
    const token = config.adminToken ?? generateToken();
    const principalId = randomUUID();
    try {
      await this.execute({ type: 'AddFirstAdmin', principalId, name, tokenId: randomUUID(), ...digestToken(token) }, SYSTEM_PRINCIPAL);
    } catch (error) {
      if (!(error instanceof DomainRuleError && error.code === 'admin-exists')) throw error;
      // Refused on what is stored: another instance's admin landed first. Its token is not known
      // here (only its hash is stored), so this instance shows none.
      const winner = await this.firstAdmin();
      if (!winner) throw error;
      (options.sayFound ?? announce)(`found the admin principal "${winner.name}", created by another instance starting at the same time; its token was shown by that instance, not here${await this.presetNote(config, winner)}`);
      return { admin: winner, how: 'created-meanwhile' };
    }
    if (config.adminToken) announce(`created the admin principal "${name}" with the token from LEDGER_ADMIN_TOKEN`);
    else announce(`created the admin principal "${name}". Its bearer token, shown this once:\n\n    ${token}\n\nKeep it; only its hash is stored.`);
    return { admin: await this.principal(principalId), how: 'created' };
  }

  /** The first admin in the store (the view caught up first), if any. */
  private async firstAdmin(): Promise<PrincipalView | undefined> {
    return (await this.principals()).find((p) => p.role === 'admin');
  }

  /** Whether a preset LEDGER_ADMIN_TOKEN, not registered because an admin exists, is that admin's. */
  private async presetNote(config: Pick<LedgerConfig, 'adminToken'>, admin: PrincipalView): Promise<string> {
    if (!config.adminToken) return '';
    const known = await this.authenticate(config.adminToken);
    return known.ok && known.principal.id === admin.id ? '; LEDGER_ADMIN_TOKEN is its token' : '; LEDGER_ADMIN_TOKEN is not a valid token of that admin and was not registered';
  }

  private execute(command: AccountsCommand, by: Principal) {
    const commandId = commandIdFor(by.id, undefined);
    const context: CommandContext = { principal: { id: by.id, name: by.name }, commandId, correlationId: commandId, causationId: commandId, provenance: {} };
    return this.writer.execute({ decider: accountsDecider, stream: ACCOUNTS_STREAM }, command, context);
  }
}

export const atLeast = (role: Role, required: Role) => roleRank(role) >= roleRank(required);
