import type { INestApplication } from '@nestjs/common';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Accounts, type AdminAtStart } from '../../src/accounts/accounts.service';
import { loadConfig, type LedgerConfig } from '../../src/config/ledger-config';
import { createApp } from '../../src/create-app';
import { SQLITE_FILE_NAME } from '../../src/event-store/create-event-store';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/eventstoredb-event-store';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { readSeed, seedOnFirstStart, storeIsEmpty } from '../../src/ledger/import/seed-on-first-start';
import { verifyLedgerWithCheckpoints } from '../../src/ledger/integrity/verify-data-dir';
import { startEventStoreDbTestServer, type EventStoreDbTestServer } from '../support/eventstoredb-test-server';
import { runService, type RunningService } from '../support/run-service';
import { stopService } from './stop-service';

// Server processes compiled on the fly start in seconds, many more on a loaded machine: the budgets
// catch a hang, they do not time anything.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 180_000 });

/** Fresh stores started on by two processes at once, per store: each round is a new empty ledger. */
const PROCESS_ROUNDS = 2;
/** Fresh stores raced on by two applications in this process. */
const IN_PROCESS_ROUNDS = 3;

async function allEvents(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

const admins = (events: RecordedEvent[]) => events.filter((e) => e.type === 'PrincipalAdded' && e.data.role === 'admin');
const tokens = (events: RecordedEvent[]) => events.filter((e) => e.type === 'TokenCreated');

/** What one import of the reference debate stores: its questions once, each entry's command once. */
async function expectSeededOnce(events: RecordedEvent[]): Promise<void> {
  const seed = (await readSeed({ seed: 'reference' }))!;
  const ledger = events.filter((e) => e.stream !== 'accounts');
  const openings = seed.file.entries.filter((entry) => entry.command === 'OpenQuestion').length;
  expect(ledger.filter((e) => e.type === 'QuestionOpened')).toHaveLength(openings);
  expect(new Set(ledger.map((e) => e.metadata.commandId)).size).toBe(seed.file.entries.length);
  expect(new Set(ledger.map((e) => e.id)).size).toBe(ledger.length);
}

/** A promise and the functions that settle it: how the test orders two instances' steps. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

interface StoreUnderTest {
  label: string;
  /** Before all rounds (the EventStoreDB stand-in's server). */
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
  /** A new empty ledger: the environment each instance starts with (one per instance: its data directory). */
  freshLedger(): { envs: [Record<string, string>, Record<string, string>]; store(): EventStore; cleanUp(): void };
}

function sqliteStore(): StoreUnderTest {
  return {
    label: 'one SQLite file',
    setUp: async () => undefined,
    tearDown: async () => undefined,
    freshLedger: () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'ledger-first-start-'));
      const env = { LEDGER_DATA_DIR: dataDir };
      return {
        envs: [env, env],
        store: () => new SqliteEventStore({ filename: join(dataDir, SQLITE_FILE_NAME), readonly: true }),
        cleanUp: () => rmSync(dataDir, { recursive: true, force: true }),
      };
    },
  };
}

function eventStoreDbStore(): StoreUnderTest {
  let server: EventStoreDbTestServer | undefined;
  const signingKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return {
    label: 'one EventStoreDB (loopback gRPC server)',
    setUp: async () => {
      server = await startEventStoreDbTestServer();
    },
    tearDown: async () => {
      await server?.stop();
    },
    freshLedger: () => {
      // The stand-in holds one log and the accounts stream's name is fixed: each fresh ledger is a
      // new server (the tests restart it before asking for one), each instance its own data directory.
      const dirs = [mkdtempSync(join(tmpdir(), 'ledger-esdb-first-a-')), mkdtempSync(join(tmpdir(), 'ledger-esdb-first-b-'))] as const;
      const env = (dir: string) => ({ LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: server!.connectionString, LEDGER_DATA_DIR: dir, LEDGER_SIGNING_KEY: signingKey });
      return {
        envs: [env(dirs[0]), env(dirs[1])],
        store: () => new EventStoreDbEventStore({ connectionString: server!.connectionString }),
        cleanUp: () => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })),
      };
    },
  };
}

/**
 * Two ledger instances started at the same moment on one empty store both find no admin and both
 * try to make the first one (and to import the seed). Exactly one admin must be made, by one of
 * them, whose printed token is the admin's; the other finds that admin; the seed is stored once; both
 * serve. Checked on both stores: first with two applications in this process whose steps the test
 * orders (so that the losing append really is decided on the empty store and conflicts on its
 * expected revision), then with two real server processes started at once.
 */
describe.each([
  { on: 'one SQLite file', makeStore: sqliteStore },
  { on: 'one EventStoreDB (loopback gRPC server)', makeStore: eventStoreDbStore },
])('two instances starting at once on $on', ({ makeStore }) => {
  const target = makeStore();

  beforeAll(() => target.setUp());
  afterAll(() => target.tearDown());

  /** A fresh ledger (a fresh EventStoreDB stand-in on that store, which holds one log) and its two apps. */
  async function twoApps(env: Record<string, string> = {}) {
    if (target.label.includes('EventStoreDB')) {
      await target.tearDown();
      await target.setUp();
    }
    const ledger = target.freshLedger();
    const configs = ledger.envs.map((e) => loadConfig({ ...e, PORT: '0', LEDGER_SEED: 'none', ...env })) as [LedgerConfig, LedgerConfig];
    const apps: INestApplication[] = [];
    for (const config of configs) {
      const app = await createApp(config, { logger: false });
      await app.init();
      apps.push(app);
    }
    return {
      apps: apps as [INestApplication, INestApplication],
      configs,
      ledger,
      close: async () => {
        for (const app of apps) await app.close();
        ledger.cleanUp();
      },
    };
  }

  it('makes one admin when the loser decided on the empty store: its append conflicts and it takes the winner’s', async () => {
    const { apps, configs, close } = await twoApps();
    try {
      const [a, b] = apps;
      // b decides first (nothing stored yet) and is held at its append until a's admin is stored.
      const bStore = b.get<EventStore>(EVENT_STORE);
      const append = bStore.append.bind(bStore);
      const bAppending = deferred();
      const release = deferred();
      const bAppends: unknown[][] = [];
      const held = vi.spyOn(bStore, 'append').mockImplementation(async (...args) => {
        bAppends.push(args);
        bAppending.resolve();
        await release.promise;
        return append(...args);
      });
      const bSaid: string[] = [];
      const bStart = b.get(Accounts).bootstrapAdmin(configs[1], (m) => bSaid.push(m));
      await bAppending.promise;
      const aSaid: string[] = [];
      const aStart = await a.get(Accounts).bootstrapAdmin(configs[0], (m) => aSaid.push(m));
      release.resolve();
      const bOutcome = await bStart;
      held.mockRestore();

      expect(aStart.how).toBe('created');
      expect(bOutcome.how).toBe('created-meanwhile');
      expect(bOutcome.admin.id).toBe(aStart.admin.id);
      // b's append was made with the revision it decided on (none: the empty store), conflicted, and
      // was decided again on what a stored: refused, nothing of b's written.
      expect(bAppends).toHaveLength(1);
      expect(bAppends[0]![0]).toBe('accounts');
      expect(bAppends[0]![2]).toEqual({ expectedRevision: 'no_stream' });
      const events = await allEvents(a.get<EventStore>(EVENT_STORE));
      expect(admins(events)).toHaveLength(1);
      expect(tokens(events)).toHaveLength(1);

      // The token a printed is the admin's, on either instance; b printed none and says whose it is.
      const printed = /\n {4}(clt_\S+)\n/.exec(aSaid.join('\n'))?.[1];
      expect(printed, aSaid.join('\n')).toBeDefined();
      for (const app of apps) {
        const known = await app.get(Accounts).authenticate(printed!);
        expect(known.ok && known.principal.id).toBe(aStart.admin.id);
      }
      expect(bSaid.join('\n')).toContain(`found the admin principal "${aStart.admin.name}", created by another instance`);
      expect(bSaid.join('\n')).not.toContain('clt_');
    } finally {
      await close();
    }
  });

  it(`makes one admin and imports the seed on one instance only when both race freely (${IN_PROCESS_ROUNDS} fresh ledgers)`, async () => {
    for (let round = 0; round < IN_PROCESS_ROUNDS; round++) {
      const { apps, configs, close } = await twoApps({ LEDGER_SEED: 'reference' });
      try {
        const logged: string[][] = [[], []];
        const seed = await readSeed(configs[0]);
        // Each as main.ts does it, both instances at once: a look at the store, the admin, then the seed.
        const outcomes = await Promise.all(
          apps.map(async (app, i) => {
            const logger = { log: (m: string) => logged[i]!.push(m), warn: () => undefined, error: () => undefined };
            const emptyAtStart = await storeIsEmpty(app);
            const admin: AdminAtStart = await app.get(Accounts).bootstrapAdmin(configs[i]!, () => undefined, { sayFound: () => undefined });
            await seedOnFirstStart(app, configs[i]!, logger, seed, { admin, emptyAtStart });
            return admin;
          }),
        );
        const maker = outcomes.findIndex((o) => o.how === 'created');
        expect(outcomes.filter((o) => o.how === 'created'), `round ${round}`).toHaveLength(1);
        expect(outcomes[0].admin.id).toBe(outcomes[1].admin.id);
        expect(logged[maker]!.join('\n')).toMatch(/seeded it with .*\(\d+ events; set LEDGER_SEED=none/);
        expect(logged[1 - maker]!.join('\n')).toContain('another instance starting at the same time made its admin and seeds it');
        const events = await allEvents(apps[0].get<EventStore>(EVENT_STORE));
        expect(admins(events)).toHaveLength(1);
        await expectSeededOnce(events);
      } finally {
        await close();
      }
    }
  });

  it(`two server processes started at once: one admin, its token printed by its maker only, the seed once, both healthy (${PROCESS_ROUNDS} fresh ledgers)`, async () => {
    for (let round = 0; round < PROCESS_ROUNDS; round++) {
      if (target.label.includes('EventStoreDB')) {
        await target.tearDown();
        await target.setUp();
      }
      const ledger = target.freshLedger();
      // No LEDGER_ADMIN_TOKEN: the token must be the one printed, by the instance that made it.
      const envs = ledger.envs.map((env) => ({ ...env, LEDGER_SEED: 'reference', LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '1000000' }));
      const starts = envs.map((env) => runService(env));
      const settled = await Promise.allSettled(starts);
      const services = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      const store = ledger.store();
      try {
        for (const s of settled) if (s.status === 'rejected') throw s.reason;
        const [a, b] = services as [RunningService, RunningService];
        const outputs = [a.output(), b.output()];
        const makers = outputs.filter((o) => o.includes('created the admin principal'));
        expect(makers, outputs.join('\n-----\n')).toHaveLength(1);
        const printed = /\n {4}(clt_\S+)\n/.exec(makers[0]!)?.[1];
        expect(printed, makers[0]).toBeDefined();
        const other = outputs.find((o) => o !== makers[0])!;
        expect(other).toContain('found the admin principal "admin"');
        expect(other).not.toContain('clt_');

        for (const service of [a, b]) {
          const health = await fetch(`${service.baseUrl}/health`);
          expect(health.status, `round ${round}: ${await health.clone().text()}`).toBe(200);
          const me = await fetch(`${service.baseUrl}/api/me`, { headers: { Authorization: `Bearer ${printed}` } });
          expect(me.status).toBe(200);
          expect(await me.json()).toMatchObject({ name: 'admin', role: 'admin' });
        }
        // What a read with the store's head sees on each instance: the whole seed, once.
        for (const service of [a, b]) {
          const questions = await fetch(`${service.baseUrl}/api/questions`, { headers: { Authorization: `Bearer ${printed}` } });
          expect(questions.status).toBe(200);
        }
        const events = await allEvents(store);
        expect(admins(events)).toHaveLength(1);
        expect(tokens(events)).toHaveLength(1);
        await expectSeededOnce(events);
        // The maker imports the seed. The other leaves it to the maker, finds it under way (nothing to
        // do), or, when it began after the maker's admin was stored and before its first entry (which
        // it cannot tell from a restart), imports alongside it: stored once all the same (below).
        expect(makers[0]).toContain('seeded it with');
        const { report, breaks } = await verifyLedgerWithCheckpoints(loadConfig(envs[0]!), store);
        expect(breaks).toEqual([]);
        expect(report.events).toBe(events.length);
      } finally {
        await store.close();
        await Promise.all(services.map(stopService));
        ledger.cleanUp();
      }
    }
  });
});
