import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/ledger-config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('has defaults for a laptop: sqlite in ./data on 127.0.0.1:3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', store: 'sqlite', sqliteDurability: 'FULL', bodyLimitBytes: 256 * 1024 });
    expect(config.dataDir).toBe(`${process.cwd()}/data`);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      LEDGER_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
      LEDGER_DATA_DIR: '/var/lib/ledger',
      LEDGER_SQLITE_DURABILITY: 'NORMAL',
      LEDGER_BODY_LIMIT: '1mb',
      LEDGER_ADMIN_TOKEN: 'clt_0123456789abcdefghijklmnopqrstuvwxyz',
      LEDGER_PUBLIC_READ: 'false',
      LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '60',
      LEDGER_CORS_ORIGINS: 'https://example.org, http://localhost:5173',
      LEDGER_CACHE_CONSENSUS_BYTES: '32mb',
      LEDGER_CACHE_TIMELINE_BYTES: '2048kb',
      LEDGER_CACHE_TIME_TRAVEL_BYTES: '1gb',
      LEDGER_CACHE_IDLE_SECONDS: '0',
    });
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      store: 'eventstoredb',
      eventStoreConnectionString: 'esdb://localhost:2113?tls=false',
      dataDir: '/var/lib/ledger',
      sqliteDurability: 'NORMAL',
      bodyLimitBytes: 1024 * 1024,
      adminToken: 'clt_0123456789abcdefghijklmnopqrstuvwxyz',
      publicRead: false,
      writesPerMinute: 60,
      corsOrigins: ['https://example.org', 'http://localhost:5173'],
      snapshotEvery: 50_000,
      readTimeoutMs: 5_000,
      seed: 'reference',
      consensus: {},
      caches: { consensusBytes: 32 * 1024 * 1024, timelineBytes: 2048 * 1024, timeTravelBytes: 1024 ** 3, idleMs: 0 },
    });
  });

  it('names the variable and the allowed values of an invalid store', () => {
    expect(problemsOf({ LEDGER_STORE: 'bogus' })).toEqual(['LEDGER_STORE: "bogus" is not allowed; use one of: sqlite, eventstoredb']);
  });

  it('refuses a short admin token, a bad origin and a bad public-read flag', () => {
    const problems = problemsOf({ LEDGER_ADMIN_TOKEN: 'short', LEDGER_CORS_ORIGINS: 'example.org', LEDGER_PUBLIC_READ: 'maybe' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['LEDGER_ADMIN_TOKEN', 'LEDGER_CORS_ORIGINS', 'LEDGER_PUBLIC_READ']);
    expect(problems.join('\n')).not.toContain('short');
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({ PORT: 'eighty', LEDGER_SQLITE_DURABILITY: 'OFF', LEDGER_BODY_LIMIT: 'huge', LEDGER_STOR: 'sqlite' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['LEDGER_BODY_LIMIT', 'LEDGER_SQLITE_DURABILITY', 'LEDGER_STOR', 'PORT']);
  });

  it('needs an esdb:// connection string for EventStoreDB', () => {
    expect(problemsOf({ LEDGER_STORE: 'eventstoredb' })[0]).toMatch(/^EVENTSTORE_CONNECTION_STRING: required/);
    expect(problemsOf({ LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'kurrentdb://x:2113' })[0]).toMatch(/esdb:\/\//);
    expect(loadConfig({ LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb+discover://a:2113,b:2113,c:2113' }).store).toBe('eventstoredb');
  });
});

describe('LEDGER_SIGNING_KEY', () => {
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  it('takes an Ed25519 key as a PEM (line breaks written as \\n too) or as the path of a file holding one', () => {
    expect(loadConfig({ LEDGER_SIGNING_KEY: pem }).signingKey).toBe(pem);
    expect(loadConfig({ LEDGER_SIGNING_KEY: pem.replace(/\n/g, '\\n') }).signingKey).toBe(pem);
    const dir = mkdtempSync(join(tmpdir(), 'ledger-key-'));
    try {
      writeFileSync(join(dir, 'key.pem'), pem);
      expect(loadConfig({ LEDGER_SIGNING_KEY: join(dir, 'key.pem') }).signingKey).toBe(pem);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(loadConfig({}).signingKey).toBeUndefined();
  });

  it('refuses a missing file, a value that is no key and a key of another kind, never printing the key', () => {
    expect(problemsOf({ LEDGER_SIGNING_KEY: '/nowhere/key.pem' })).toEqual([expect.stringMatching(/^LEDGER_SIGNING_KEY: cannot read \/nowhere\/key\.pem \(ENOENT\)/)]);
    expect(problemsOf({ LEDGER_SIGNING_KEY: '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----' })).toEqual([expect.stringMatching(/^LEDGER_SIGNING_KEY: the value is not a PEM private key; use an Ed25519 private key/)]);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const problems = problemsOf({ LEDGER_SIGNING_KEY: rsa });
    expect(problems).toEqual([expect.stringMatching(/^LEDGER_SIGNING_KEY: the value is an rsa key; the ledger signs with Ed25519/)]);
    expect(problems.join('\n')).not.toContain(rsa.split('\n')[1]);
  });
});
