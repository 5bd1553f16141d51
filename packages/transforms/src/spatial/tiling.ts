import { invalidArgument, LicoError } from '@lico/core';
import type { Spatial } from '../module/geometry.js';
import type { Layer } from '../module/layer.js';
import { type FloatTensor, floatTensor, nchwOf } from '../tensor.js';

/** One tile along one axis, in input pixels: the window that runs and the core it is kept for. */
export interface TileSpan {
  /** First input row (column) of the window that runs. */
  readonly start: number;
  /** Input rows (columns) in the window. */
  readonly length: number;
  /** First input row (column) of the core this tile's output is kept for. */
  readonly coreStart: number;
  /** Input rows (columns) of the core. */
  readonly coreLength: number;
}

/** How a layer's input is cut, per axis; see {@link planTiles}. */
export interface TilePlan {
  readonly rows: readonly TileSpan[];
  readonly columns: readonly TileSpan[];
  /** Input pixels each window reaches past its core at inner edges. */
  readonly margin: number;
}

/**
 * The margin a tile needs at inner edges, in input pixels and a multiple of `spatial.multiple`:
 * enough that the output pixels the zero padding at a cut can reach
 * ({@link Layer.edgeReach}, from a clean cut) are all discarded.
 */
export function tileMargin(layer: Layer): number {
  const { up, down, multiple } = layer.spatial;
  const reach = layer.edgeReach({ before: 0, after: 0 });
  const inputPixels = Math.ceil((Math.max(reach.before, reach.after) * down) / up);
  return Math.ceil(inputPixels / multiple) * multiple;
}

/**
 * Cuts an axis of `length` input pixels (a multiple of `multiple`) into cores of at most
 * `core` pixels (rounded down to the multiple), each run in a window reaching `margin` pixels
 * past it on inner sides. All windows have the same length (those at the ends are shifted
 * inwards), so a session sees one shape. A window that reaches the image edge needs no margin
 * there: the layer's own zero padding is then what the whole image gets.
 */
export function planAxis(length: number, core: number, margin: number, multiple: number): TileSpan[] {
  const step = Math.max(multiple, Math.floor(core / multiple) * multiple);
  const window = Math.min(length, step + 2 * margin);
  if (window === length) return [{ start: 0, length, coreStart: 0, coreLength: length }];
  const spans: TileSpan[] = [];
  for (let coreStart = 0; coreStart < length; coreStart += step) {
    const coreLength = Math.min(step, length - coreStart);
    const start = Math.min(Math.max(coreStart - margin, 0), length - window);
    spans.push({ start, length: window, coreStart, coreLength });
  }
  return spans;
}

/**
 * The tiles of an input of `height × width` (multiples of the layer's multiple): one, when its
 * area is at most `tileSize²` (at the finer resolution), else square windows of side `tileSize`.
 */
export function planTiles(layer: Layer, height: number, width: number, tileSize: number): TilePlan {
  const { up, down, multiple } = layer.spatial;
  if (!Number.isInteger(tileSize) || tileSize < 1) invalidArgument('tileSize', 'a positive integer', tileSize);
  // Tile sizes count pixels at the finer of input and output resolution.
  const core = up > down ? Math.floor((tileSize * down) / up) : tileSize;
  const margin = tileMargin(layer);
  // Memory grows with a window's area, not its sides: an input within one tile's area runs whole
  // (tiling a 768×512 image with 512-pixel tiles would compute its overlap twice, half as much again).
  if (height * width <= core * core) {
    return {
      rows: planAxis(height, height, margin, multiple),
      columns: planAxis(width, width, margin, multiple),
      margin,
    };
  }
  return {
    rows: planAxis(height, core, margin, multiple),
    columns: planAxis(width, core, margin, multiple),
    margin,
  };
}

/** Copies rows `[from, from + count)` × columns of a window's output into the whole output. */
function copyCore(
  source: FloatTensor,
  target: Float32Array,
  targetDims: readonly number[],
  rowSpan: readonly [number, number, number],
  columnSpan: readonly [number, number, number],
): void {
  const [n, c, , sw] = source.dims;
  const [, , th, tw] = targetDims;
  const [sourceRow, targetRow, rows] = rowSpan;
  const [sourceColumn, targetColumn, columns] = columnSpan;
  const sh = source.dims[2];
  for (let plane = 0; plane < n * c; plane++) {
    for (let i = 0; i < rows; i++) {
      const from = (plane * sh + sourceRow + i) * sw + sourceColumn;
      target.set(source.data.subarray(from, from + columns), (plane * th + targetRow + i) * tw + targetColumn);
    }
  }
}

/** Copies a window of an NCHW tensor. */
function window(x: FloatTensor, top: number, left: number, height: number, width: number): FloatTensor {
  const [n, c, h, w] = x.dims;
  const out = new Float32Array(n * c * height * width);
  for (let plane = 0; plane < n * c; plane++) {
    for (let i = 0; i < height; i++) {
      const from = (plane * h + top + i) * w + left;
      out.set(x.data.subarray(from, from + width), (plane * height + i) * width);
    }
  }
  return floatTensor(out, [n, c, height, width]);
}

function scaled(pixels: number, spatial: Spatial): number {
  return (pixels * spatial.up) / spatial.down;
}

/**
 * Runs `run` over the tiles of `plan` and stitches the cores into one output. The input must
 * be padded to the layer's multiple. Peak memory: the input, the output, and one window's
 * intermediate tensors.
 */
export async function runTiled(
  layer: Layer,
  input: FloatTensor,
  plan: TilePlan,
  run: (tile: FloatTensor) => Promise<FloatTensor>,
): Promise<FloatTensor> {
  const spatial = layer.spatial;
  if (!spatial.regular) {
    throw new LicoError(
      'LICO_INVALID_ARGUMENT',
      `tiling needs a layer whose output is its input × a fixed ratio; ${layer.kind} is not`,
    );
  }
  const dims = layer.outputShape(nchwOf(input));
  const output = new Float32Array(dims[0] * dims[1] * dims[2] * dims[3]);
  for (const row of plan.rows) {
    for (const column of plan.columns) {
      const tile = window(input, row.start, column.start, row.length, column.length);
      const result = await run(tile);
      copyCore(
        result,
        output,
        dims,
        [scaled(row.coreStart - row.start, spatial), scaled(row.coreStart, spatial), scaled(row.coreLength, spatial)],
        [
          scaled(column.coreStart - column.start, spatial),
          scaled(column.coreStart, spatial),
          scaled(column.coreLength, spatial),
        ],
      );
    }
  }
  return floatTensor(output, dims);
}
