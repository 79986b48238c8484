import type { RunningService } from '../support/run-service';

/** Stops a server process as an operator would (SIGTERM: it finishes its requests and closes the store), and waits for it. */
export async function stopService(service: RunningService): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  service.child.kill('SIGTERM');
  const exited = await Promise.race([service.exited.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), 20_000))]);
  // One that does not stop within the grace the server itself allows is killed: a test must not leave it behind.
  if (!exited) service.child.kill('SIGKILL');
}
