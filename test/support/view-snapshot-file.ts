import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { SnapshotFile } from '../../src/projection-runtime/snapshot-file';

/**
 * For a test file: a way to write one view's snapshot form into a real snapshot file, as the runner
 * writes it, to be read back. The files live in a temporary directory removed after the test file.
 */
export function viewSnapshotFiles(prefix: string): (view: string, data: unknown) => SnapshotFile {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return (view, data) => {
    const file = new SnapshotFile(join(dir, `${Math.random()}.snapshot`));
    file.save({ format: 1, position: 1n, versions: {}, storeIdentity: 'test', views: { [view]: data } });
    return file;
  };
}
