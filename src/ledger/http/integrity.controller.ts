import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Requires } from '../../accounts/requires.decorator';
import { LEDGER_CONFIG, type LedgerConfig } from '../../config/ledger-config';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { problem, ProblemError } from '../../http/problem-details';
import { UuidParam } from '../../http/uuid-param';
import { ProjectionRunner } from '../../projection-runtime/projection-runner';
import { signCheckpoint, type Checkpoint } from '../integrity/checkpoint';
import type { LedgerAudit } from '../integrity/ledger-audit';
import { loadSigningKey, type LedgerKey } from '../integrity/signing-key';
import { EventNotInTreeError, LogChangedError, proveInclusion, type InclusionProof } from '../integrity/tree-reader';
import { NotFoundError } from '../domain-error';

/**
 * The ledger's tamper evidence over HTTP: its public key, a signed checkpoint of its head (tree
 * size, Merkle root, time), and an inclusion proof of any event (RFC 6962 audit path) that anyone
 * can check against a checkpoint they keep (docs/tamper-evidence.md).
 */
@ApiTags('integrity')
@Controller('api')
export class IntegrityController {
  private key: LedgerKey | undefined;
  /** The last checkpoint signed, reused while the log has not grown (signing digests every stream's head). */
  private signed: { audit: LedgerAudit; checkpoint: Checkpoint } | undefined;

  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  @Get('checkpoints/public-key')
  @Requires('public')
  @ApiOkResponse({
    description: "The Ed25519 public key the ledger signs its checkpoints with (PEM, SubjectPublicKeyInfo), and its id: the SHA-256 of its DER encoding",
    schema: { example: { algorithm: 'Ed25519', keyId: 'e575d8fe21a5326fcaad6e573911423f681d4ab798e3f3af3a3c08a0e7f9896b', publicKey: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAFMqQ3Ilsn052Bd9ARgex07Cb0PWZs1iuX3GptxNJqHw=\n-----END PUBLIC KEY-----\n' } },
  })
  publicKey() {
    const key = this.signingKey();
    return { algorithm: 'Ed25519', keyId: key.keyId, publicKey: key.publicKeyPem };
  }

  @Get('checkpoints/latest')
  @ApiOkResponse({ description: 'A checkpoint of every event appended so far, signed now: keep it, and check later that the log still extends it (claims verify --against)' })
  @ApiConflictResponse({ description: 'The ledger found events that fail verification: it signs no checkpoint over them (GET /health names them)' })
  async latest(): Promise<Checkpoint> {
    await this.runner.readyForRead();
    return this.checkpoint();
  }

  @Get('events/:id/proof')
  @ApiQuery({ name: 'treeSize', required: false, description: 'Prove inclusion in the tree of the first treeSize events (that of a checkpoint you kept); default: every event appended so far' })
  @ApiOkResponse({
    description:
      'An RFC 6962 inclusion proof of the event: its leaf (position, id, recorded time, hash), its index, the audit path and the root of the tree of treeSize events, with a checkpoint signing that root when treeSize is the current size',
  })
  @ApiNotFoundResponse({ description: 'No event has this id' })
  async proof(@UuidParam('id') id: string, @Query('treeSize') treeSizeText?: string): Promise<InclusionProof & { checkpoint?: Checkpoint }> {
    const treeSize = parseTreeSize(treeSizeText);
    await this.runner.readyForRead();
    const tree = this.runner.audit.tree;
    if (treeSize !== undefined && treeSize > tree.size) {
      throw new ProblemError(problem(400, 'validation', `treeSize: the log has ${tree.size} events, fewer than ${treeSize}`, [{ field: 'treeSize', message: `at most ${tree.size}` }]));
    }
    // Signed first, on the tree as it is now; the proof is made on the same size, whatever is appended meanwhile.
    const checkpoint = treeSize === undefined || treeSize === tree.size ? this.checkpoint() : undefined;
    try {
      const proof = await proveInclusion(this.store, tree, id, checkpoint?.treeSize ?? treeSize);
      if (!proof) throw new NotFoundError('event', id);
      return checkpoint ? { ...proof, checkpoint } : proof;
    } catch (error) {
      if (error instanceof EventNotInTreeError) {
        throw new ProblemError(problem(409, 'not-in-tree', `${error.message}; ask without treeSize, or with a larger one`));
      }
      if (error instanceof LogChangedError) throw new ProblemError(problem(409, 'log-changed', error.message));
      throw error;
    }
  }

  private checkpoint(): Checkpoint {
    const { breaks, checkpoint } = this.runner.integrity;
    if (breaks.length > 0 || checkpoint !== null) {
      const first = breaks[0];
      const why = first ? `the event at position ${first.position} (${first.problem})` : checkpoint;
      throw new ProblemError(problem(409, 'integrity', `the ledger found a break in its log and signs no checkpoint over it: ${why}; GET /health lists every break`));
    }
    const audit = this.runner.audit;
    if (this.signed?.audit !== audit || this.signed.checkpoint.treeSize !== audit.tree.size) {
      this.signed = { audit, checkpoint: signCheckpoint(audit, this.signingKey(), { streams: false }) };
    }
    return this.signed.checkpoint;
  }

  private signingKey(): LedgerKey {
    this.key ??= loadSigningKey(this.config, { create: true })!;
    return this.key;
  }
}

function parseTreeSize(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!/^\d{1,15}$/.test(text) || value < 1) {
    throw new ProblemError(problem(400, 'validation', 'treeSize must be a number of events, 1 or more', [{ field: 'treeSize', message: 'not a number of events, 1 or more' }]));
  }
  return value;
}
