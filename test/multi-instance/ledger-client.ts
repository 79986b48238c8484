/**
 * A small HTTP client for one running ledger instance (a child process), over real sockets: what a
 * client behind a load balancer sees. fetch keeps connections alive per origin, like a browser.
 */
export interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface LedgerClient {
  readonly name: string;
  readonly baseUrl: string;
  get(path: string): Promise<Answer>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Answer>;
  patch(path: string, body: unknown, headers?: Record<string, string>): Promise<Answer>;
}

export function ledgerClient(name: string, baseUrl: string, token: string): LedgerClient {
  const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Not JSON (an HTML page, say): kept as text for the assertion that fails on it.
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
  return {
    name,
    baseUrl,
    get: (path) => send('GET', path),
    post: (path, body, headers) => send('POST', path, body, headers),
    patch: (path, body, headers) => send('PATCH', path, body, headers),
  };
}

/** The answer's status, with its body in the message when it is not the one expected. */
export function statusOf(answer: Answer): string {
  return `${answer.status} ${JSON.stringify(answer.body)}`;
}
