import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/**
 * Something the operator must fix before the ledger can start (or a CLI command can run): said in
 * one line that names the variable to change, never as a stack trace.
 */
export class StartError extends Error {
  override readonly name = 'StartError';
}

const DATA_DIR_ADVICE = 'set LEDGER_DATA_DIR to a directory this user can write to';

/**
 * The data directory (the embedded store, the projections' snapshot) must be a directory this
 * process can write to, or one it can create. Checks without creating anything.
 */
export function checkDataDir(dataDir: string, storeFile?: string): void {
  const stat = statOf(dataDir);
  if (stat === undefined) {
    // It will be created: the nearest folder that exists must be a directory we may write to.
    let ancestor = dirname(dataDir);
    let found = statOf(ancestor);
    while (found === undefined && dirname(ancestor) !== ancestor) {
      ancestor = dirname(ancestor);
      found = statOf(ancestor);
    }
    if (found && !found.isDirectory()) throw new StartError(`LEDGER_DATA_DIR: cannot create ${dataDir}: ${ancestor} is a file; ${DATA_DIR_ADVICE}`);
    if (!writable(ancestor)) throw new StartError(`LEDGER_DATA_DIR: cannot create ${dataDir}: ${ancestor} is not writable; ${DATA_DIR_ADVICE}`);
    return;
  }
  if (!stat.isDirectory()) throw new StartError(`LEDGER_DATA_DIR: ${dataDir} is a file, not a directory; ${DATA_DIR_ADVICE}`);
  if (!writable(dataDir)) throw new StartError(`LEDGER_DATA_DIR: ${dataDir} is not writable; ${DATA_DIR_ADVICE}`);
  if (storeFile === undefined) return;
  const file = join(dataDir, storeFile);
  const fileStat = statOf(file);
  if (fileStat && !fileStat.isFile()) throw new StartError(`LEDGER_DATA_DIR: ${file} is not a file; ${DATA_DIR_ADVICE}`);
  if (fileStat && !writable(file, false)) throw new StartError(`LEDGER_DATA_DIR: ${file} is not writable; ${DATA_DIR_ADVICE}`);
}

/** Whether the port can be listened on, tried and let go before anything is written (0: any port, always). */
export async function checkPort(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) => reject(listenError(error, host, port)));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** A failure to listen, in one line naming the variable to change; other errors as they are. */
export function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return new StartError(`PORT: port ${port} is already in use on ${host}; stop what listens there, or set PORT to another port`);
  if (code === 'EACCES') return new StartError(`PORT: this user may not listen on port ${port} on ${host}; set PORT to another port (1024 or above)`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new StartError(`HOST: ${host} is not an address of this machine (${code}); set HOST to one, e.g. 127.0.0.1 or 0.0.0.0`);
  }
  return error;
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    // A path through a file (ENOTDIR): that file is the trouble, found by the caller walking up.
    if (code === 'ENOTDIR') return undefined;
    throw new StartError(`LEDGER_DATA_DIR: cannot use ${path} (${code ?? (error as Error).message}); ${DATA_DIR_ADVICE}`);
  }
}

/** Writable, and for a directory searchable too (files are created in it). */
function writable(path: string, directory = true): boolean {
  try {
    accessSync(path, directory ? constants.W_OK | constants.X_OK : constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
