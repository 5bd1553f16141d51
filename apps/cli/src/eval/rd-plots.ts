import sharp from 'sharp';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { msSsimDb } from './metrics.js';
import type { CodecCurve } from './summary.js';

/** Which metric a plot shows against bpp. */
export type PlotMetric = 'psnr' | 'msssim';

const AXIS: Record<PlotMetric, string> = {
  psnr: 'PSNR (dB, RGB)',
  msssim: 'MS-SSIM (dB, −10·log10(1 − MS-SSIM))',
};

/** A rate-distortion plot of every codec's averaged curve as SVG (Vega-Lite, rendered without a browser). */
export async function rdPlotSvg(curves: readonly CodecCurve[], metric: PlotMetric, title: string): Promise<string> {
  const values = curves.flatMap((c) =>
    c.points.flatMap((p) => {
      const y = metric === 'psnr' ? p.psnr : p.msssim === null ? null : msSsimDb(p.msssim);
      return y === null || !Number.isFinite(y) ? [] : [{ codec: c.name, bpp: p.bpp, y, order: p.bpp }];
    }),
  );
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    width: 560,
    height: 400,
    data: { values },
    mark: { type: 'line', point: true, strokeWidth: 1.5 },
    encoding: {
      x: { field: 'bpp', type: 'quantitative', title: 'bits per pixel (file size)' },
      y: { field: 'y', type: 'quantitative', title: AXIS[metric], scale: { zero: false } },
      color: { field: 'codec', type: 'nominal', title: null, sort: curves.map((c) => c.name) },
      order: { field: 'order', type: 'quantitative' },
    },
    config: { point: { size: 16 }, font: 'sans-serif', background: 'white' },
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  return view.toSVG();
}

/** The same plot as PNG, rasterized by sharp (librsvg) at 2× (144 dpi). */
export async function svgToPng(svg: string): Promise<Uint8Array> {
  const png = await sharp(Buffer.from(svg), { density: 144 }).png().toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.length);
}
