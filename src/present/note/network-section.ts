/**
 * The note's network and calendar sections: history and projection, then the dated events ahead (results, halving,
 * retargets, policy).
 */
import { formatCompactNumber, formatSigned } from '../format.ts';
import type { ChartSpec } from '../charts/chart-spec.ts';
import type { NoteBlock } from './note-document.ts';
import type { CalendarEvent } from '../../schema/calendar.ts';
import type { NetworkStatusResult } from '../../schema/network.ts';
import type { NetworkProjectionResult } from '../../schema/projection.ts';
import { dayFromIso, isoFromDay, type DayNumber } from '../../units/calendar-day.ts';

export function networkSection(
  status: NetworkStatusResult,
  projection: NetworkProjectionResult,
  networkCharts: ChartSpec[],
): NoteBlock[] {
  return [
    { kind: 'heading', level: 1, text: 'The network', id: 'network' },
    {
      kind: 'paragraph',
      text:
        `At the end of ${status.asOf}: height ${status.tipHeight.toLocaleString('en-US')}, ` +
        `difficulty ${formatCompactNumber(status.epoch.difficulty)}, ` +
        `hashrate ${status.hashrate7dEhs.toFixed(0)} EH/s (7-day), ` +
        'hashprice ' +
        `${status.hashpriceUsdPerPhDay === null ? 'unknown' : `$${status.hashpriceUsdPerPhDay.toFixed(2)}/PH/day`}. ` +
        `The projection (scenario ${projection.scenario.name}) ` +
        `starts from ${projection.start.hashrateEhs.toFixed(0)} EH/s ` +
        `and $${Math.round(projection.start.priceUsd).toLocaleString('en-US')}.`,
    },
    ...networkCharts.map((chart): NoteBlock => ({
      kind: 'chart',
      chart,
      caption: 'History (solid) and the scenario projection (dashed).',
    })),
  ];
}

export function calendarSection(
  events: CalendarEvent[],
  asOf: string,
  targetDate: string,
  tickers: string[],
  status: NetworkStatusResult,
  projection: NetworkProjectionResult,
): NoteBlock[] {
  const from = isoFromDay((dayFromIso(asOf) - 30) as DayNumber);
  // Only what was public by the as-of date: a note never knows its own future.
  const listed = events.filter(
    (event) =>
      event.knownFrom <= asOf &&
      event.date >= from &&
      event.date <= targetDate &&
      (event.tickers.length === 0 || event.tickers.some((ticker) => tickers.includes(ticker))),
  );
  const rows: string[][] = listed.map((event) => [
    event.date,
    event.kind,
    event.tickers.join(', ') || 'all',
    `${event.title}${event.tentative ? ' (expected)' : ''}`,
    event.source,
  ]);
  const retargets = projection.events.filter((event) => event.event === 'retarget' && event.time !== null).slice(0, 3);
  rows.push(
    [
      status.retargetEstimate.estimatedTime.slice(0, 10),
      'network',
      'all',
      `next retarget at height ${status.retargetEstimate.height.toLocaleString('en-US')}: ` +
        `${formatSigned(status.retargetEstimate.changePct)}% (estimate from the epoch so far)`,
      'rerate network status',
    ],
    ...retargets
      .slice(1)
      .map((event) => [
        String(event.time).slice(0, 10),
        'network',
        'all',
        `retarget at height ${event.height.toLocaleString('en-US')}` +
          `${event.changePct === null ? '' : `: ${formatSigned(event.changePct)}%`} (projection)`,
        `rerate network project, scenario ${projection.scenario.name}`,
      ]),
    [
      status.halving.estimatedTime.slice(0, 10),
      'network',
      'all',
      `halving at height ${status.halving.nextHeight.toLocaleString('en-US')}: ` +
        `subsidy ${status.halving.subsidyNowBtc} → ${status.halving.subsidyAfterBtc} BTC`,
      'rerate network status (30-day mean block interval)',
    ],
  );
  rows.sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : (a[0] as string) > (b[0] as string) ? 1 : 0));
  return [
    { kind: 'heading', level: 1, text: 'Calendar', id: 'calendar' },
    {
      kind: 'table',
      caption: `Events from ${from}, as known on ${asOf}`,
      columns: [
        { label: 'Date', align: 'left' },
        { label: 'Kind', align: 'left' },
        { label: 'Companies', align: 'left' },
        { label: 'Event', align: 'left' },
        { label: 'Source', align: 'left' },
      ],
      rows,
      notes: [
        `Results and policy dates from data/calendar.yaml, up to the target date ${targetDate}; ` +
          'retargets and the halving from the model (dates are estimates).',
      ],
    },
  ];
}
