import { describe, expect, it } from 'vitest';
import { consensusSteps, resolveSettings, runSteps, runStepsSliced } from '../../../projections/consensus';
import { QuestionLog } from './question-log';

function clique(n: number): QuestionLog {
  const log = new QuestionLog();
  for (let i = 0; i < n; i++) log.claim(`c${i}`, `Rival ${i}`, 'hypothesis');
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) log.relate(`c${i}`, 'rebuts', `c${j}`, `r${i}-${j}`);
  return log;
}
const sources = () => undefined;

describe('the consensus in steps', () => {
  it('splits a dense cycle into many steps of bounded work', () => {
    const steps = consensusSteps(clique(80).question, sources, resolveSettings());
    const work: number[] = [];
    for (let next = steps.next(); !next.done; next = steps.next()) work.push(next.value);
    expect(work.length).toBeGreaterThan(1);
    for (const w of work) expect(w).toBeLessThanOrEqual(200_000);
  });

  it('gives the event loop back between slices and ends with the same result as at once', async () => {
    const log = clique(80);
    let turns = 0;
    let running = true;
    const count = () => {
      if (!running) return;
      turns++;
      setImmediate(count);
    };
    setImmediate(count);
    // A slice of 0 ms gives the loop back after every step: deterministic, whatever the machine.
    const sliced = await runStepsSliced(consensusSteps(log.question, sources, resolveSettings()), 0);
    running = false;
    expect(turns).toBeGreaterThan(1);
    expect(sliced.consensus).toEqual(runSteps(consensusSteps(log.question, sources, resolveSettings())).consensus);
  });
});
