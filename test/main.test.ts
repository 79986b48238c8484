import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { collect } from './event-store/event-store.contract';
import { runService, runServiceToExit } from './support/run-service';

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
});
