/**
 * One close per ticker per trading day from several share-price sources (issue 20), cross-checked as BTC closes are
 * (price-consensus.ts), and split-aware:
 * - splits: the splits the sources report are merged by day; two sources giving one day different factors leave
 *   that day and every later one of the fetch unstored (which basis is right cannot be told);
 * - a source that adjusts its history silently (Nasdaq) has its closes before a reported split multiplied back by
 *   the split's factor, to the price as traded; the cross-check below then catches a wrong assumption;
 * - a day's closes within SHARE_DISAGREEMENT_RATIO of each other give their median (the mean of two);
 * - closes apart by a ratio near a whole number (≥ 1.5: 2, 3, 10, …) are on different split bases: the day is not
 *   stored, and a warning names both sources and values — pre- and post-split prices are never mixed;
 * - any other disagreement: three or more sources give their median, two the first configured source's close
 *   (the key-based API before the keyless endpoints), with a warning naming both;
 * - a day whose close is off the previous close by a split-like ratio with no split reported is kept, with a note —
 *   unless only silently adjusting sources have it: then it may be on a later split's basis, and is not stored.
 */
import type { ShareCloseFetch, ShareSplit } from '../ports/share-prices.ts';
import type { LiveDataNote } from '../ports/live-data.ts';
import type { StoredShareClose } from '../../schema/share-close-table.ts';

/** Two sources' closes further apart than this, relative to the lower, disagree (a consolidated vs an exchange's). */
export const SHARE_DISAGREEMENT_RATIO = 0.02;
/** A ratio within this fraction of a whole number ≥ 2 (or of its reciprocal) looks like a split. */
const SPLIT_RATIO_TOLERANCE = 0.03;

export interface ShareConsensus {
  /** The new days, ascending, after `afterDay`. */
  closes: StoredShareClose[];
  notes: LiveDataNote[];
  /** Days only one source had. */
  singleSource: string[];
}

/**
 * The days after `afterDay` (the ticker's last stored day, or '' when none) from the fetches, in order of preference;
 * `previous` is the last stored close, for the jump check.
 */
export function shareConsensus(
  ticker: string,
  fetches: readonly ShareCloseFetch[],
  afterDay: string,
  previous: StoredShareClose | undefined,
): ShareConsensus {
  const notes: LiveDataNote[] = [];
  const { splits, unresolvedFrom } = mergedSplits(ticker, fetches, notes);
  const byDate = new Map<string, { source: string; closeUsd: number }[]>();
  for (const fetch of fetches) {
    for (const close of fetch.closes) {
      if (close.date <= afterDay || (unresolvedFrom !== undefined && close.date >= unresolvedFrom)) continue;
      const factor = fetch.adjustsSilently
        ? splits.filter((split) => close.date < split.date).reduce((product, split) => product * split.factor, 1)
        : 1;
      const closeUsd = Math.round(close.closeUsd * factor * 10_000) / 10_000;
      byDate.set(close.date, [...(byDate.get(close.date) ?? []), { source: fetch.source, closeUsd }]);
    }
  }
  const closes: StoredShareClose[] = [];
  const singleSource: string[] = [];
  const silent = new Set(fetches.filter((fetch) => fetch.adjustsSilently).map((fetch) => fetch.source as string));
  let last = previous;
  for (const date of [...byDate.keys()].sort()) {
    const day = byDate.get(date) as { source: string; closeUsd: number }[];
    const chosen = dayClose(ticker, date, day, notes);
    if (chosen === undefined) continue;
    const splitFactor = splits.find((split) => split.date === date)?.factor ?? 1;
    if (last && splitFactor === 1 && splitLike(chosen / last.closeUsd)) {
      // Only sources that adjust history silently: their close may be on a later split's basis. Not stored.
      const unsure = day.every((entry) => silent.has(entry.source));
      notes.push({
        code: unsure ? 'share-split-basis-mismatch' : 'share-split-suspected',
        date,
        message:
          `${ticker}: ${date} closed at ${chosen} USD against ${last.closeUsd} USD on ${last.date}, ` +
          `a ratio of ${(chosen / last.closeUsd).toFixed(3)} that looks like a split no source reported; ` +
          (unsure
            ? `${day.map((entry) => entry.source).join(', ')} adjusts its history silently, so the day is not stored`
            : 'kept as traded'),
      });
      if (unsure) continue;
    }
    if (day.length < 2) singleSource.push(date);
    const close = { date, closeUsd: chosen, splitFactor, sources: day.map((entry) => entry.source).sort() };
    closes.push(close);
    last = close;
  }
  return { closes, notes, singleSource };
}

/** The close a day stores, or undefined when its sources are on different split bases. */
function dayClose(
  ticker: string,
  date: string,
  day: readonly { source: string; closeUsd: number }[],
  notes: LiveDataNote[],
): number | undefined {
  let disagreement: string | undefined;
  for (let i = 0; i < day.length; i++) {
    for (let j = i + 1; j < day.length; j++) {
      const a = day[i] as { source: string; closeUsd: number };
      const b = day[j] as { source: string; closeUsd: number };
      const ratio = Math.max(a.closeUsd, b.closeUsd) / Math.min(a.closeUsd, b.closeUsd);
      const named = `${a.source} closed ${ticker} at ${a.closeUsd} USD and ${b.source} at ${b.closeUsd} USD`;
      if (splitLike(ratio)) {
        notes.push({
          code: 'share-split-basis-mismatch',
          date,
          message:
            `${date}: ${named}, a factor of ${ratio.toFixed(2)}: one is on another split basis; ` +
            'the day is not stored (pre- and post-split prices are never mixed)',
        });
        return undefined;
      }
      if (ratio - 1 > SHARE_DISAGREEMENT_RATIO) disagreement ??= `${named}, ${((ratio - 1) * 100).toFixed(1)}% apart`;
    }
  }
  const values = day.map((entry) => entry.closeUsd).sort((x, y) => x - y);
  const middle = Math.floor(values.length / 2);
  const median =
    values.length % 2 === 1
      ? (values[middle] as number)
      : ((values[middle - 1] as number) + (values[middle] as number)) / 2;
  const chosen = disagreement !== undefined && day.length === 2 ? (day[0] as { closeUsd: number }).closeUsd : median;
  const rounded = Math.round(chosen * 10_000) / 10_000;
  if (disagreement !== undefined)
    notes.push({
      code: 'share-sources-disagree',
      date,
      message:
        `${date}: ${disagreement} (more than ${SHARE_DISAGREEMENT_RATIO * 100}%); ` +
        (day.length === 2
          ? `${(day[0] as { source: string }).source}'s ${rounded} USD is stored (the first configured source)`
          : `the median of ${day.length}, ${rounded} USD, is stored`),
    });
  return rounded;
}

/** The splits the sources report, by day; a day two sources give different factors stops the fetch's days there. */
function mergedSplits(
  ticker: string,
  fetches: readonly ShareCloseFetch[],
  notes: LiveDataNote[],
): { splits: ShareSplit[]; unresolvedFrom: string | undefined } {
  const byDate = new Map<string, { factor: number; source: string }>();
  let unresolvedFrom: string | undefined;
  for (const fetch of fetches) {
    for (const split of fetch.splits) {
      const known = byDate.get(split.date);
      if (!known) {
        byDate.set(split.date, { factor: split.factor, source: fetch.source });
        notes.push({
          code: 'share-split',
          date: split.date,
          message: `${ticker}: ${fetch.source} reports a split of factor ${split.factor} effective ${split.date}`,
        });
      } else if (Math.abs(known.factor / split.factor - 1) > 1e-6) {
        notes.push({
          code: 'share-split-conflict',
          date: split.date,
          message:
            `${ticker}: ${known.source} reports a split of factor ${known.factor} on ${split.date} and ` +
            `${fetch.source} one of ${split.factor}; no close from ${split.date} on is stored until they agree`,
        });
        if (unresolvedFrom === undefined || split.date < unresolvedFrom) unresolvedFrom = split.date;
      }
    }
  }
  const splits = [...byDate.entries()]
    .map(([date, entry]) => ({ date, factor: entry.factor }))
    .sort((a, b) => (a.date < b.date ? -1 : 1));
  return { splits, unresolvedFrom };
}

/** A ratio near a whole number ≥ 2, or near its reciprocal: the signature of a split or reverse split. */
export function splitLike(ratio: number): boolean {
  const up = ratio >= 1 ? ratio : 1 / ratio;
  if (up < 1.5) return false;
  return Math.abs(up / Math.round(up) - 1) <= SPLIT_RATIO_TOLERANCE;
}
