import type { StreamingRead } from '@eventstore/db-client';

/**
 * Iterates a client read so that stopping early leaves nothing open.
 *
 * The client's read is a Transform piped from the gRPC call. Breaking out of its default iterator
 * destroys the Transform, which unpipes and pauses the call; if the server had already finished the
 * call, its end then sits unread, the call never counts as finished, and the client's dispose() waits
 * on it forever. So the iterator here does not destroy on return: an early stop cancels the call (for a
 * call still running) and lets what was already received, and the end, flow through and be dropped.
 */
export async function* readUntilDone<T>(read: StreamingRead<T>): AsyncGenerator<T> {
  let done = false;
  try {
    for await (const item of read.iterator({ destroyOnReturn: false }) as AsyncIterable<T>) yield item;
    done = true;
  } finally {
    if (!done) {
      // Errors after the consumer left (a cancelled call, a lost server) have no one to tell.
      read.on('error', () => undefined);
      read.resume();
      await read.cancel().catch(() => undefined);
    }
  }
}
