import { describe, expect, it } from 'vitest';
import { accountsProjection } from '../../../projections/accounts/accounts.projection';
import { claimProposed, principalAdded, principalRoleChanged, tokenCreated, tokenRevoked } from '../../support/ledger-events';
import { projectionSpec } from '../../support/projection-spec';

const spec = projectionSpec(accountsProjection, { startAt: new Date('2025-01-01T00:00:00Z') });

describe('the accounts projection', () => {
  it('adds principals, found by id and by name in any case, and changes their role', () => {
    spec
      .given([principalAdded({ principalId: 'p1', name: 'Anna Petrova', role: 'contributor' })])
      .then((view) => {
        expect(view.principals.get('p1')).toEqual({ id: 'p1', name: 'Anna Petrova', role: 'contributor', addedAt: '2025-01-01T00:00:00.000Z' });
        expect(view.principalsByName.get('anna petrova')).toBe(view.principals.get('p1'));
      })
      .and([principalRoleChanged({ principalId: 'p1', role: 'moderator' }), principalRoleChanged({ principalId: 'ghost', role: 'admin' })])
      .then((view) => {
        expect(view.principalsByName.get('anna petrova')!.role).toBe('moderator');
        expect(view.principals.has('ghost')).toBe(false);
      });
  });

  it('keeps tokens by id and by lookup (several may share one), and revokes them at the revocation’s time', () => {
    spec
      .given([
        principalAdded({ principalId: 'p1', name: 'Anna' }),
        tokenCreated({ tokenId: 't1', principalId: 'p1', lookup: 'abcd', sha256: 'h1' }),
        tokenCreated({ tokenId: 't2', principalId: 'p1', lookup: 'abcd', sha256: 'h2' }),
      ])
      .then((view) => {
        expect(view.tokensByLookup.get('abcd')!.map((t) => t.id)).toEqual(['t1', 't2']);
        expect(view.tokens.get('t1')).toMatchObject({ principalId: 'p1', sha256: 'h1', createdAt: '2025-01-01T00:00:01.000Z', revokedAt: null });
      })
      .and([tokenRevoked({ tokenId: 't1', principalId: 'p1' })])
      .then((view) => {
        expect(view.tokens.get('t1')!.revokedAt).toBe('2025-01-01T00:00:03.000Z');
        // The lookup list holds the same records: a revoked token is seen as revoked there too.
        expect(view.tokensByLookup.get('abcd')![0]!.revokedAt).toBe('2025-01-01T00:00:03.000Z');
        expect(view.tokens.get('t2')!.revokedAt).toBeNull();
      });
  });

  it('ignores the ledger’s other events', () => {
    spec.given([claimProposed({ questionId: 'q', claimId: 'a' })]).then((view) => {
      expect(view.principals.size + view.tokens.size).toBe(0);
    });
  });
});
