import type { Response } from 'superagent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOnFirstStart } from '../../src/ledger/import/seed-on-first-start';
import { startTestApp, type TestApp } from '../support/test-app';

const FORMATS = ['json', 'markdown', 'csl-json', 'argdown', 'dot', 'mermaid', 'prov-json', 'aif'];

/** Supertest buffers only the body types it knows: everything else is collected here as text. */
const asText = (res: Response, done: (error: Error | null, body: string) => void) => {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => done(null, text));
};

interface JsonExport {
  consensus: { asOf: string | null };
  claims: { id: string; text: string; provenance: { attributedTo: { name: string } | null } }[];
  sources: { id: string; reliability: string | null }[];
}

describe('GET /api/questions/:id/export, on the reference debate', () => {
  let t: TestApp;
  let main: { id: string; title: string };

  beforeAll(async () => {
    t = await startTestApp();
    await seedOnFirstStart(t.app, { ...t.config, seed: 'reference' }, { log: () => undefined } as never);
    const questions = (await t.http.get('/api/questions').expect(200)).body as { id: string; title: string; parentQuestionId: string | null }[];
    main = questions.find((q) => q.parentQuestionId === null)!;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('serves every format with its media type and as an attachment named after the question', async () => {
    const expected: Record<string, [type: RegExp, extension: string]> = {
      json: [/^application\/json$/, 'json'],
      markdown: [/^text\/markdown; charset=utf-8$/, 'md'],
      'csl-json': [/^application\/vnd\.citationstyles\.csl\+json$/, 'csl.json'],
      argdown: [/^text\/plain; charset=utf-8$/, 'argdown'],
      dot: [/^text\/vnd\.graphviz; charset=utf-8$/, 'dot'],
      mermaid: [/^text\/plain; charset=utf-8$/, 'mmd'],
      'prov-json': [/^application\/json$/, 'prov.json'],
      aif: [/^application\/json$/, 'aif.json'],
    };
    for (const format of FORMATS) {
      const res = await t.http.get(`/api/questions/${main.id}/export?format=${format}`).buffer(true).parse(asText).expect(200);
      const [type, extension] = expected[format]!;
      expect(res.headers['content-type'], format).toMatch(type);
      const disposition = /^attachment; filename="([a-z0-9-]+)\.([a-z.]+)"$/.exec(res.headers['content-disposition']);
      expect(disposition, `${format}: ${res.headers['content-disposition']}`).not.toBeNull();
      expect(disposition![2]).toBe(extension);
      // The title's words in ASCII, cut at a word's end within 60 characters.
      expect(disposition![1]).toBe('what-was-the-relationship-in-the-second-half-of-the-1940s');
      const body = res.body as string;
      expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(body));
      if (type.source.includes('json')) expect(() => JSON.parse(body), format).not.toThrow();
      else expect(body.length, format).toBeGreaterThan(200);
    }
  });

  it('exports what the CLI exports (the same exporters), e.g. the Markdown report with the question title', async () => {
    const res = await t.http.get(`/api/questions/${main.id}/export?format=markdown`).buffer(true).parse(asText).expect(200);
    expect(res.body as string).toContain(main.title);
    // The report says where in the record it stands: the ledger position of the consensus, and when it was made.
    const head = (await t.store.headPosition())!;
    expect(res.body as string).toMatch(new RegExp(`at ledger position ${head}\\b`));
    expect(res.body as string).toMatch(/made \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    const asOf = (await t.http.get(`/api/questions/${main.id}/export?format=markdown&asOf=2021-02-11&axis=occurred`).buffer(true).parse(asText).expect(200)).body as string;
    expect(asOf).toMatch(/the consensus as of .*2021-02-11.* \(when things were said\)/);
    const csl = JSON.parse((await t.http.get(`/api/questions/${main.id}/export?format=csl-json`).buffer(true).parse(asText).expect(200)).body as string);
    expect(Array.isArray(csl) && csl.length).toBeGreaterThan(3);
  });

  it('exports as of a moment on the occurred axis: on 11 February 2021 Volodarsky had not posted', async () => {
    const exported = async (query: string) =>
      JSON.parse((await t.http.get(`/api/questions/${main.id}/export?format=json${query}`).buffer(true).parse(asText).expect(200)).body as string) as JsonExport;
    const now = await exported('');
    const before = await exported('&asOf=2021-02-11&axis=occurred');
    const byVolodarsky = (e: JsonExport) => e.claims.filter((c) => c.provenance.attributedTo?.name === 'Boris Volodarsky');
    expect(byVolodarsky(now).length).toBeGreaterThan(0);
    expect(byVolodarsky(before)).toEqual([]);
    expect(before.claims.length).toBeGreaterThan(0);
    expect(before.claims.length).toBeLessThan(now.claims.length);
    expect(now.consensus.asOf).toBeNull();
    expect(before.consensus.asOf).toBe('2021-02-11T23:59:59.999Z');
  });

  it('shows each source with the reliability it had then: a later re-appraisal does not colour an older export', async () => {
    const exported = async (query: string) =>
      JSON.parse((await t.http.get(`/api/questions/${main.id}/export?format=json${query}`).buffer(true).parse(asText).expect(200)).body as string) as JsonExport;
    const before = await exported('');
    const cited = before.sources[0]!;
    const head = (await t.http.get(`/api/questions/${main.id}/events`).expect(200)).body as { position: string }[];
    const at = head[head.length - 1]!.position;
    const changed = cited.reliability === 'F' ? 'A' : 'F';
    const appraisal = await t.http.patch(`/api/sources/${cited.id}/appraisal`).send({ reliability: changed, note: 'Re-appraised for the export test' }).expect(200);

    const now = await exported(`&minPosition=${appraisal.body.position}`);
    expect(now.sources.find((s) => s.id === cited.id)!.reliability).toBe(changed);
    const then = await exported(`&atPosition=${at}`);
    expect(then.sources.find((s) => s.id === cited.id)!.reliability).toBe(cited.reliability);
    // A position is on the recorded axis: the export says when that event was recorded.
    expect(then.consensus.asOf).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  });

  it('refuses an unknown or missing format with 400 naming format and listing the formats', async () => {
    for (const query of ['format=pdf', '', 'format=', 'format=json&format=dot']) {
      const res = await t.http.get(`/api/questions/${main.id}/export?${query}`).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field), query).toEqual(['format']);
      for (const format of FORMATS) expect(res.body.detail, query).toContain(format);
    }
  });

  it('refuses bad time-travel parameters by name, and answers 404 for an unknown question or one not yet asked', async () => {
    for (const [query, field] of [
      ['asOf=yesterday', 'asOf'],
      ['asOf=2021-02-30', 'asOf'],
      ['asOf=2021-02-11&axis=sideways', 'axis'],
      ['axis=occurred', 'asOf'],
      ['minPosition=abc', 'minPosition'],
    ]) {
      const res = await t.http.get(`/api/questions/${main.id}/export?format=json&${query}`).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field), query).toContain(field);
    }
    await t.http.get('/api/questions/00000000-0000-4000-8000-000000000000/export?format=markdown').expect(404);
    // In 1900 nobody had asked the question yet.
    await t.http.get(`/api/questions/${main.id}/export?format=markdown&asOf=1900&axis=occurred`).expect(404);
  });
});

describe('GET /api/questions/:id/export while reads are private', () => {
  let t: TestApp;
  let questionId: string;

  beforeAll(async () => {
    t = await startTestApp({ LEDGER_PUBLIC_READ: 'false' });
    questionId = (await t.http.post('/api/questions').send({ title: 'Did the Soviet Red Cross pay Spanish communists?', body: 'A test question.' }).expect(201)).body.id;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('needs a reader token, as every other read does', async () => {
    await t.anonymous.get(`/api/questions/${questionId}/export?format=markdown`).expect(401);
    const reader = await t.principal('A reader', 'reader');
    const res = await reader.http.get(`/api/questions/${questionId}/export?format=markdown`).buffer(true).parse(asText).expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="did-the-soviet-red-cross-pay-spanish-communists.md"');
    expect(res.body as string).toContain('Did the Soviet Red Cross pay Spanish communists?');
  });
});

describe('the file name of an export', () => {
  it('is the title in ASCII words, accents dropped, cut at a word within 60 characters', async () => {
    const { questionSlug } = await import('../../src/read-side/question-export');
    const id = '0a1b2c3d-0000-4000-8000-000000000000';
    expect(questionSlug({ id, title: '¿La Cruz Roja Soviética pagó al PCE?' })).toBe('la-cruz-roja-sovietica-pago-al-pce');
    expect(questionSlug({ id, title: 'Волкогонов' })).toBe('question-0a1b2c3d');
    expect(questionSlug({ id, title: 'x'.repeat(80) })).toBe('x'.repeat(60));
    const long = questionSlug({ id, title: 'one two three four five six seven eight nine ten eleven twelve thirteen' });
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long).toBe('one-two-three-four-five-six-seven-eight-nine-ten-eleven');
  });
});
