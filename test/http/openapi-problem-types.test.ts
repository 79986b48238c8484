import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_TYPES } from '../../src/http/openapi/problem-types';
import { problem } from '../../src/http/problem-details';
import { startTestApp, type TestApp } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** The top-level arguments of the call whose `(` is at `open`, as source text; strings and nesting skipped over. */
function callArguments(text: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (--depth === 0) {
        args.push(text.slice(start, i));
        return args;
      }
    } else if (c === ',' && depth === 1) {
      args.push(text.slice(start, i));
      start = i + 1;
    }
  }
  return args;
}

const literals = (code: string | undefined) => [...(code ?? '').matchAll(/'([a-z][a-z0-9]*(?:-[a-z0-9]+)*)'/g)].map((m) => m[1]!);

/**
 * Every problem slug the code can emit, read from its source: the slug argument of each `problem(…)`,
 * `bodyProblem(…)`, `rule(…)`, `new DomainRuleError(…)` and `referenceTo(…)` (a rule's code is its problem's slug), and
 * the problem filter's table of slugs by status. Where the slug is a variable, it comes from one of these.
 */
function emittedSlugs(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const calls: [RegExp, number][] = [
    [/\bproblem\(/g, 1],
    [/\bbodyProblem\(/g, 1],
    [/\brule\(/g, 1],
    [/\bDomainRuleError\(/g, 0],
    // referenceTo(lookup, code, …) refuses a missing reference as the rule `code`.
    [/\breferenceTo\(/g, 1],
  ];
  for (const file of [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'projections'))]) {
    const text = readFileSync(file, 'utf8');
    const add = (slug: string) => found.set(slug, [...(found.get(slug) ?? []), relative(ROOT, file)]);
    for (const [pattern, index] of calls) {
      for (const match of text.matchAll(pattern)) literals(callArguments(text, match.index + match[0].length - 1)[index]).forEach(add);
    }
    const table = /function slugFor[\s\S]*?\{([\s\S]*?)\}\[/.exec(text);
    if (table) [...table[1]!.matchAll(/\d{3}: '([a-z-]+)'/g)].forEach((m) => add(m[1]!));
  }
  return found;
}

describe('problem types', () => {
  let t: TestApp;
  const slugs = emittedSlugs();

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finds the slugs in the code, from each kind of place they are made', () => {
    // The reader of the source must see all of these, or it reads nothing: each comes from a different construct.
    for (const slug of ['validation', 'not-owner', 'claim-retracted', 'unknown-source', 'unsupported-media-type', 'bad-request', 'too-large', 'method-not-allowed', 'rate-limited', 'read-timeout', 'unavailable', 'internal']) {
      expect(slugs.has(slug), slug).toBe(true);
    }
  });

  it('link every problem to /problems/<slug>', () => {
    expect(problem(422, 'claim-retracted', 'x').type).toBe('/problems/claim-retracted');
  });

  it('resolve: every type the code can emit has a page (200, HTML, naming it), and the table lists nothing the code does not emit', async () => {
    const missing: string[] = [];
    for (const [slug, files] of slugs) {
      const res = await t.anonymous.get(`/problems/${slug}`);
      if (res.status !== 200) {
        missing.push(`${slug} (${files[0]}) → ${res.status}`);
        continue;
      }
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain(`<code>/problems/${slug}</code>`);
      expect(res.text).toContain(`<h1>${PROBLEM_TYPES[slug]!.title}</h1>`);
      expect(res.text).toContain(`<dd>${PROBLEM_TYPES[slug]!.status}</dd>`);
    }
    expect(missing).toEqual([]);
    expect(Object.keys(PROBLEM_TYPES).filter((slug) => !slugs.has(slug))).toEqual([]);
  });

  it('link the problems the API really sends to pages that exist', async () => {
    const refusals = [
      await t.http.get('/api/questions/not-a-uuid'),
      await t.http.get(`/api/questions/00000000-0000-4000-8000-000000000000`),
      await t.anonymous.post('/api/questions').send({ title: 'x' }),
      await t.http.post('/api/questions').send({ title: 'x', bogus: 1 }),
      await t.http.post('/api/questions').set('Content-Type', 'text/plain').send('x'),
      await t.http.post('/api/questions').set('Content-Type', 'application/json').send('{"title":'),
      await t.http.delete('/api/questions'),
    ];
    expect(refusals.map((r) => r.status)).toEqual([400, 404, 401, 400, 415, 400, 405]);
    for (const refusal of refusals) {
      expect(refusal.headers['content-type']).toMatch(/^application\/problem\+json/);
      const type = JSON.parse(refusal.text).type as string;
      expect(type).toMatch(/^\/problems\/[a-z-]+$/);
      await t.anonymous.get(type).expect(200);
    }
  });

  it('describe the statuses that have no type of their own, list every type, and refuse unknown ones with a problem', async () => {
    expect((await t.anonymous.get('/problems/status-418').expect(200)).text).toContain('<dd>418</dd>');
    const index = (await t.anonymous.get('/problems').expect(200)).text;
    for (const slug of Object.keys(PROBLEM_TYPES)) expect(index).toContain(`href="/problems/${slug}"`);
    const unknown = await t.anonymous.get('/problems/no-such-type').expect(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(unknown.text)).toMatchObject({ type: '/problems/not-found', status: 404, errors: [{ field: 'slug' }] });
    await t.anonymous.get('/problems/status-200').expect(404);
    await t.anonymous.get('/problems/toString').expect(404);
    await t.anonymous.get('/problems/__proto__').expect(404);
  });
});
