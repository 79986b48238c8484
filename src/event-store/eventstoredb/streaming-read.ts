import type { StreamingRead } from '@eventstore/db-client';

/**
 * Iterates a client read and, when the consumer stops before the end, cancels the gRPC call: breaking
 * out of the read's own iterator only destroys the client-side stream, and the call would otherwise
 * stay open, paused, until the client is disposed.
 */
export async function* readUntilDone<T>(read: StreamingRead<T>): AsyncGenerator<T> {
  let done = false;
  try {
    for await (const item of read) yield item;
    done = true;
  } finally {
    if (!done) await read.cancel().catch(() => undefined);
  }
}
