import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { CHECKPOINT_FORMAT } from '../ledger/integrity/checkpoint';
import { ROLES } from '../../contract/accounts.events';
import { array, boolean, dateTime, decimal, enumOf, integer, nullable, object, optional, ref, string, uuid } from '../http/openapi/schemas/common';

const hex = (description: string) => string(description, { pattern: '^[0-9a-f]+$' });

/** Tamper evidence (ledger/integrity), accounts (accounts.service.ts) and health (health.controller.ts). */
export const INTEGRITY_SCHEMAS: Record<string, SchemaObject> = {
  PublicKey: object({
    algorithm: enumOf(['Ed25519']),
    keyId: hex('SHA-256 of the key’s DER encoding'),
    publicKey: string('PEM, SubjectPublicKeyInfo'),
  }),
  Checkpoint: object(
    {
      format: enumOf([CHECKPOINT_FORMAT]),
      treeSize: integer('How many events the tree holds (the first treeSize of the log)', { minimum: 0 }),
      rootHash: hex('The Merkle tree hash of those events'),
      lastPosition: nullable(decimal(), 'The position of the last event in the tree; null for an empty log'),
      streamsDigest: hex('SHA-256 of every stream’s head (canonical JSON)'),
      timestamp: dateTime('When it was signed'),
      keyId: hex('The signing key’s id (GET /api/checkpoints/public-key)'),
      signature: string('Ed25519 over the checkpoint’s signed text, base64'),
      streams: optional({
        type: 'object',
        description: 'Every stream’s head: stream → [revision, position, hash]',
        additionalProperties: array(string(), undefined),
      }),
    },
    'A signed tree head (as RFC 6962 §3.5): keep it, and check later that the log still extends it',
  ),
  InclusionProof: object(
    {
      leafIndex: integer(undefined, { minimum: 0 }),
      treeSize: integer(undefined, { minimum: 1 }),
      rootHash: hex('The Merkle tree hash of the first treeSize events'),
      leaf: object({ position: decimal(), id: uuid(), recordedAt: dateTime(), hash: hex('The event’s hash') }),
      leafHash: hex('The leaf’s hash'),
      auditPath: array(hex('A sibling hash'), 'The audit path, leaf side first'),
      checkpoint: optional(ref('Checkpoint')),
    },
    'An RFC 6962 inclusion proof of an event, with a checkpoint signing its root when treeSize is the current size',
  ),
  ConsistencyProof: object(
    {
      fromSize: integer('The older tree’s size', { minimum: 1 }),
      toSize: integer('The newer tree’s size, at least fromSize', { minimum: 1 }),
      fromRoot: hex('The Merkle tree hash of the first fromSize events'),
      toRoot: hex('The Merkle tree hash of the first toSize events'),
      consistencyPath: array(hex('A subtree hash'), 'The subtree hashes of RFC 6962 §2.1.2 PROOF(fromSize, D[toSize]), in order; empty when the sizes are equal'),
      checkpoint: optional(ref('Checkpoint')),
    },
    'An RFC 6962 consistency proof that the older tree is a prefix of the newer, with a checkpoint signing the newer root when toSize is the current size',
  ),
  Principal: object({ id: uuid(), name: string(), role: enumOf(ROLES), addedAt: dateTime() }, 'An account that can hold tokens'),
  Token: object({ id: uuid(), principalId: uuid(), createdAt: dateTime(), revokedAt: nullable(dateTime()) }, 'A token’s id and times; never the token'),
  NewToken: object(
    { tokenId: uuid(), token: string('The bearer token: shown this once, never again (only its hash is kept)'), principalId: uuid(), principal: string('The principal’s name') },
    'A token just created',
  ),
  Revocation: object({ tokenId: uuid(), revoked: boolean() }),
  Health: object(
    {
      status: enumOf(['ok', 'error', 'shutting_down']),
      store: optional(enumOf(['sqlite', 'eventstoredb'])),
      info: optional({ type: 'object', additionalProperties: true, description: 'The checks that are up: store, projections (their state: restoring, catching-up or live after a start; their position and problems), integrity (events, breaks, checkpoint)' }),
      details: optional({ type: 'object', additionalProperties: true, description: 'Every check, up or down' }),
    },
    'Whether the store answers, the projections are caught up without problems, and the log verifies; while reads are private, anonymous callers get the status only',
  ),
};
