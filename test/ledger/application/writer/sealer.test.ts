import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, type LedgerEvent } from '../../../../contract/event-catalogue';
import type { RecordedEvent } from '../../../../src/event-store/event-store.port';
import { eventIdFor } from '../../../../src/ledger/application/derived-ids';
import { InvalidCommandError } from '../../../../src/ledger/application/write-errors';
import { checkContext, sealEvents } from '../../../../src/ledger/application/writer/sealer';
import { chainProblem } from '../../../../src/ledger/integrity/ledger-audit';
import { CURRENT_HASH_VERSION, GENESIS_HASH } from '../../../../src/ledger/provenance/hash-chain';
import { context } from './writer-fixtures';

const opened: LedgerEvent = {
  type: 'QuestionOpened',
  data: { questionId: 'q1', title: 'T', body: '', tags: [], parentQuestionId: null, proofStandard: 'preponderance' },
} as LedgerEvent;
const proposed = (claimId: string): LedgerEvent =>
  ({ type: 'ClaimProposed', data: { questionId: 'q1', claimId, text: 'x', passage: null, kind: 'answer', owner: { id: 'u', name: 'U' } } }) as LedgerEvent;

/** The sealed events as the store would give them back, at the revisions that follow `from`. */
const asRecorded = (events: ReturnType<typeof sealEvents>['events'], from: bigint): RecordedEvent[] =>
  events.map((e, i) => ({ ...e, stream: 'question-q1', revision: from + BigInt(i), position: from + BigInt(i), recordedAt: e.recordedAt!, metadata: e.metadata! }) as RecordedEvent);

describe('sealEvents', () => {
  it('derives the ids from the command, chains each event to the one before, and records the provenance', () => {
    const ctx = context({ provenance: { occurredAt: '1947-02-10' } });
    const at = new Date('2026-01-02T03:04:05.000Z');
    const { events, lastHash } = sealEvents([opened, proposed('c1')], 'question-q1', { revision: null, lastHash: GENESIS_HASH }, ctx, at);
    expect(events.map((e) => e.id)).toEqual([eventIdFor(ctx.commandId, 0), eventIdFor(ctx.commandId, 1)]);
    expect(events[0]!.metadata).toMatchObject({ prevHash: GENESIS_HASH, commandId: ctx.commandId, schemaVersion: CURRENT_SCHEMA_VERSION.QuestionOpened, hashVersion: CURRENT_HASH_VERSION });
    expect(events[1]!.metadata!.prevHash).toBe(events[0]!.metadata!.hash);
    expect(lastHash).toBe(events[1]!.metadata!.hash);
    expect(events.every((e) => e.recordedAt === at)).toBe(true);
    // What the store will check on read: each event is a valid link after the one before.
    const [first, second] = asRecorded(events, 0n);
    expect(chainProblem(first!, undefined, true)).toBeUndefined();
    expect(chainProblem(second!, { revision: 0n, hash: first!.metadata.hash as string, version: CURRENT_HASH_VERSION }, true)).toBeUndefined();
  });

  it('continues the chain after the head it is given', () => {
    const head = sealEvents([opened], 'question-q1', { revision: null, lastHash: GENESIS_HASH }, context());
    const next = sealEvents([proposed('c2')], 'question-q1', { revision: 0n, lastHash: head.lastHash }, context());
    expect(next.events[0]!.metadata!.prevHash).toBe(head.lastHash);
    const [recorded] = asRecorded(next.events, 1n);
    expect(chainProblem(recorded!, { revision: 0n, hash: head.lastHash, version: CURRENT_HASH_VERSION }, true)).toBeUndefined();
    // Sealed as if it came first, the same event would not link after the head.
    const misplaced = sealEvents([proposed('c2')], 'question-q1', { revision: null, lastHash: GENESIS_HASH }, context());
    const [wrong] = asRecorded(misplaced.events, 1n);
    expect(chainProblem(wrong!, { revision: 0n, hash: head.lastHash, version: CURRENT_HASH_VERSION }, true)).toMatch(/prevHash/);
  });
});

describe('checkContext', () => {
  it('accepts a context whose provenance can be sealed', () => {
    expect(() => checkContext(context({ provenance: { occurredAt: '1947-02-10T03:13:00Z' } }))).not.toThrow();
  });

  it('refuses a date that names no instant as an invalid command, naming the provenance', () => {
    const error = (() => {
      try {
        checkContext(context({ provenance: { occurredAt: '2021-W07' } }));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidCommandError);
    expect((error as InvalidCommandError).field).toMatch(/provenance|occurredAt/);
  });
});
