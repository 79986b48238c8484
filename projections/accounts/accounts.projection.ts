import { assertNever } from '../../contract/assert-never';
import type { Role } from '../../contract/accounts.events';
import type { Projection } from '../projection';

export interface PrincipalView {
  id: string;
  name: string;
  role: Role;
  addedAt: string;
}

export interface TokenView {
  id: string;
  principalId: string;
  lookup: string;
  sha256: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface AccountsView {
  principals: Map<string, PrincipalView>;
  principalsByName: Map<string, PrincipalView>;
  tokens: Map<string, TokenView>;
  tokensByLookup: Map<string, TokenView[]>;
}

/** Principals and their tokens (digests only), for authentication and the admin views. */
export const accountsProjection: Projection<AccountsView> = {
  name: 'accounts',
  version: 1,
  init: () => ({ principals: new Map(), principalsByName: new Map(), tokens: new Map(), tokensByLookup: new Map() }),
  apply(view, event) {
    switch (event.type) {
      case 'PrincipalAdded': {
        const principal = { id: event.data.principalId, name: event.data.name, role: event.data.role, addedAt: event.meta.recordedAt.toISOString() };
        view.principals.set(principal.id, principal);
        view.principalsByName.set(principal.name.toLowerCase(), principal);
        return;
      }
      case 'PrincipalRoleChanged': {
        const principal = view.principals.get(event.data.principalId);
        if (principal) principal.role = event.data.role;
        return;
      }
      case 'TokenCreated': {
        const token = { id: event.data.tokenId, principalId: event.data.principalId, lookup: event.data.lookup, sha256: event.data.sha256, createdAt: event.meta.recordedAt.toISOString(), revokedAt: null };
        view.tokens.set(token.id, token);
        view.tokensByLookup.set(token.lookup, [...(view.tokensByLookup.get(token.lookup) ?? []), token]);
        return;
      }
      case 'TokenRevoked': {
        const token = view.tokens.get(event.data.tokenId);
        if (token) token.revokedAt = event.meta.recordedAt.toISOString();
        return;
      }
      // What was said in the ledger, not who may write.
      case 'QuestionOpened':
      case 'QuestionReworded':
      case 'ProofStandardChanged':
      case 'ClaimProposed':
      case 'ClaimRevised':
      case 'ClaimRetracted':
      case 'ClaimsRelated':
      case 'ClaimRelatedToEvidence':
      case 'EvidenceAttached':
      case 'EvidenceVerified':
      case 'EvidenceWithdrawn':
      case 'StanceRecorded':
      case 'QuestionResolved':
      case 'QuestionReopened':
      case 'SourceRegistered':
      case 'SourceAppraised':
        return;
      default:
        assertNever(event);
    }
  },
};
