import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldForSearch } from '../../src/cli/commands/questions.command';
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
      ['¿Pagó la Cruz Roja Soviética a las familias del PCE?', 'open', ['soviet-red-cross', 'pce'], 0],
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
    expect(lines[2]).toMatch(new RegExp(`^${all[0]!.id.slice(0, 8)}  open\\s+0  soviet-red-cross, pce\\s+¿Pagó la Cruz Roja Soviética a las familias del PCE\\?$`));
    expect(lines[3]).toMatch(/ {2}↳ Where are the Soviet Red Cross files kept\?$/);
    expect(lines[4]).toMatch(/resolved\s+1  people\s+Who was Volkogonov\?$/);
    expect(run.stdout).toContain('3 questions');
    const none = await runCli(['questions', '--search', 'nkvd'], env);
    expect(none.stdout).toContain('No question matches (of 3).');
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
