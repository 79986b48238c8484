import { createInterface } from 'node:readline';

/**
 * Waits for Enter, one line at a time. Lines typed (or piped) ahead are kept, and at the end of the
 * input every wait returns at once, so a piped `--step` never hangs.
 */
export function lineReader(input: NodeJS.ReadableStream = process.stdin) {
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
  return {
    next(): Promise<string | null> {
      if (lines.length > 0) return Promise.resolve(lines.shift()!);
      if (ended) return Promise.resolve(null);
      return new Promise((resolve) => waiting.push(resolve));
    },
    close: () => rl.close(),
  };
}
