import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiPublicAccess, ApiReadAccess, READ_TIMEOUT_PROBLEM } from '../../http/openapi/problem-responses';
import { responseSchema } from '../../response-schemas';
import { Requires } from '../../accounts/requires.decorator';
import { LEDGER_CONFIG, type LedgerConfig } from '../../config/ledger-config';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { problem, ProblemError } from '../../http/problem-details';
import { UuidParam } from '../../http/uuid-param';
import { ProjectionRunner } from '../../projection-runtime/projection-runner';
import { signCheckpoint, type Checkpoint } from '../integrity/checkpoint';
import type { LedgerAudit } from '../integrity/ledger-audit';
import { loadSigningKey, type LedgerKey } from '../integrity/signing-key';
import { EventNotInTreeError, LogChangedError, proveConsistency, proveInclusion, type ConsistencyProof, type InclusionProof } from '../integrity/tree-reader';
import { NotFoundError } from '../domain-error';

/**
 * The ledger's tamper evidence over HTTP: its public key, a signed checkpoint of its head (tree
 * size, Merkle root, time), an inclusion proof of any event (RFC 6962 audit path) that anyone
 * can check against a checkpoint they keep, and a consistency proof that the log of an older
 * checkpoint is a prefix of a newer one's: that it only grew (docs/tamper-evidence.md).
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
  @ApiOperation({ summary: 'Get the checkpoint signing key', description: 'Open to anyone, always: keep it to check checkpoints later, wherever they were kept.' })
  @ApiPublicAccess()
  @ApiOkResponse({
    description: "The Ed25519 public key the ledger signs its checkpoints with (PEM, SubjectPublicKeyInfo), and its id: the SHA-256 of its DER encoding",
    schema: { allOf: [responseSchema('PublicKey')], example: { algorithm: 'Ed25519', keyId: 'e575d8fe21a5326fcaad6e573911423f681d4ab798e3f3af3a3c08a0e7f9896b', publicKey: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAFMqQ3Ilsn052Bd9ARgex07Cb0PWZs1iuX3GptxNJqHw=\n-----END PUBLIC KEY-----\n' } },
  })
  publicKey() {
    const key = this.signingKey();
    return { algorithm: 'Ed25519', keyId: key.keyId, publicKey: key.publicKeyPem };
  }

  @Get('checkpoints/latest')
  @ApiOperation({ summary: 'Sign a checkpoint of the log' })
  @ApiReadAccess()
  @ApiOkResponse({
    description: 'A checkpoint of every event appended so far, signed now: keep it, and check later that the log still extends it (claims verify --against)',
    schema: responseSchema('Checkpoint'),
  })
  @ApiConflictResponse({ description: 'The ledger found events that fail verification (`integrity`): it signs no checkpoint over them (GET /health names them)' })
  @ApiProblems(READ_TIMEOUT_PROBLEM)
  async latest(): Promise<Checkpoint> {
    await this.runner.readyForRead();
    return this.checkpoint();
  }

  @Get('checkpoints/consistency')
  @ApiOperation({ summary: 'Prove the log only grew', description: 'An RFC 6962 consistency proof between two tree sizes: the tree of an older checkpoint is a prefix of a newer one’s (docs/tamper-evidence.md).' })
  @ApiReadAccess()
  @ApiProblems({
    400: 'from is missing, or from or to is not a whole number of events 1 or more, or from is larger than to, or either is more than the log holds (`validation`, naming the parameter)',
    ...READ_TIMEOUT_PROBLEM,
  })
  @ApiQuery({ name: 'from', required: true, description: 'The tree size of the older checkpoint (1 or more)' })
  @ApiQuery({ name: 'to', required: false, description: 'The tree size of the newer one, at least from; default: every event appended so far, with a checkpoint signing it' })
  @ApiOkResponse({
    description:
      'An RFC 6962 consistency proof (RFC 9162 §2.1.4) that the tree of the first `from` events is a prefix of the tree of the first `to`: both roots and the subtree hashes between them, with a checkpoint signing the newer root when `to` is the current size',
    schema: {
      allOf: [responseSchema('ConsistencyProof')],
      example: {
        fromSize: 7,
        toSize: 300,
        fromRoot: 'e43cce16482a576a6347ed49b96ab74525297add0824febc58a3ef676d95df4f',
        toRoot: '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
        consistencyPath: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f'],
      },
    },
  })
  @ApiConflictResponse({ description: 'The stored log no longer hashes to the tree the ledger read (`log-changed`), or the ledger found a break and signs no checkpoint (`integrity`)' })
  async consistency(@Query('from') fromText?: string, @Query('to') toText?: string): Promise<ConsistencyProof & { checkpoint?: Checkpoint }> {
    const from = parseSize('from', fromText, true);
    const to = parseSize('to', toText, false);
    if (from === undefined) {
      throw new ProblemError(problem(400, 'validation', 'from is required: the tree size of the older checkpoint', [{ field: 'from', message: 'required' }]));
    }
    if (to !== undefined && from > to) {
      throw new ProblemError(problem(400, 'validation', `from (${from}) is larger than to (${to}): a tree can only be a prefix of one at least as large`, [{ field: 'from', message: `at most to (${to})` }]));
    }
    await this.runner.readyForRead();
    const tree = this.runner.audit.tree;
    const field = to !== undefined ? 'to' : 'from';
    const largest = to ?? from;
    if (largest > tree.size) {
      throw new ProblemError(problem(400, 'validation', `${field}: the log has ${tree.size} events, fewer than ${largest}`, [{ field, message: `at most ${tree.size}` }]));
    }
    // Signed first, on the tree as it is now; the proof is made to the same size, whatever is appended meanwhile.
    const checkpoint = to === undefined || to === tree.size ? this.checkpoint() : undefined;
    try {
      const proof = await proveConsistency(this.store, tree, from, checkpoint?.treeSize ?? to!);
      return checkpoint ? { ...proof, checkpoint } : proof;
    } catch (error) {
      if (error instanceof LogChangedError) throw new ProblemError(problem(409, 'log-changed', error.message));
      throw error;
    }
  }

  @Get('events/:id/proof')
  @ApiOperation({ summary: 'Prove an event is in the log', description: 'An RFC 6962 inclusion proof, to check against a checkpoint you kept (docs/tamper-evidence.md).' })
  @ApiReadAccess()
  @ApiQuery({ name: 'treeSize', required: false, description: 'Prove inclusion in the tree of the first treeSize events (that of a checkpoint you kept); default: every event appended so far' })
  @ApiOkResponse({
    description:
      'An RFC 6962 inclusion proof of the event: its leaf (position, id, recorded time, hash), its index, the audit path and the root of the tree of treeSize events, with a checkpoint signing that root when treeSize is the current size',
    schema: responseSchema('InclusionProof'),
  })
  @ApiNotFoundResponse({ description: 'No event has this id (`not-found`)' })
  @ApiProblems({
    400: 'id is not a UUID, or treeSize is not a number of events, or more than the log holds (`validation`)',
    409: 'The event is not among the first treeSize events (`not-in-tree`), the log changed under the proof (`log-changed`), or the log fails verification (`integrity`)',
    ...READ_TIMEOUT_PROBLEM,
  })
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
    const { breaks, checkpoint, snapshot } = this.runner.integrity;
    if (breaks.length > 0 || checkpoint !== null || snapshot?.problem) {
      const first = breaks[0];
      const why = first ? `the event at position ${first.position} (${first.problem})` : (checkpoint ?? snapshot!.problem);
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

/**
 * A tree size from the query string: a whole number of events, 1 or more. The empty tree (0) is a
 * prefix of every tree: there is nothing to prove, and it is refused by name rather than answered.
 */
function parseSize(field: 'from' | 'to', text: string | undefined, required: boolean): number | undefined {
  if (text === undefined || (text === '' && !required)) return undefined;
  if (typeof text !== 'string' || !/^\d{1,15}$/.test(text)) {
    throw new ProblemError(problem(400, 'validation', `${field} must be a tree size: a whole number of events, 1 or more`, [{ field, message: 'not a whole number of events' }]));
  }
  if (Number(text) < 1) {
    throw new ProblemError(
      problem(400, 'validation', `${field} must be 1 or more: the empty tree (size 0) is a prefix of every tree, so there is nothing to prove`, [{ field, message: '1 or more' }]),
    );
  }
  return Number(text);
}

function parseTreeSize(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!/^\d{1,15}$/.test(text) || value < 1) {
    throw new ProblemError(problem(400, 'validation', 'treeSize must be a number of events, 1 or more', [{ field: 'treeSize', message: 'not a number of events, 1 or more' }]));
  }
  return value;
}
