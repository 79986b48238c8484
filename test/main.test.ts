import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { collect } from './event-store/event-store.contract';
import { setCliTimeouts } from './support/run-cli';
import { ROOT, runService, runServiceToExit } from './support/run-service';

// Each test starts the service (compiled on the fly) one or more times: budgets to catch a hang, not to time the machine.
setCliTimeouts();

const directory = mkdtempSync(join(tmpdir(), 'ledger-main-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('the service process', () => {
  it('refuses to start on an invalid LEDGER_STORE, naming the variable and the allowed values', async () => {
    const { code, output } = await runServiceToExit({ LEDGER_STORE: 'bogus', LEDGER_DATA_DIR: join(directory, 'bogus') });
    expect(code).not.toBe(0);
    expect(output).toContain('LEDGER_STORE');
    expect(output).toContain('sqlite, eventstoredb');
  });

  it('serves /health on the embedded store, and on SIGTERM finishes appends in flight and stops cleanly', async () => {
    const dataDir = join(directory, 'graceful');
    const token = 'clt_graceful-shutdown-test-token-0123456789abcdef';
    const service = await runService({ LEDGER_DATA_DIR: dataDir, LEDGER_SEED: 'none', LEDGER_ADMIN_TOKEN: token });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const health = await fetch(`${service.baseUrl}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', store: 'sqlite' });
    const docs = await fetch(`${service.baseUrl}/docs`);
    expect(docs.status).toBe(200);

    const opened = await fetch(`${service.baseUrl}/api/questions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'Shutdown under load' }),
    });
    const { id } = (await opened.json()) as { id: string };
    const posts = Array.from({ length: 40 }, (_, i) =>
      fetch(`${service.baseUrl}/api/questions/${id}/claims`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ text: `claim ${i}`, kind: 'answer' }),
      })
        .then(async (r) => ({ status: r.status, body: r.status === 201 ? ((await r.json()) as { eventIds: string[] }) : undefined }))
        .catch(() => ({ status: 0, body: undefined })),
    );
    await new Promise((r) => setTimeout(r, 5));
    service.child.kill('SIGTERM');
    const answers = await Promise.all(posts);
    const exit = await service.exited;
    expect(exit.code).toBe(0);
    expect(service.output()).toContain('stopped cleanly');

    const acknowledged = answers.filter((a) => a.status === 201).flatMap((a) => a.body!.eventIds);
    const store = new SqliteEventStore({ filename: join(dataDir, 'ledger.db') });
    try {
      expect(store.integrityCheck()).toBe('ok');
      const stored = new Set((await collect(store.readAll())).map((e) => e.id));
      expect(acknowledged.filter((eventId) => !stored.has(eventId))).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('seeds an empty ledger with the reference debate on first start, once', async () => {
    const dataDir = join(directory, 'first-start');
    const first = await runService({ LEDGER_DATA_DIR: dataDir });
    const questions = (await (await fetch(`${first.baseUrl}/api/questions`)).json()) as { title: string; parentQuestionId: string | null }[];
    expect(questions.filter((q) => q.parentQuestionId === null).map((q) => q.title)).toEqual([
      expect.stringContaining('Soviet Red Cross'),
    ]);
    expect(questions.length).toBeGreaterThan(1);
    expect(first.output()).toContain('seeded it with');
    // The first admin's token is printed once; it works, and is never printed again.
    const token = /shown this once:\s+(clt_\S+)/.exec(first.output())![1];
    const write = await fetch(`${first.baseUrl}/api/questions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ title: 'Written with the first-start token' }),
    });
    expect(write.status).toBe(201);
    first.child.kill('SIGTERM');
    await first.exited;

    const second = await runService({ LEDGER_DATA_DIR: dataDir });
    const again = (await (await fetch(`${second.baseUrl}/api/questions`)).json()) as unknown[];
    expect(again).toHaveLength(questions.length + 1);
    expect(second.output()).not.toContain('seeded it with');
    expect(second.output()).not.toContain('shown this once');
    expect(second.output()).not.toContain(token);
    second.child.kill('SIGTERM');
    await second.exited;
  });

  describe('refuses to start, in one clear message and before writing anything', () => {
    const noStackTrace = (output: string) => expect(output).not.toMatch(/\n\s+at /);

    it('on a bad LEDGER_SEED: no admin, no token, no data directory; a good seed then starts as a first start', async () => {
      const dataDir = join(directory, 'bad-seed');
      const unreadable = join(directory, 'no-such-debate.yaml');
      const broken = join(directory, 'broken-debate.yaml');
      writeFileSync(broken, 'format: claims-ledger/debate@1\nentries: [unclosed\n');
      const invalid = join(directory, 'invalid-debate.yaml');
      writeFileSync(invalid, readFileSync(join(ROOT, 'test/fixtures/small-debate.yaml'), 'utf8').replace('kind: background', 'kind: rumour'));
      for (const seed of [unreadable, broken, invalid]) {
        const { code, output } = await runServiceToExit({ LEDGER_DATA_DIR: dataDir, LEDGER_SEED: seed });
        expect(code, output).toBe(1);
        expect(output).toContain(`LEDGER_SEED: ${seed}`);
        expect(output).not.toContain('shown this once');
        expect(output).not.toContain('clt_');
        noStackTrace(output);
        expect(existsSync(dataDir), output).toBe(false);
      }
      expect((await runServiceToExit({ LEDGER_DATA_DIR: dataDir, LEDGER_SEED: invalid })).output).toContain('entries[2] (allowance): kind: must be one of');

      const good = await runService({ LEDGER_DATA_DIR: dataDir, LEDGER_SEED: join(ROOT, 'test/fixtures/small-debate.yaml') });
      try {
        expect(good.output()).toMatch(/shown this once:\s+clt_\S+/);
        expect(good.output()).toContain('seeded it with');
      } finally {
        good.child.kill('SIGTERM');
        await good.exited;
      }
    });

    it('on a port already in use: one line naming the port', async () => {
      const blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const port = (blocker.address() as AddressInfo).port;
      try {
        const dataDir = join(directory, 'port-in-use');
        const { code, output } = await runServiceToExit({ LEDGER_DATA_DIR: dataDir, LEDGER_SEED: 'none', HOST: '127.0.0.1', PORT: String(port) });
        expect(code).toBe(1);
        expect(output.trim().split('\n')).toEqual([`PORT: port ${port} is already in use on 127.0.0.1; stop what listens there, or set PORT to another port`]);
        expect(existsSync(dataDir)).toBe(false);
      } finally {
        await new Promise((resolve) => blocker.close(resolve));
      }
    });

    it('on a data directory that is a file, or inside one: one line naming LEDGER_DATA_DIR', async () => {
      const file = join(directory, 'data-is-a-file');
      writeFileSync(file, 'not a directory');
      const itself = await runServiceToExit({ LEDGER_DATA_DIR: file, LEDGER_SEED: 'none' });
      expect(itself.code).toBe(1);
      expect(itself.output.trim().split('\n')).toEqual([`LEDGER_DATA_DIR: ${file} is a file, not a directory; set LEDGER_DATA_DIR to a directory this user can write to`]);
      const inside = await runServiceToExit({ LEDGER_DATA_DIR: join(file, 'data'), LEDGER_SEED: 'none' });
      expect(inside.code).toBe(1);
      expect(inside.output.trim().split('\n')).toEqual([`LEDGER_DATA_DIR: cannot create ${join(file, 'data')}: ${file} is a file; set LEDGER_DATA_DIR to a directory this user can write to`]);
    });
  });
});
