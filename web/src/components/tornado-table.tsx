/** What moves the target most (`tornado`): each input bumped down and up around its base, the target at each end. */
import type { TornadoResult } from '../api-types.ts';
import { formatCompact, formatUsd } from '../display-format.ts';

export function TornadoTable({ tornado }: { tornado: TornadoResult }) {
  return (
    <div class="table-scroll" role="region" aria-labelledby="tornado-caption" tabIndex={0}>
      <table class="data-table">
        <caption id="tornado-caption">
          Target {formatUsd(tornado.baseTargetUsd)} with each input bumped around its base, largest swing first
        </caption>
        <thead>
          <tr>
            <th scope="col">Input</th>
            <th scope="col" class="numeric">
              Base
            </th>
            <th scope="col">Bump</th>
            <th scope="col" class="numeric">
              Target at low
            </th>
            <th scope="col" class="numeric">
              Target at high
            </th>
            <th scope="col" class="numeric">
              Swing (USD/share)
            </th>
          </tr>
        </thead>
        <tbody>
          {tornado.bars.map((bar) => (
            <tr key={bar.input} data-input={bar.input}>
              <th scope="row">{bar.input}</th>
              <td class="numeric">{formatCompact(bar.base, bar.unit, 4)}</td>
              <td>
                {formatCompact(bar.low, bar.unit, 4)} to {formatCompact(bar.high, bar.unit, 4)} ({bar.bumpRule})
              </td>
              <td class="numeric">{formatUsd(bar.targetAtLow)}</td>
              <td class="numeric">{formatUsd(bar.targetAtHigh)}</td>
              <td class="numeric">{formatUsd(bar.swingUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
