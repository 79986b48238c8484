import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app';

type Responses = Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
interface Operation {
  summary?: string;
  parameters?: { in: string; name: string }[];
  security?: Record<string, string[]>[];
  responses: Responses;
}
interface Document {
  servers?: { url: string }[];
  security?: Record<string, string[]>[];
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, Record<string, unknown>>; schemas: Record<string, unknown> };
}

/**
 * Redocly's `recommended` rules, plus the RFC 7807/9457 rule it leaves off (every 4xx is problem
 * details here), and the one place where a rule is wrong for this API, with the reason.
 */
const LINT_CONFIG = { extends: ['recommended'], rules: { 'operation-4xx-problem-details-rfc7807': 'error' } };
const IGNORED: Record<string, Record<string, string>> = {
  'operation-4xx-response': {
    // Open to anyone, always, with no parameter and no body: there is no client error to answer.
    '#/paths/~1health/get/responses': 'GET /health is public and takes nothing',
    '#/paths/~1api~1checkpoints~1public-key/get/responses': 'GET /api/checkpoints/public-key is public and takes nothing',
  },
};

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];

describe('the OpenAPI document (/docs/json)', () => {
  let t: TestApp;
  let doc: Document;
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op, name: `${method.toUpperCase()} ${path}` })));

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.anonymous.get('/docs/json').expect(200)).body as Document;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('passes `redocly lint` with the recommended rules and problem details on every 4xx: no error, no warning', async () => {
    const { createConfig, lintFromString } = await import('@redocly/openapi-core');
    const config = await createConfig(LINT_CONFIG as never);
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: '/docs/openapi.json', config });
    const ignoredFound: string[] = [];
    const left = problems.filter((p) => {
      const pointer = p.location[0]?.pointer ?? '';
      if (IGNORED[p.ruleId]?.[pointer]) {
        ignoredFound.push(`${p.ruleId} ${pointer}`);
        return false;
      }
      return true;
    });
    expect(left.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`)).toEqual([]);
    // An ignore that no longer matches anything is stale: drop it from IGNORED.
    expect(ignoredFound.sort()).toEqual(Object.entries(IGNORED).flatMap(([rule, pointers]) => Object.keys(pointers).map((p) => `${rule} ${p}`)).sort());
  });

  it('lint fails on what it should: a document without summaries, servers or 4xx', async () => {
    const { createConfig, lintFromString } = await import('@redocly/openapi-core');
    const config = await createConfig(LINT_CONFIG as never);
    const bare = { openapi: '3.0.0', info: { title: 'x', version: '1', license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' } }, servers: [], paths: { '/a': { get: { operationId: 'a', responses: { 200: { description: 'ok' } } } } } };
    const rules = new Set((await lintFromString({ source: JSON.stringify(bare), absoluteRef: '/bare.json', config })).map((p) => p.ruleId));
    expect([...rules].sort()).toEqual(expect.arrayContaining(['no-empty-servers', 'operation-4xx-response', 'operation-summary']));
  });

  it('has a summary on every operation, and servers', () => {
    for (const { name, op } of operations()) expect(op.summary, name).toMatch(/^[A-Z]\S.{3,60}$/);
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });

  it('describes the bearer scheme as opaque tokens, not JWT', () => {
    const bearer = doc.components.securitySchemes.bearer;
    expect(bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(bearer.bearerFormat).toBeUndefined();
    expect(bearer.description).toMatch(/opaque/);
  });

  it('says which operations need a token: writes and admin always, reads only while reads are private', () => {
    for (const { name, method, path, op } of operations()) {
      const security = op.security ?? doc.security;
      const anonymousAllowed = security?.some((requirement) => Object.keys(requirement).length === 0);
      // GET /api/me tells who the token is: it always needs one.
      if (WRITE_METHODS.includes(method) || path.startsWith('/api/admin') || path === '/api/me') expect(anonymousAllowed, name).toBeFalsy();
      else expect(anonymousAllowed, name).toBe(true);
      // Anything that can need a token can answer 401; public routes never do.
      if (security?.some((requirement) => 'bearer' in requirement) && !['/health'].includes(path)) expect(op.responses['401'], name).toBeDefined();
    }
  });

  it('declares what every write really answers, and 404 exactly where the path names something', () => {
    for (const { name, method, path, op } of operations()) {
      const statuses = Object.keys(op.responses);
      if (WRITE_METHODS.includes(method)) expect(statuses, name).toEqual(expect.arrayContaining(['400', '401', '403', '429']));
      if (WRITE_METHODS.includes(method) && !path.startsWith('/api/admin')) expect(statuses, name).toEqual(expect.arrayContaining(['409', '413', '415', '422']));
      const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
      expect(statuses.includes('404'), name).toBe(pathParams.length > 0);
      if (pathParams.length > 0) expect(statuses, name).toContain('400');
    }
  });

  it('gives every error response the problem schema, and every JSON success a schema', () => {
    for (const { name, op } of operations()) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400) {
          expect(Object.keys(response.content ?? {}), `${name} ${status}`).toEqual(['application/problem+json']);
          expect(response.content!['application/problem+json'].schema, `${name} ${status}`).toEqual({ $ref: '#/components/schemas/ProblemDetails' });
        } else if (response.content?.['application/json']) {
          expect(response.content['application/json'].schema, `${name} ${status}`).toBeDefined();
        }
      }
      expect(Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)), name).toBe(true);
    }
  });
});
