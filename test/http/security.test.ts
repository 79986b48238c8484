import helmet from 'helmet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedHeadersOf } from '../../src/http/security';
import { startTestApp, type TestApp } from '../support/test-app';

/** The headers a middleware leaves on a response that Express has given `X-Powered-By`; null for removed ones. */
function headersAfter(apply: (res: { setHeader: (n: string, v: string) => void; removeHeader: (n: string) => void }) => void) {
  const headers: Record<string, string | null> = { 'x-powered-by': 'Express' };
  apply({ setHeader: (name, value) => (headers[name.toLowerCase()] = String(value)), removeHeader: (name) => (headers[name.toLowerCase()] = null) });
  return headers;
}

describe('security headers', () => {
  it('are exactly what helmet sets, worked out once', () => {
    for (const options of [{}, { contentSecurityPolicy: false }]) {
      const byHelmet = headersAfter((res) => helmet(options)({} as never, res as never, () => undefined));
      expect(headersAfter(fixedHeadersOf(helmet(options)))).toEqual(byHelmet);
      expect(byHelmet['x-powered-by']).toBeNull();
    }
  });

  it('refuses a middleware that does not finish at once, as a per-request one would not', () => {
    expect(() => fixedHeadersOf(() => undefined)).toThrow(/not fixed/);
  });

  describe('over HTTP', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(async () => {
      await t.close();
    });

    it('go with every API answer, and the docs page has no content security policy', async () => {
      const expected = headersAfter((res) => helmet()({} as never, res as never, () => undefined));
      for (const answer of [await t.http.get('/api/questions').expect(200), await t.http.post('/api/questions').send({}).expect(400)]) {
        for (const [name, value] of Object.entries(expected)) {
          if (value === null) expect(answer.headers[name]).toBeUndefined();
          else expect(answer.headers[name]).toBe(value);
        }
      }
      const docs = await t.anonymous.get('/docs/').expect(200);
      expect(docs.headers['content-security-policy']).toBeUndefined();
      expect(docs.headers['x-content-type-options']).toBe('nosniff');
    });
  });
});
