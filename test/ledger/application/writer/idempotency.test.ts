import { describe, expect, it, vi } from 'vitest';
import { commandAnswersProjection, type CommandAnswer } from '../../../../projections/commands/command-answers.projection';
import { IdempotencyKeyReusedError } from '../../../../src/ledger/application/write-errors';
import { answersFromRunner, Idempotency } from '../../../../src/ledger/application/writer/idempotency';
import { context } from './writer-fixtures';

const answer = (requestHash: string): CommandAnswer => ({
  stream: 'question-q1',
  requestHash,
  subjectId: 'q1',
  eventIds: ['e1', 'e2'],
  revision: 4n,
  position: 17n,
});

describe('Idempotency', () => {
  it('has nothing to say of a command without a key, and does not look it up', async () => {
    const lookup = vi.fn(async () => answer('h'));
    expect(await new Idempotency(lookup).earlierAnswer(context())).toBeUndefined();
    expect(lookup).not.toHaveBeenCalled();
    expect(Idempotency.isKeyed(context())).toBe(false);
    expect(Idempotency.isKeyed(context({ requestHash: 'h' }))).toBe(true);
  });

  it('has nothing to say of a keyed command that has not run', async () => {
    expect(await new Idempotency(async () => undefined).earlierAnswer(context({ requestHash: 'h' }))).toBeUndefined();
  });

  it('gives back the first answer to the same request, marked replayed, as a copy', async () => {
    const first = answer('h');
    const ctx = context({ requestHash: 'h' });
    const lookup = vi.fn(async () => first);
    const replay = await new Idempotency(lookup).earlierAnswer(ctx);
    expect(lookup).toHaveBeenCalledWith(ctx.commandId);
    expect(replay).toEqual({ id: 'q1', stream: 'question-q1', revision: 4n, position: 17n, eventIds: ['e1', 'e2'], replayed: true });
    replay!.eventIds.push('changed');
    expect(first.eventIds).toEqual(['e1', 'e2']);
  });

  it('refuses the same key sent with another request', async () => {
    await expect(new Idempotency(async () => answer('h')).earlierAnswer(context({ requestHash: 'other' }))).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('looks answers up in the command-answers view after catching up with the store', async () => {
    const view = commandAnswersProjection.init();
    const runner = {
      catchUp: vi.fn(async () => {
        // What catching up brings in: the answer appended a moment ago.
        view.byCommandId.set('cmd-1', answer('h'));
      }),
      view: vi.fn(() => view) as never,
    };
    const lookup = answersFromRunner(runner);
    expect(await lookup('cmd-1')).toEqual(answer('h'));
    expect(runner.catchUp).toHaveBeenCalledTimes(1);
    expect(await lookup('cmd-2')).toBeUndefined();
  });
});
