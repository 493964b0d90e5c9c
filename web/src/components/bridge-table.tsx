/**
 * The sum of the parts line by line (`value`'s bridge): value in USD and per diluted share, warnings marked per line.
 */
import type { ResultWarning, ValueResult } from '../api-types.ts';
import { formatCompact, formatUsd } from '../display-format.ts';
import { concernsPart } from '../warnings-of.ts';
import { WarningMarker } from './warnings-list.tsx';

export function BridgeTable({
  value,
  warnings,
  warningsId,
}: {
  value: ValueResult;
  warnings: readonly ResultWarning[];
  warningsId: string;
}) {
  return (
    <div class="table-scroll" role="region" aria-labelledby="bridge-caption" tabIndex={0}>
      <table class="data-table bridge-table">
        <caption id="bridge-caption">
          Bridge to the target: {formatCompact(value.company.parts.dilutedShares, 'count')} diluted shares
        </caption>
        <thead>
          <tr>
            <th scope="col">Part</th>
            <th scope="col" class="numeric">
              Value (USD)
            </th>
            <th scope="col" class="numeric">
              Per share
            </th>
            <th scope="col">How</th>
          </tr>
        </thead>
        <tbody>
          {value.bridge.map((line) => {
            const concerned = warnings.flatMap((warning, index) => (concernsPart(warning, line.part) ? [index] : []));
            return (
              <tr key={line.part} data-part={line.part} class={line.part === 'Equity value' ? 'total-row' : undefined}>
                <th scope="row">
                  {line.part} <WarningMarker listId={warningsId} indexes={concerned} />
                </th>
                <td class="numeric">{formatCompact(line.valueUsd, 'USD')}</td>
                <td class="numeric">{formatUsd(line.perShareUsd)}</td>
                <td class="explain">{line.explain.formula}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
