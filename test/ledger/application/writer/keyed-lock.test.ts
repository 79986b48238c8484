import { describe, expect, it } from 'vitest';
import { KeyedLock } from '../../../../src/ledger/application/writer/keyed-lock';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedLock', () => {
  it('runs the tasks of one key one at a time, in order, and those of other keys alongside', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`start ${name}`);
      await nextTurn();
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([lock.run('a', task('a1')), lock.run('a', task('a2')), lock.run('b', task('b1'))]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
  });

  it('goes on with the next task of a key after one fails, and gives the failure to its caller', async () => {
    const lock = new KeyedLock();
    const failed = lock.run('a', async () => {
      throw new Error('task failed');
    });
    const next = lock.run('a', async () => 'next ran');
    await expect(failed).rejects.toThrow('task failed');
    expect(await next).toBe('next ran');
  });
});
