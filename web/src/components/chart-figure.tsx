/**
 * A chart spec (src/present/charts/chart-spec.ts) drawn by the note's own renderer (renderChartSvg): the same SVG as
 * in the research note, inserted as markup. The renderer escapes every text it writes and the SVG carries role="img"
 * and its title as the accessible name.
 */
import { useMemo } from 'preact/hooks';
import type { ChartSpec } from '../../../src/present/charts/chart-spec.ts';
import { renderChartSvg } from '../../../src/present/charts/render-chart.ts';

export function ChartFigure({ spec, caption, width }: { spec: ChartSpec; caption?: string; width?: number }) {
  const svg = useMemo(() => renderChartSvg(spec, width === undefined ? {} : { width }), [spec, width]);
  return (
    <figure class="chart" data-chart={spec.id}>
      <div class="chart-svg" dangerouslySetInnerHTML={{ __html: svg }} />
      {caption !== undefined ? <figcaption>{caption}</figcaption> : null}
    </figure>
  );
}
