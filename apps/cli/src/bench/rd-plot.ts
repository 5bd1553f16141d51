import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { RdPoint } from './rd-curves.js';

/** One labelled curve of a panel. */
export interface PlotSeries {
  readonly panel: string;
  readonly label: string;
  readonly points: readonly RdPoint[];
}

/** Renders curves as an SVG line chart, one panel per `panel` value (Vega-Lite, no browser). */
export async function renderRdPlot(series: readonly PlotSeries[], axes: { x: string; y: string }): Promise<string> {
  const values = series.flatMap((s) => s.points.map(([x, y]) => ({ panel: s.panel, label: s.label, x, y })));
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    data: { values },
    facet: { column: { field: 'panel', type: 'nominal', title: null } },
    spec: {
      width: 320,
      height: 240,
      mark: { type: 'line', point: true, strokeWidth: 1.5 },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: axes.x },
        y: { field: 'y', type: 'quantitative', title: axes.y },
        color: { field: 'label', type: 'nominal', title: null },
      },
    },
    config: { point: { size: 12 }, font: 'sans-serif' },
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  return view.toSVG();
}
