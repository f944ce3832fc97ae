// A one-line progress bar on a terminal (stderr); silent when stderr is not a TTY (logs say it).
export interface Progress {
  update(label: string, fraction: number): void;
  done(label: string): void;
}

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, done() {} };
  let last = '';
  return {
    update(label, fraction) {
      const width = 30;
      const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
      const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(fraction * 100)}%`;
      if (line !== last) stream.write(`\r${line}`);
      last = line;
    },
    done(label) {
      stream.write(`\r${label}${' '.repeat(Math.max(0, last.length - label.length))}\n`);
      last = '';
    },
  };
}
