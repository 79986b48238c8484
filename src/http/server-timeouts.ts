import type { Server } from 'node:http';

/**
 * How long a client may take, so that a slow or idle one cannot hold a socket (Node's defaults: no
 * socket timeout, 300 s for a request). Node checks the header and request deadlines every 30 s
 * (its connections-checking interval), so a request past them is cut within that much more.
 */
export const SERVER_TIMEOUTS = {
  /** The request's headers must have arrived within this. */
  headersTimeoutMs: 10_000,
  /** The whole request, headers and body, must have arrived within this. */
  requestTimeoutMs: 30_000,
  /** An idle kept-alive connection is closed after this. */
  keepAliveTimeoutMs: 5_000,
  /** A socket with no activity at all for this long is closed. */
  socketTimeoutMs: 60_000,
} as const;

export function setServerTimeouts(server: Server): void {
  server.headersTimeout = SERVER_TIMEOUTS.headersTimeoutMs;
  server.requestTimeout = SERVER_TIMEOUTS.requestTimeoutMs;
  server.keepAliveTimeout = SERVER_TIMEOUTS.keepAliveTimeoutMs;
  server.setTimeout(SERVER_TIMEOUTS.socketTimeoutMs);
}
