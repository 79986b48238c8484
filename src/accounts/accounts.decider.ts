import { assertNever } from '../../contract/assert-never';
import { Map as ImmutableMap } from 'immutable';
import type { Decider } from '../ledger/decider';
import { NotFoundError, rule } from '../ledger/domain-error';
import type { AccountsEvent, Role } from '../../contract/accounts.events';

export type AccountsCommand =
  | { type: 'AddPrincipal'; principalId: string; name: string; role: Role }
  /**
   * The first start's admin and its token, decided together: refused once any admin exists. Decided
   * on the stream as read and appended with that revision (`no_stream` on an empty store), so of
   * several instances starting at once on one store exactly one makes it; the others' appends
   * conflict, are decided again on what is stored, and are refused with `admin-exists`.
   */
  | { type: 'AddFirstAdmin'; principalId: string; name: string; tokenId: string; lookup: string; sha256: string }
  | { type: 'ChangeRole'; principalId: string; role: Role }
  | { type: 'CreateToken'; tokenId: string; principalId: string; lookup: string; sha256: string }
  | { type: 'RevokeToken'; tokenId: string };

export interface AccountsState {
  principals: ImmutableMap<string, { name: string; role: Role }>;
  names: ImmutableMap<string, string>;
  tokens: ImmutableMap<string, { principalId: string; revoked: boolean }>;
}

export const initialAccountsState: AccountsState = { principals: ImmutableMap(), names: ImmutableMap(), tokens: ImmutableMap() };

export function decideAccounts(command: AccountsCommand, state: AccountsState): AccountsEvent[] {
  switch (command.type) {
    case 'AddPrincipal': {
      rule(!state.names.has(command.name.toLowerCase()), 'name-taken', `A principal named "${command.name}" already exists`, 'name');
      rule(!state.principals.has(command.principalId), 'principal-exists', 'The principal already exists', 'principalId');
      const { principalId, name, role } = command;
      return [{ type: 'PrincipalAdded', data: { principalId, name, role } }];
    }
    case 'AddFirstAdmin': {
      rule(!state.principals.some((p) => p.role === 'admin'), 'admin-exists', 'An admin exists already', 'role');
      rule(!state.names.has(command.name.toLowerCase()), 'name-taken', `A principal named "${command.name}" already exists`, 'name');
      rule(!state.principals.has(command.principalId), 'principal-exists', 'The principal already exists', 'principalId');
      const { principalId, name, tokenId, lookup, sha256 } = command;
      return [
        { type: 'PrincipalAdded', data: { principalId, name, role: 'admin' } },
        { type: 'TokenCreated', data: { tokenId, principalId, lookup, sha256 } },
      ];
    }
    case 'ChangeRole': {
      const principal = state.principals.get(command.principalId);
      if (!principal) throw new NotFoundError('principal', command.principalId);
      rule(principal.role !== command.role, 'unchanged', `The principal is already ${command.role}`, 'role');
      return [{ type: 'PrincipalRoleChanged', data: { principalId: command.principalId, role: command.role } }];
    }
    case 'CreateToken': {
      if (!state.principals.has(command.principalId)) throw new NotFoundError('principal', command.principalId);
      const { tokenId, principalId, lookup, sha256 } = command;
      return [{ type: 'TokenCreated', data: { tokenId, principalId, lookup, sha256 } }];
    }
    case 'RevokeToken': {
      const token = state.tokens.get(command.tokenId);
      if (!token) throw new NotFoundError('token', command.tokenId);
      rule(!token.revoked, 'already-revoked', 'The token is already revoked', 'tokenId');
      return [{ type: 'TokenRevoked', data: { tokenId: command.tokenId, principalId: token.principalId } }];
    }
  }
}

export function evolveAccounts(state: AccountsState, event: AccountsEvent): AccountsState {
  switch (event.type) {
    case 'PrincipalAdded':
      return {
        ...state,
        principals: state.principals.set(event.data.principalId, { name: event.data.name, role: event.data.role }),
        names: state.names.set(event.data.name.toLowerCase(), event.data.principalId),
      };
    case 'PrincipalRoleChanged':
      return { ...state, principals: state.principals.update(event.data.principalId, (p) => ({ ...p!, role: event.data.role })) };
    case 'TokenCreated':
      return { ...state, tokens: state.tokens.set(event.data.tokenId, { principalId: event.data.principalId, revoked: false }) };
    case 'TokenRevoked':
      return { ...state, tokens: state.tokens.update(event.data.tokenId, (t) => ({ ...t!, revoked: true })) };
    default:
      return assertNever(event);
  }
}

export const accountsDecider: Decider<AccountsCommand, AccountsEvent, AccountsState> = {
  initialState: initialAccountsState,
  decide: decideAccounts,
  evolve: evolveAccounts,
};
