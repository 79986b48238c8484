// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../web/src/api/client';
import { sessionToken } from '../../web/src/api/session';
import { signIn, signOut, whoAmI } from '../../web/src/features/contribute/session-store';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** Signing in: the token is kept (in this tab's session storage only) once the ledger knows it, never before. */
describe('the sign-in session', () => {
  const fetchMock = vi.fn<typeof fetch>();
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    signOut();
  });

  it('asks GET /api/me with the pasted token, then keeps it, trimmed, in session storage only', async () => {
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockResolvedValueOnce(json(200, { id: 'p1', name: 'Carla', role: 'contributor' }));
    expect(await signIn('  clt_abc \n')).toEqual({ id: 'p1', name: 'Carla', role: 'contributor' });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/me');
    expect((init!.headers as Record<string, string>).Authorization).toBe('Bearer clt_abc');
    expect(sessionToken()).toBe('clt_abc');
    expect(localStorage.length).toBe(0);
    signOut();
    expect(sessionToken()).toBeNull();
  });

  it('keeps nothing when the token is refused, and hands back the problem naming Authorization', async () => {
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockResolvedValueOnce(json(401, { status: 401, title: 'Unauthorized', detail: 'Authentication failed: unknown', errors: [{ field: 'Authorization', message: 'unknown' }] }));
    const refused = await signIn('clt_wrong').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).fieldErrors('Authorization')).toEqual(['unknown']);
    expect(sessionToken()).toBeNull();
  });

  it('reads a non-JSON refusal as its status', async () => {
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockResolvedValueOnce(new Response('<html>Bad gateway</html>', { status: 502 }));
    const refused = (await whoAmI('clt_x').catch((e: unknown) => e)) as ApiError;
    expect(refused.status).toBe(502);
    expect(refused.problem).toEqual({ status: 502 });
  });
});
