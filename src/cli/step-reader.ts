import { createInterface, emitKeypressEvents } from 'node:readline';

/** What the person stepping through a replay asked for: the next event, or to stop. */
export type StepAnswer = 'next' | 'quit';

const QUIT_WORDS = new Set(['q', 'quit', 'exit']);

/**
 * Waits for the next step. On a terminal a single key does it (Enter or space: next; q, Esc or
 * Ctrl-C: quit), without echo. On a pipe it reads lines (an empty line: next; `q`: quit); lines sent
 * ahead are kept, and at the end of the input every wait answers `next` at once, so a piped `--step`
 * never hangs.
 */
export function stepReader(input: NodeJS.ReadStream | NodeJS.ReadableStream = process.stdin) {
  const tty = (input as NodeJS.ReadStream).isTTY === true && typeof (input as NodeJS.ReadStream).setRawMode === 'function';
  return tty ? keyReader(input as NodeJS.ReadStream) : lineReader(input);
}

function keyReader(input: NodeJS.ReadStream) {
  emitKeypressEvents(input);
  input.setRawMode(true);
  input.resume();
  let waiting: ((answer: StepAnswer) => void) | undefined;
  const onKey = (_text: string | undefined, key: { name?: string; ctrl?: boolean } | undefined) => {
    if (!waiting || !key) return;
    const quit = key.name === 'q' || key.name === 'escape' || (key.ctrl === true && (key.name === 'c' || key.name === 'd'));
    if (!quit && key.name !== 'return' && key.name !== 'enter' && key.name !== 'space') return;
    const answer = waiting;
    waiting = undefined;
    answer(quit ? 'quit' : 'next');
  };
  input.on('keypress', onKey);
  return {
    prompt: '(Enter or space for the next event, q to quit) ',
    next: (): Promise<StepAnswer> => new Promise((resolve) => (waiting = resolve)),
    close(): void {
      input.off('keypress', onKey);
      input.setRawMode(false);
      input.pause();
    },
  };
}

function lineReader(input: NodeJS.ReadableStream) {
  const lines: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let ended = false;
  const rl = createInterface({ input, terminal: false });
  rl.on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else lines.push(line);
  });
  rl.on('close', () => {
    ended = true;
    for (const next of waiting.splice(0)) next(null);
  });
  const answerTo = (line: string | null): StepAnswer => (line !== null && QUIT_WORDS.has(line.trim().toLowerCase()) ? 'quit' : 'next');
  return {
    prompt: '(Enter for the next event, q then Enter to quit) ',
    next(): Promise<StepAnswer> {
      if (lines.length > 0) return Promise.resolve(answerTo(lines.shift()!));
      if (ended) return Promise.resolve('next');
      return new Promise((resolve) => waiting.push((line) => resolve(answerTo(line))));
    },
    close: () => rl.close(),
  };
}
