// A progress bar on stderr for long runs in a terminal; nothing at all when stderr is piped.
import { escapeControls } from '../core/controls.js';

/** Runs with more files than this show a bar (when stderr is a TTY). */
export const PROGRESS_MIN_FILES = 50;

export interface Progress {
  tick(label: string): void;
  done(): void;
}

const NONE: Progress = { tick() {}, done() {} };

export function progressBar(total: number, stream: NodeJS.WriteStream | NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): Progress {
  const tty = (stream as NodeJS.WriteStream).isTTY === true;
  if (!tty || total <= PROGRESS_MIN_FILES || env['CI']) return NONE;
  const columns = (stream as NodeJS.WriteStream).columns || 80;
  let n = 0;
  let last = 0;
  const paint = (label: string) => {
    const width = Math.max(10, Math.min(30, columns - 40));
    const filled = Math.round((n / total) * width);
    const head = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${n}/${total} `;
    const room = Math.max(0, columns - head.length - 1);
    label = escapeControls(label);
    const name = label.length > room ? '…' + label.slice(label.length - room + 1) : label;
    stream.write(`\r${head}${name}\x1b[K`);
  };
  return {
    tick(label) {
      n++;
      const now = Date.now();
      if (now - last < 50 && n < total) return; // at most 20 repaints a second
      last = now;
      paint(label);
    },
    done() {
      stream.write('\r\x1b[K');
    },
  };
}
