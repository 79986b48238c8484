/** A one-line progress bar on standard error, drawn only where a person is watching (a terminal). */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const interactive = stream.isTTY === true;
  let lastDrawn = 0;
  return {
    update(done: number, total: number): void {
      if (!interactive || total <= 0) return;
      const now = Date.now();
      if (done < total && now - lastDrawn < 50) return;
      lastDrawn = now;
      const width = 30;
      const filled = Math.round((done / total) * width);
      const percent = Math.floor((done / total) * 100);
      stream.write(`\r${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${percent}% ${done}/${total}`);
    },
    done(): void {
      if (interactive) stream.write('\n');
    },
  };
}
