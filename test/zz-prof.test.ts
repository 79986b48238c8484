import { it } from 'vitest';
import { QuestionConsensusEngine } from '../projections/consensus';
import { buildQuestionGraph } from '../projections/consensus/question-graph';
import { QuestionLog } from './projections/consensus/question-log';
it('profile', () => {
  const log = new QuestionLog();
  const n = 1000;
  for (let i = 0; i < n; i++) log.claim(`c${i}`, `Claim ${i} with some longer text to look like a real claim in a debate`, i % 3 === 0 ? 'answer' : 'hypothesis');
  for (let i = 1; i < n; i++) log.relate(`c${i}`, i % 3 === 0 ? 'rebuts' : 'supports', `c${Math.floor(i / 2)}`);
  for (let i = 0; i < n; i += 2) log.cite(`e${i}`, `c${i}`, i % 4 === 0 ? 'garf' : 'cia', 'supports', { credibility: 2, verification: i % 8 === 0 ? 'cited' : 'examined' });
  const sources = (id: string) => ({ title: `Title ${id}`, reliability: 'B' as const });
  const engine = new QuestionConsensusEngine();
  engine.update(log.question, sources);
  let t = performance.now();
  for (let k = 0; k < 20; k++) buildQuestionGraph(log.question, sources);
  console.log('build graph', (performance.now() - t) / 20);
  t = performance.now();
  for (let k = 0; k < 20; k++) { log.claim(`x${k}`, 'new'); log.relate(`x${k}`, 'supports', `c${k * 7}`); engine.update(log.question, sources); }
  console.log('update', (performance.now() - t) / 20, engine.recomputed.length);
});
