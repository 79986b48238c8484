import { Presets, SingleBar } from 'cli-progress';

/**
 * A one-line progress bar on standard error (cli-progress), drawn only where a person is watching (a
 * terminal): piped or redirected, the command's output stays free of it. cli-progress redraws at most
 * a few times a second, however often it is told, so an import of a million events is not slowed by it.
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const interactive = stream.isTTY === true;
  let bar: SingleBar | undefined;
  return {
    update(done: number, total: number): void {
      if (!interactive || total <= 0) return;
      if (!bar) {
        bar = new SingleBar(
          { stream, format: `${label} [{bar}] {percentage}% {value}/{total} · {eta_formatted} left`, barsize: 30, hideCursor: true, fps: 10, etaBuffer: 50 },
          Presets.legacy,
        );
        bar.start(total, done);
        return;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    /** Draws the final state and ends the line, so what follows starts on a line of its own. */
    done(): void {
      bar?.stop();
      bar = undefined;
    },
  };
}
