import { afterEach, describe, expect, it } from 'vitest';
import { sourceStream } from '../../../../contract/event-catalogue';
import { EventStoreUnavailableError } from '../../../../src/event-store/event-store.errors';
import type { EventStore } from '../../../../src/event-store/event-store.port';
import type { SqliteEventStore } from '../../../../src/event-store/sqlite/sqlite-event-store';
import { ReferenceChecks } from '../../../../src/ledger/application/writer/reference-checks';
import { DomainRuleError } from '../../../../src/ledger/domain-error';
import { ledgerProblem } from '../../../../src/ledger/http/ledger-problems';
import { memoryStore } from './writer-fixtures';

let store: SqliteEventStore;
afterEach(() => store?.close());

const anEvent = (id: string) => ({ id, type: 'SourceRegistered', data: {}, metadata: {} });

describe('ReferenceChecks', () => {
  it('knows a stream exists once it has an event', async () => {
    store = memoryStore();
    const checks = new ReferenceChecks(store);
    expect(await checks.exists(sourceStream('s1'))).toBe(false);
    await store.append(sourceStream('s1'), [anEvent('00000000-0000-4000-8000-000000000001')], { expectedRevision: 'no_stream' });
    expect(await checks.exists(sourceStream('s1'))).toBe(true);
  });

  it('refuses a source that is not registered as a broken rule naming the field (422)', async () => {
    store = memoryStore();
    await store.append(sourceStream('known'), [anEvent('00000000-0000-4000-8000-000000000002')], { expectedRevision: 'no_stream' });
    const checks = new ReferenceChecks(store);
    await expect(checks.requireSource('known', 'sourceId')).resolves.toBeUndefined();
    const error = await checks.requireSource('missing', 'provenance.saidIn').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainRuleError);
    expect(error).toMatchObject({ code: 'unknown-source', field: 'provenance.saidIn' });
    expect(ledgerProblem(error)?.status).toBe(422);
  });

  it('passes a store outage on as it is: a 503, never a missing reference', async () => {
    const down: Pick<EventStore, 'readStream'> = {
      readStream: () => ({
        [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new EventStoreUnavailableError('connection refused')) }),
      }),
    };
    const error = await new ReferenceChecks(down).requireSource('s1', 'sourceId').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect(ledgerProblem(error)?.status).toBe(503);
  });
});
