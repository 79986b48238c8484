/** Events of the accounts aggregate: principals, their roles and their bearer tokens. */

export type Role = 'reader' | 'contributor' | 'moderator' | 'admin';
export const ROLES: readonly Role[] = ['reader', 'contributor', 'moderator', 'admin'];

/** Each role may do everything the roles before it may. */
export const roleRank = (role: Role): number => ROLES.indexOf(role);

export type AccountsEvent =
  | { type: 'PrincipalAdded'; data: { principalId: string; name: string; role: Role } }
  | { type: 'PrincipalRoleChanged'; data: { principalId: string; role: Role } }
  | {
      type: 'TokenCreated';
      /** Only the token's SHA-256 is kept; `lookup` is its first 16 hex digits, to find it fast. */
      data: { tokenId: string; principalId: string; lookup: string; sha256: string };
    }
  | { type: 'TokenRevoked'; data: { tokenId: string; principalId: string } };

/** All principals and tokens live in one stream: names must be unique, and there are few of them. */
export const ACCOUNTS_STREAM = 'accounts';
