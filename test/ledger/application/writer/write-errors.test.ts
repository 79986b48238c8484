import { describe, expect, it } from 'vitest';
import { EventStoreUnavailableError, InvalidAppendError } from '../../../../src/event-store/event-store.errors';
import {
  InvalidCommandError,
  invalidProvenance,
  isStoreFailure,
  referenceTo,
  retriesExhausted,
  staleRevision,
  unknownSource,
  WriteConflictError,
} from '../../../../src/ledger/application/write-errors';
import { DomainRuleError, NotFoundError } from '../../../../src/ledger/domain-error';
import { ledgerProblem } from '../../../../src/ledger/http/ledger-problems';
import { ReadTimeoutError } from '../../../../src/projection-runtime/projection-runner';

const statusOf = (error: unknown) => ledgerProblem(error)?.status;

describe('write errors: what goes wrong during a write, mapped in one place', () => {
  it('refuses a reference that is not found as a broken rule naming the field (422)', async () => {
    const error = await referenceTo(Promise.reject(new NotFoundError('claim', 'c1')), 'unknown-claim', 'Claim c1 does not exist', 'fromClaimId').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainRuleError);
    expect(error).toMatchObject({ code: 'unknown-claim', field: 'fromClaimId' });
    expect(statusOf(error)).toBe(422);
  });

  it('passes a store outage met while looking a reference up on as it is (503, not 422)', async () => {
    const outage = new EventStoreUnavailableError('connection refused');
    const error = await referenceTo(Promise.reject(outage), 'unknown-claim', 'Claim c1 does not exist', 'fromClaimId').catch((e: unknown) => e);
    expect(error).toBe(outage);
    expect(statusOf(error)).toBe(503);
    const timeout = new ReadTimeoutError(10n, 5n);
    expect(statusOf(await referenceTo(Promise.reject(timeout), 'unknown-claim', 'm', 'fromClaimId').catch((e: unknown) => e))).toBe(503);
  });

  it('gives back what a reference resolves to', async () => {
    expect(await referenceTo(Promise.resolve('q1'), 'unknown-claim', 'm', 'fromClaimId')).toBe('q1');
  });

  it('maps a stale If-Match and exhausted retries to conflicts (409) with both revisions', () => {
    const stale = staleRevision('question-q1', 2n, 5n);
    expect(stale).toBeInstanceOf(WriteConflictError);
    expect(ledgerProblem(stale)).toMatchObject({ status: 409, expectedRevision: '2', actualRevision: '5' });
    const gaveUp = retriesExhausted('question-q1', null, 7n, 5);
    expect(gaveUp.message).toMatch(/5 attempts/);
    expect(ledgerProblem(gaveUp)).toMatchObject({ status: 409, expectedRevision: null, actualRevision: '7' });
  });

  it('maps provenance that cannot be sealed to a 400 naming it, keeping an error that already names its field', () => {
    const mapped = invalidProvenance(new TypeError('Do not know how to serialize a BigInt'));
    expect(mapped).toMatchObject({ field: 'provenance' });
    expect(mapped.message).toMatch(/BigInt/);
    expect(statusOf(mapped)).toBe(400);
    const named = new InvalidCommandError('provenance.occurredAt', 'not an instant');
    expect(invalidProvenance(named)).toBe(named);
  });

  it('maps an unregistered source to a broken rule naming the field', () => {
    expect(unknownSource('s1', 'sourceId')).toMatchObject({ code: 'unknown-source', field: 'sourceId' });
  });

  it("tells the store's own failures (shared by a whole batch) from one command's", () => {
    expect(isStoreFailure(new EventStoreUnavailableError('down'))).toBe(true);
    expect(isStoreFailure(Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' }))).toBe(true);
    expect(isStoreFailure(Object.assign(new Error('busy'), { code: 'SQLITE_BUSY_SNAPSHOT' }))).toBe(true);
    expect(isStoreFailure(Object.assign(new Error('constraint'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBe(false);
    expect(isStoreFailure(new InvalidAppendError('events[0].id: must be a UUID'))).toBe(false);
    expect(isStoreFailure(null)).toBe(false);
  });
});
