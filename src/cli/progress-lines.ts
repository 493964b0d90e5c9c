/**
 * Progress of long fetches on stderr: one line per source when it starts, then at most one a second, and the last.
 * On a terminal the line is rewritten in place; otherwise (logs, CI) each update is its own line.
 */
import type { FetchProgress } from '../app/live-data.ts';

export function progressLines(write: (text: string) => void, isTerminal: boolean, nowMs: () => number = Date.now): FetchProgress {
  const lastShownMs = new Map<string, number>();
  return ({ source, done, total, unit }) => {
    const now = nowMs();
    const finished = total > 0 && done >= total;
    const previous = lastShownMs.get(source);
    if (previous !== undefined && !finished && now - previous < 1000) return;
    lastShownMs.set(source, now);
    const text = total > 0 ? `rerate: ${source}: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} ${unit}` : `rerate: ${source}: ${unit}`;
    write(isTerminal ? `\r${text}\x1b[K${finished ? '\n' : ''}` : `${text}\n`);
  };
}
