/**
 * Progress of long fetches on a terminal's stderr: one line per source, rewritten in place at most once a second,
 * and the last. Not used when stderr is not a terminal (DESIGN.md §10).
 */
import type { FetchProgress } from '../app/ports/live-data.ts';

export function progressLines(write: (text: string) => void, nowMs: () => number = Date.now): FetchProgress {
  const lastShownMs = new Map<string, number>();
  return ({ source, done, total, unit }) => {
    const now = nowMs();
    const finished = total > 0 && done >= total;
    const previous = lastShownMs.get(source);
    if (previous !== undefined && !finished && now - previous < 1000) return;
    lastShownMs.set(source, now);
    const text =
      total > 0
        ? `rerate: ${source}: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} ${unit}`
        : `rerate: ${source}: ${unit}`;
    write(`\r${text}\x1b[K${finished ? '\n' : ''}`);
  };
}
