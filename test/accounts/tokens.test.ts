import { describe, expect, it } from 'vitest';
import { digestToken, generateToken, isWellFormedToken, sameDigest } from '../../src/accounts/tokens';

// Stored tokens are found by these digests: they must never change, or every issued token stops working.
describe('token digests', () => {
  it('are the SHA-256 of the token as UTF-8, as they have always been', () => {
    const digest = digestToken('clt_example-token-that-is-long-enough-é');
    expect(digest.sha256).toBe('df84e02706c76b4c41d8d58652211ed63e93f7918dbec58dc38c965ab5964623');
    expect(digest.lookup).toBe('df84e02706c76b4c');
  });

  it('tell a token from any other', () => {
    const token = generateToken();
    expect(isWellFormedToken(token)).toBe(true);
    expect(sameDigest(digestToken(token).sha256, digestToken(token).sha256)).toBe(true);
    expect(sameDigest(digestToken(token).sha256, digestToken(`${token}x`).sha256)).toBe(false);
  });
});
