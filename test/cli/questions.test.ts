import Database from 'better-sqlite3';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldForSearch } from '../../src/cli/commands/questions.command';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { projectedEvent } from '../../src/projection-runtime/projected-event';
import { NO_OTHER_VIEWS } from '../../projections/projection';
import { questionsProjection } from '../../projections/questions/questions.projection';
import { runCli, setCliTimeouts } from '../support/run-cli';

setCliTimeouts();

/** Three questions, one a sub-question, one resolved, titles with accents, tags. */
const DEBATE = `
format: claims-ledger/debate@1
debate: questions-test-debate
title: Questions for the list
entries:
  - key: q1
    command: OpenQuestion
    by: { name: Silvia Ribelles de la Vega }
    at: 2021-02-10T03:02:00-05:00
    title: ¿Pagó la Cruz Roja Soviética a las familias del PCE?
    body: Sobre la asignación de 600 rublos.
    tags: [soviet-red-cross, pce]
  - key: q2
    command: OpenQuestion
    by: { name: Paul Preston }
    at: 2021-02-10T14:19:00-05:00
    title: Where are the Soviet Red Cross files kept?
    tags: [archives]
    parent: q1
  - key: q3
    command: OpenQuestion
    by: { name: John Eipper }
    at: 2021-02-11T09:00:00-05:00
    title: Who was Volkogonov?
    tags: [people]
  - key: c3
    command: ProposeClaim
    by: { name: John Eipper }
    at: 2021-02-11T09:00:00-05:00
    question: q3
    text: Dmitri Volkogonov was a Soviet general and historian.
    kind: answer
  - key: post
    command: RegisterSource
    kind: forum-post
    title: On the allowance
    authors: [Paul Preston]
    issued: 2021-02-10
  - key: c1
    command: ProposeClaim
    by: { name: Paul Preston }
    at: 2021-02-10T15:00:00-05:00
    question: q1
    text: The Soviet Red Cross paid the allowance.
    kind: hypothesis
  - key: c2
    command: ProposeClaim
    by: { name: Paul Preston }
    at: 2021-02-10T15:10:00-05:00
    question: q1
    text: The allowance came from the Comintern's budget.
    kind: hypothesis
  - key: e2
    command: AttachEvidence
    by: { name: Paul Preston }
    at: 2021-02-10T15:20:00-05:00
    claim: c2
    source: post
    stance: supports
    locator: the second paragraph
    credibility: 2
  - key: x1
    command: RetractClaim
    by: { name: Paul Preston }
    at: 2021-02-10T16:00:00-05:00
    claim: c1
    reason: Withdrawn in a later post.
  - key: r3
    command: ResolveQuestion
    by: { name: John Eipper }
    at: 2021-02-11T10:00:00-05:00
    question: q3
    summary: Answered.
    accepted: [c3]
`;

interface Listed {
  id: string;
  title: string;
  status: string;
  tags: string[];
  claims: number;
  liveClaims: number;
  evidence: number;
  parentQuestionId: string | null;
}

describe('claims questions', () => {
  const directory = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
  const env = { LEDGER_DATA_DIR: join(directory, 'ledger') };
  const list = async (...args: string[]) => {
    const run = await runCli(['questions', '--json', ...args], env);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as Listed[];
  };

  beforeAll(async () => {
    const file = join(directory, 'debate.yaml');
    writeFileSync(file, DEBATE);
    const imported = await runCli(['import', file], env);
    expect(imported.code, imported.stderr).toBe(0);
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('lists every question as JSON, each sub-question after its question, with status, tags and claims', async () => {
    const all = await list();
    expect(all.map((q) => [q.title, q.status, q.tags, q.claims])).toEqual([
      ['¿Pagó la Cruz Roja Soviética a las familias del PCE?', 'open', ['soviet-red-cross', 'pce'], 2],
      ['Where are the Soviet Red Cross files kept?', 'open', ['archives'], 0],
      ['Who was Volkogonov?', 'resolved', ['people'], 1],
    ]);
    expect(all[1]!.parentQuestionId).toBe(all[0]!.id);
  });

  it('searches titles, bodies and tags, case and accents aside', async () => {
    expect((await list('--search', 'CRUZ ROJA SOVIETICA')).map((q) => q.title)).toEqual(['¿Pagó la Cruz Roja Soviética a las familias del PCE?']);
    expect((await list('--search', 'soviet red cross')).map((q) => q.title)).toEqual(['Where are the Soviet Red Cross files kept?']);
    expect((await list('--search', 'asignación')).map((q) => q.title)).toEqual(['¿Pagó la Cruz Roja Soviética a las familias del PCE?']);
    expect((await list('--search', 'volkogónov')).map((q) => q.title)).toEqual(['Who was Volkogonov?']);
    expect(await list('--search', 'nkvd')).toEqual([]);
  });

  it('filters by status and by tag', async () => {
    expect((await list('--status', 'resolved')).map((q) => q.title)).toEqual(['Who was Volkogonov?']);
    expect((await list('--tag', 'archives', 'people')).map((q) => q.title)).toEqual(['Where are the Soviet Red Cross files kept?', 'Who was Volkogonov?']);
  });

  it('prints a table with the start of each id, status, live claims, tags and title; sub-questions indented', async () => {
    const run = await runCli(['questions'], { ...env, COLUMNS: '120' });
    expect(run.code, run.stderr).toBe(0);
    const all = await list();
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^id\s+status\s+claims\s+tags\s+title$/);
    expect(lines[1]).toMatch(/^─+$/);
    expect(lines[2]).toMatch(new RegExp(`^${all[0]!.id.slice(0, 8)}  open\\s+1  soviet-red-cross, pce\\s+¿Pagó la Cruz Roja Soviética a las familias del PCE\\?$`));
    expect(lines[3]).toMatch(/ {2}↳ Where are the Soviet Red Cross files kept\?$/);
    expect(lines[4]).toMatch(/resolved\s+1  people\s+Who was Volkogonov\?$/);
    expect(run.stdout).toContain('3 questions');
    const none = await runCli(['questions', '--search', 'nkvd'], env);
    expect(none.stdout).toContain('No question matches (of 3).');
  });

  it("counts claims, live claims and evidence as the server's questions projection does, folding the whole log", async () => {
    const store = new SqliteEventStore({ filename: join(env.LEDGER_DATA_DIR, 'ledger.db'), readonly: true });
    const view = questionsProjection.init();
    try {
      for await (const recorded of store.readAll()) {
        const event = projectedEvent(recorded);
        if (event) questionsProjection.apply(view, event, NO_OTHER_VIEWS);
      }
    } finally {
      await store.close();
    }
    const expected = [...view.questions.values()].map((q) => ({
      id: q.id,
      title: q.title,
      status: q.status,
      claims: q.claims.size,
      liveClaims: [...q.claims.values()].filter((c) => c.status === 'live').length,
      evidence: q.evidence.size,
    }));
    const listed = (await list()).map(({ id, title, status, claims, liveClaims, evidence }) => ({ id, title, status, claims, liveClaims, evidence }));
    expect(listed.sort((a, b) => a.id.localeCompare(b.id))).toEqual(expected.sort((a, b) => a.id.localeCompare(b.id)));
    expect(listed.find((q) => q.claims === 2)).toMatchObject({ liveClaims: 1, evidence: 1 });
  });

  it("refuses a question whose own event no longer matches its hash, saying so on standard error", async () => {
    const copy = join(directory, 'tampered');
    cpSync(env.LEDGER_DATA_DIR, copy, { recursive: true });
    const db = new Database(join(copy, 'ledger.db'));
    try {
      const row = db.prepare("SELECT position, data FROM events WHERE type = 'QuestionOpened' AND data LIKE '%Volkogonov%'").get() as { position: number; data: string };
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(row.data.replace('Who was Volkogonov?', 'Who was Trotsky?'), row.position);
    } finally {
      db.close();
    }
    const run = await runCli(['questions', '--json'], { LEDGER_DATA_DIR: copy });
    expect(run.code, run.stderr).toBe(0);
    const titles = (JSON.parse(run.stdout) as Listed[]).map((q) => q.title);
    expect(titles).toEqual(['¿Pagó la Cruz Roja Soviética a las familias del PCE?', 'Where are the Soviet Red Cross files kept?']);
    expect(run.stderr).toMatch(/claims: integrity: the event at position \d+ \(stream question-[0-9a-f-]+, revision 0\) is refused.*hash does not match the content/);
  });

  it('refuses an unknown status with exit 2', async () => {
    const run = await runCli(['questions', '--status', 'closed'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Allowed choices are open, resolved/);
  });
});

describe('the search folding', () => {
  it('sets case, accents and compatibility forms aside', () => {
    expect(foldForSearch('Soviética  ÑANDÚ ﬁle Straße')).toBe('sovietica nandu file strasse');
    expect(foldForSearch('Волкогонов')).toBe('волкогонов');
  });
});
