import { roleRank, type Role } from '../../../../contract/accounts.events';

/** Who is signed in, as GET /api/me says. */
export interface Me {
  id: string;
  name: string;
  role: Role;
}

/** Each role may do what the roles before it may (contract/accounts.events.ts). */
export const atLeast = (me: Me | null, role: Role): boolean => me !== null && roleRank(me.role) >= roleRank(role);

/**
 * Whether `me` may change something owned by `owner` (revise or retract a claim, raise the
 * verification of evidence): its owner, or a moderator for anyone's, as the deciders rule.
 */
export const mayChange = (me: Me | null, owner: { id: string }): boolean => atLeast(me, 'moderator') || (atLeast(me, 'contributor') && me!.id === owner.id);
