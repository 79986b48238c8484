import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new bearer token: 256 random bits, readable prefix so a leaked one is recognisable. */
export function generateToken(): string {
  return `clt_${randomBytes(32).toString('base64url')}`;
}

export interface TokenDigest {
  /** The first 16 hex digits of the SHA-256: finds the stored token without comparing secrets. */
  lookup: string;
  sha256: string;
}

export function digestToken(token: string): TokenDigest {
  // One-shot: every authenticated request digests its token, and a Hash object costs more than the digest.
  const sha256 = hash('sha256', token, 'hex');
  return { lookup: sha256.slice(0, 16), sha256 };
}

/** Compares a presented token's digest with a stored one in constant time. */
export function sameDigest(presented: string, stored: string): boolean {
  const a = Buffer.from(presented, 'hex');
  const b = Buffer.from(stored, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A token a person could have typed or pasted: printable, without spaces, of a sane length. */
export function isWellFormedToken(token: string): boolean {
  return /^[\x21-\x7e]{32,512}$/.test(token);
}
