import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOnFirstStart } from '../../src/ledger/import/seed-on-first-start';
import { startTestApp, type TestApp } from '../support/test-app';

type Schema = Record<string, unknown>;
interface Operation {
  parameters?: { in: string; name: string }[];
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const REF = '#/components/schemas/';

/**
 * The documented schemas made strict for the test: allOf of objects merged into one object, and every
 * object that lists its properties closed to others. The document stays open (clients should ignore
 * unknown members); the test holds it complete: a member the API sends but the document does not
 * name fails here.
 */
function strictCopy(schema: unknown, components: Record<string, Schema>): unknown {
  if (Array.isArray(schema)) return schema.map((s) => strictCopy(s, components));
  if (schema === null || typeof schema !== 'object') return schema;
  const node = schema as Schema;
  if (Array.isArray(node.allOf)) {
    const parts = (node.allOf as Schema[]).map((part) => strictCopy(resolve(part, components), components) as Schema);
    if (parts.every((p) => p.properties || p.type === 'object')) {
      const { allOf: _allOf, ...rest } = node;
      return {
        ...strictCopy(rest, components) as Schema,
        type: 'object',
        properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
        required: [...new Set(parts.flatMap((p) => (p.required as string[] | undefined) ?? []))],
        additionalProperties: parts.some((p) => p.additionalProperties === true) ? true : false,
      };
    }
  }
  const copy: Schema = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, key === 'example' ? value : strictCopy(value, components)]));
  if (typeof copy.$ref === 'string') copy.$ref = copy.$ref.replace(REF, `openapi${REF}`);
  if (copy.properties && copy.additionalProperties === undefined) copy.additionalProperties = false;
  return copy;
}

function resolve(schema: Schema, components: Record<string, Schema>): Schema {
  return typeof schema.$ref === 'string' && schema.$ref.startsWith(REF) ? resolve(components[schema.$ref.slice(REF.length)]!, components) : schema;
}

describe('the documented response schemas, against real answers on the reference debate', () => {
  let t: TestApp;
  let doc: Document;
  let ajv: Ajv;
  const validators = new Map<unknown, ValidateFunction>();
  /** Operations ("GET /api/questions/{id}") and the statuses checked for each. */
  const checked = new Map<string, Set<string>>();

  beforeAll(async () => {
    t = await startTestApp({ LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '100000' });
    await seedOnFirstStart(t.app, { ...t.config, seed: 'reference' }, { log: () => undefined } as never);
    doc = (await t.anonymous.get('/docs/json').expect(200)).body as Document;
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'openapi', components: { schemas: strictCopy(doc.components.schemas, doc.components.schemas) } });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  /** Checks an answer against what the document says the operation answers with that status and media type. */
  function conforms(method: string, template: string, res: Response): void {
    const name = `${method.toUpperCase()} ${template}`;
    const operation = doc.paths[template]?.[method];
    expect(operation, `${name} is not in the document`).toBeDefined();
    const response = operation!.responses[String(res.status)];
    expect(response, `${name} answered ${res.status}, which the document does not declare: ${res.text.slice(0, 300)}`).toBeDefined();
    const mediaType = String(res.headers['content-type'] ?? '').split(';')[0];
    const schema = response!.content?.[mediaType]?.schema;
    expect(schema, `${name} ${res.status}: no schema for ${mediaType}`).toBeDefined();
    let validate = validators.get(schema);
    if (!validate) {
      validate = ajv.compile(strictCopy(schema, doc.components.schemas) as Schema);
      validators.set(schema, validate);
    }
    const valid = validate(JSON.parse(res.text));
    expect(valid ? [] : ajv.errorsText(validate.errors, { separator: '\n' }).split('\n').slice(0, 10), `${name} ${res.status}`).toEqual([]);
    if (!checked.has(name)) checked.set(name, new Set());
    checked.get(name)!.add(String(res.status));
  }

  const url = (template: string, params: Record<string, string>, query = '') => template.replace(/\{(\w+)\}/g, (_, p: string) => params[p]!) + (query ? `?${query}` : '');
  const get = async (template: string, params: Record<string, string> = {}, query = '', status = 200) => {
    const res = await t.http.get(url(template, params, query));
    expect(res.status, `GET ${url(template, params, query)}: ${res.text.slice(0, 300)}`).toBe(status);
    conforms('get', template, res);
    return res.body;
  };

  it('answers every read as documented', async () => {
    const questions = (await get('/api/questions')) as { id: string; parentQuestionId: string | null }[];
    expect(questions.length).toBeGreaterThan(1);
    const main = questions.find((q) => q.parentQuestionId === null)!;
    for (const { id } of questions) {
      await get('/api/questions/{id}', { id });
      await get('/api/questions/{id}/consensus', { id });
      await get('/api/questions/{id}/timeline', { id });
    }
    const events = (await get('/api/questions/{id}/events', { id: main.id }, 'limit=1000')) as { id: string; position: string }[];
    await get('/api/questions/{id}', { id: main.id }, `minPosition=${events.at(-1)!.position}`);
    // Pages, with and without what explains each label.
    await get('/api/questions/{id}/claims', { id: main.id }, 'limit=3');
    await get('/api/questions/{id}/claims', { id: main.id }, 'label=contested,corroborated&status=live');
    await get('/api/questions/{id}/consensus', { id: main.id }, 'explain=true&limit=1000');
    await get('/api/questions/{id}/consensus', { id: main.id }, 'label=contested&limit=2');
    await get('/api/questions/{id}/consensus', { id: main.id }, 'asOf=2021-02-11&axis=occurred');
    await get('/api/questions/{id}/consensus', { id: main.id }, `atPosition=${events[5]!.position}`);
    const claims = ((await get('/api/questions/{id}', { id: main.id })) as { claims: { id: string }[] }).claims;
    for (const { id: claimId } of claims) {
      await get('/api/claims/{id}', { id: claimId });
      await get('/api/questions/{id}/consensus/claims/{claimId}', { id: main.id, claimId });
    }
    await get('/api/questions/{id}/consensus/claims/{claimId}', { id: main.id, claimId: claims[0]!.id }, 'asOf=2021-02-28&axis=occurred');
    const sources = (await get('/api/sources')) as { id: string }[];
    for (const { id } of sources) {
      await get('/api/sources/{id}', { id });
      await get('/api/sources/{id}/citations', { id });
    }
    await get('/api/participants');
    await get('/api/me');
    await get('/api/checkpoints/public-key');
    await get('/api/checkpoints/latest');
    await get('/api/events/{id}/proof', { id: events[0]!.id });
    await get('/api/events/{id}/proof', { id: events[0]!.id }, `treeSize=${events.length}`);
    if (doc.paths['/api/checkpoints/consistency']) {
      await get('/api/checkpoints/consistency', {}, 'from=1');
      await get('/api/checkpoints/consistency', {}, 'from=1&to=2');
    }
    await get('/health');
  }, 120_000);

  it('answers the admin API and the writes as documented', async () => {
    const principal = await t.http.post('/api/admin/principals').send({ name: 'schema-checker', role: 'contributor' });
    conforms('post', '/api/admin/principals', principal);
    const id = principal.body.id as string;
    conforms('patch', '/api/admin/principals/{id}', await t.http.patch(`/api/admin/principals/${id}`).send({ role: 'moderator' }));
    conforms('get', '/api/admin/principals', await t.http.get('/api/admin/principals'));
    const token = await t.http.post(`/api/admin/principals/${id}/tokens`);
    conforms('post', '/api/admin/principals/{id}/tokens', token);
    conforms('get', '/api/admin/principals/{id}/tokens', await t.http.get(`/api/admin/principals/${id}/tokens`));
    conforms('post', '/api/admin/tokens/{id}/revocation', await t.http.post(`/api/admin/tokens/${token.body.tokenId}/revocation`));
    // Refusals of the admin API, as they happen.
    conforms('post', '/api/admin/principals', await t.http.post('/api/admin/principals').send({ name: 'Schema-Checker', role: 'contributor' }));
    conforms('post', '/api/admin/tokens/{id}/revocation', await t.http.post(`/api/admin/tokens/${token.body.tokenId}/revocation`));
    conforms('patch', '/api/admin/principals/{id}', await t.http.patch(`/api/admin/principals/${id}`).send({ role: 'moderator' }));
    expect(checked.get('POST /api/admin/principals')).toEqual(new Set(['201', '422']));

    const question = await t.http.post('/api/questions').send({ title: 'Who paid?' });
    conforms('post', '/api/questions', question);
    const claim = await t.http.post(`/api/questions/${question.body.id}/claims`).send({ text: 'The NKVD', kind: 'answer' });
    conforms('post', '/api/questions/{id}/claims', claim);
    // A stale If-Match, an Idempotency-Key reused for another body, a rule of the ledger.
    conforms('patch', '/api/claims/{id}', await t.http.patch(`/api/claims/${claim.body.id}`).set('If-Match', '"0"').send({ text: 'The Party', reason: 'x' }));
    conforms('post', '/api/claims/{id}/stances', await t.http.post(`/api/claims/${claim.body.id}/stances`).set('Idempotency-Key', 'k1').send({ stance: 'endorse', confidence: 0.5 }));
    conforms('post', '/api/claims/{id}/stances', await t.http.post(`/api/claims/${claim.body.id}/stances`).set('Idempotency-Key', 'k1').send({ stance: 'dispute', confidence: 0.5 }));
    conforms('patch', '/api/claims/{id}', await t.http.patch(`/api/claims/${claim.body.id}`).send({ text: 'The NKVD', reason: 'same' }));
    conforms('post', '/api/questions', await t.http.post('/api/questions').set('Content-Type', 'text/plain').send('title'));
    expect(checked.get('PATCH /api/claims/{id}')).toEqual(new Set(['409', '422']));

    // Every other write, once, as it succeeds.
    const q = question.body.id as string;
    const write = async (method: 'post' | 'patch', template: string, params: Record<string, string>, body: object) => {
      const res = await t.http[method](url(template, params)).send(body);
      expect(res.status, `${method} ${template}: ${res.text.slice(0, 300)}`).toBeLessThan(300);
      conforms(method, template, res);
      return res.body as { id: string };
    };
    await write('patch', '/api/questions/{id}', { id: q }, { title: 'Who paid the allowance?', reason: 'clearer' });
    await write('post', '/api/questions/{id}/proof-standard', { id: q }, { proofStandard: 'clear-and-convincing', reason: 'a grave charge' });
    const rival = await write('post', '/api/questions/{id}/claims', { id: q }, { text: 'The Party', kind: 'answer' });
    await write('post', '/api/claims/relations', {}, { fromClaimId: rival.id, toClaimId: claim.body.id, relation: 'competes' });
    const source = await write('post', '/api/sources', {}, { kind: 'report', title: 'A report', authors: ['CIA'], issued: '1954' });
    await write('patch', '/api/sources/{id}/appraisal', { id: source.id }, { reliability: 'B', note: 'usually reliable' });
    const evidence = await write('post', '/api/claims/{id}/evidence', { id: claim.body.id }, { sourceId: source.id, stance: 'supports', locator: 'p. 2' });
    await write('post', '/api/evidence/{id}/verification', { id: evidence.id }, { verification: 'transcribed', note: 'copied the passage' });
    await write('post', '/api/evidence/{id}/withdrawal', { id: evidence.id }, { reason: 'wrong file' });
    await write('patch', '/api/claims/{id}', { id: rival.id }, { text: 'The Communist Party of Spain', reason: 'precise' });
    await write('post', '/api/questions/{id}/resolution', { id: q }, { summary: 'The NKVD', acceptedClaimIds: [claim.body.id] });
    await write('post', '/api/questions/{id}/reopening', { id: q }, { reason: 'new evidence' });
    await write('post', '/api/claims/{id}/retraction', { id: rival.id }, { reason: 'withdrawn' });
  });

  it('answers what each operation declares when the id is not a UUID, names nothing, or the token is missing or too weak', async () => {
    const reader = await t.principal('schema-reader', 'reader');
    for (const [template, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const params = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        const send = (agent: TestApp['anonymous'] | TestApp['http'], path: string) => {
          const request = (agent as TestApp['anonymous'])[method as 'get'](path);
          // An event stream that opened would never end: these requests must be refused, so cap them.
          return (method === 'get' ? request : request.send({})).timeout(10_000);
        };
        if (params.length > 0) {
          const notUuid = await send(t.http, url(template, Object.fromEntries(params.map((p) => [p, 'not-a-uuid']))));
          expect(notUuid.status, `${method} ${template}`).toBe(400);
          conforms(method, template, notUuid);
          const unknown = await send(t.http, url(template, Object.fromEntries(params.map((p) => [p, randomUUID()]))));
          expect(unknown.status, `${method} ${template}`).toBeGreaterThanOrEqual(400);
          conforms(method, template, unknown);
        }
        const path = url(template, Object.fromEntries(params.map((p) => [p, randomUUID()])));
        if (method !== 'get' || template.startsWith('/api/admin')) {
          const anonymous = await send(t.anonymous, path);
          expect(anonymous.status, `${method} ${template}`).toBe(401);
          conforms(method, template, anonymous);
        }
        if (method !== 'get') {
          const weak = await send(reader.http, path);
          expect(weak.status, `${method} ${template}`).toBe(403);
          conforms(method, template, weak);
        }
      }
    }
  }, 120_000);

  it('holds the schemas strict: an undocumented member, a missing one or a wrong type fails', async () => {
    const question = (await t.http.get('/api/questions').expect(200)).body[0];
    const validate = ajv.compile({ type: 'array', items: { $ref: `openapi${REF}QuestionSummary` } });
    expect(validate([question])).toBe(true);
    expect(validate([{ ...question, undocumented: 1 }])).toBe(false);
    const { revision: _revision, ...missing } = question;
    expect(validate([missing])).toBe(false);
    expect(validate([{ ...question, claimCount: '3' }])).toBe(false);
    const consensus = ajv.compile({ $ref: `openapi${REF}Question` });
    const detail = (await t.http.get(`/api/questions/${question.id}`).expect(200)).body;
    expect(consensus(detail)).toBe(true);
    // Through allOf, and deep down: a claim's evidence's relation.
    expect(consensus({ ...detail, extra: true })).toBe(false);
    expect(consensus({ ...detail, claims: [{ ...detail.claims[0], owner: { ...detail.claims[0].owner, role: 'admin' } }] })).toBe(false);
  });

  it('checked a success of every JSON operation of the document', () => {
    const jsonOperations = Object.entries(doc.paths).flatMap(([template, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => Object.entries(op.responses).some(([status, r]) => /^2/.test(status) && r.content?.['application/json']))
        .map(([method]) => `${method.toUpperCase()} ${template}`),
    );
    const unchecked = jsonOperations.filter((name) => ![...(checked.get(name) ?? [])].some((status) => status.startsWith('2')));
    expect(unchecked).toEqual([]);
  });
});
