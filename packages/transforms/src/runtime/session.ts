import { type Backend, type BackendName, invalidArgument, LicoError } from '@lico/core';
import { Layer } from '../module/layer.js';
import { exportOnnx } from '../onnx/export.js';
import { checkPaddingMode, crop, type PaddingMode, padToMultiple } from '../spatial/padding.js';
import { planTiles, runTiled } from '../spatial/tiling.js';
import { type FloatTensor, nchwOf } from '../tensor.js';
import type { Provider, Runner } from './provider.js';
import { resolveProvider } from './providers.js';

/** Options of {@link createTransformSession}. */
export interface TransformSessionOptions {
  /**
   * Where to run, by Lico backend name: `'native'` (onnxruntime-node, CPU EP; Node only),
   * `'wasm'` (onnxruntime-web, wasm EP; Node and browsers), `'webgpu'` (onnxruntime-web, WebGPU
   * EP; browsers, and Node on Dawn through `@lico/backend-webgpu`) or `'js'` (the layers' own
   * TypeScript forward). A list is tried in order; a started Lico `Backend` picks its name (and
   * lends webgpu its device). Default: native, then wasm, with one `LICO_BACKEND_FALLBACK`
   * warning when native is unavailable.
   */
  readonly backend?: BackendName | Backend | readonly BackendName[];
  /** CPU threads for ONNX Runtime (default: its own choice). For wasm, only the first session of the process sets it. */
  readonly threads?: number;
  /** For webgpu: a `GPUDevice` to run on (default: the browser's, or in Node the webgpu backend's). */
  readonly device?: object;
}

/** Options of {@link TransformSession.run}. */
export interface RunOptions {
  /**
   * How the input is padded to the layer's size multiple (default `'replicate'`). `'none'` runs
   * the input as it is, as PyTorch would (convolutions then zero-pad at odd sizes); such inputs
   * are tiled only when their sides are multiples already.
   */
  readonly padding?: PaddingMode | 'none';
  /**
   * Output height and width to crop to. Default: the input size times the layer's scale,
   * rounded up (a 16× analysis of 100×70 gives 7×5; a same-size layer gives 100×70). A
   * synthesis transform passes the image size here.
   */
  readonly outputSize?: readonly [height: number, width: number];
  /**
   * Tile size, in pixels at the finer of input and output resolution (default
   * {@link DEFAULT_TILE_SIZE}): an input of at most `tileSize²` pixels runs whole, a larger one
   * in square tiles of side `tileSize`; `false` runs the whole input at once. Tiles overlap by
   * the layer's reach, so the stitched result is the untiled one (up to float rounding).
   */
  readonly tileSize?: number | false;
}

/**
 * Default tile size: 640 pixels, so that images up to 640² = 409 600 pixels (Kodak's 768×512
 * among them) run untiled, while a 4096×4096 image encodes and decodes in tiles with
 * bmshj2018-sized transforms within 4 GiB (docs/transforms.md has the measurements).
 */
export const DEFAULT_TILE_SIZE = 640;

/** A layer tree ready to run on one provider. */
export interface TransformSession {
  readonly layer: Layer;
  /** The backend name it runs on. */
  readonly backend: BackendName;
  /** What runs, e.g. `onnxruntime-node 1.30.0 (CPU EP)`. */
  readonly description: string;
  /**
   * Runs the layer on an NCHW float32 tensor (any batch, any size): pads to the layer's
   * multiple, tiles large inputs, crops the result. Calls on one session run one at a time.
   */
  run(input: FloatTensor, options?: RunOptions): Promise<FloatTensor>;
  /**
   * Releases the ONNX Runtime session, for every holder of this (shared) session. Cached
   * sessions live until then (or until {@link disposeTransformSessions}).
   */
  dispose(): Promise<void>;
}

interface CacheEntry {
  readonly revision: number;
  readonly session: Promise<TransformSessionImpl>;
}

const cache = new WeakMap<Layer, Map<string, CacheEntry>>();
const live = new Set<TransformSessionImpl>();
const objectIds = new WeakMap<object, number>();
let nextObjectId = 0;

function idOf(value: object): number {
  let id = objectIds.get(value);
  if (id === undefined) {
    id = ++nextObjectId;
    objectIds.set(value, id);
  }
  return id;
}

function cacheKey(options: TransformSessionOptions): string {
  const { backend } = options;
  const choice =
    backend === undefined
      ? 'default'
      : typeof backend === 'string'
        ? backend
        : Array.isArray(backend)
          ? backend.join('>')
          : `backend#${idOf(backend as object)}`;
  return `${choice}|${options.threads ?? ''}|${options.device ? idOf(options.device) : ''}`;
}

class TransformSessionImpl implements TransformSession {
  readonly backend: BackendName;
  readonly description: string;
  #disposed = false;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly layer: Layer,
    readonly revision: number,
    private readonly runner: Runner,
    provider: Provider,
    private readonly forget: () => void,
  ) {
    this.backend = provider.backend;
    this.description = provider.description;
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  run(input: FloatTensor, options: RunOptions = {}): Promise<FloatTensor> {
    const result = this.#tail.then(() => this.#run(input, options));
    this.#tail = result.catch(() => undefined);
    return result;
  }

  async #raw(input: FloatTensor): Promise<FloatTensor> {
    const expected = this.layer.outputShape(nchwOf(input));
    const output = await this.runner.run(input);
    if (output.dims.join() !== expected.join()) {
      throw new LicoError(
        'LICO_INTERNAL',
        `${this.backend} returned dims [${output.dims}] for ${this.layer.kind}, expected [${expected}]`,
      );
    }
    return output;
  }

  async #run(input: FloatTensor, options: RunOptions): Promise<FloatTensor> {
    if (this.#disposed) {
      throw new LicoError(
        'LICO_INVALID_ARGUMENT',
        'this transform session was disposed; create another with createTransformSession()',
      );
    }
    if (this.layer.revision !== this.revision) {
      throw new LicoError(
        'LICO_INVALID_ARGUMENT',
        `the ${this.layer.kind}'s weights changed after this session was created; call createTransformSession() again for one with the new weights`,
      );
    }
    const [, , height, width] = nchwOf(input);
    const padding = options.padding === 'none' ? 'none' : checkPaddingMode(options.padding ?? 'replicate');
    const tileSize = options.tileSize ?? DEFAULT_TILE_SIZE;
    if (tileSize !== false && (!Number.isInteger(tileSize) || tileSize < 1)) {
      invalidArgument('options.tileSize', 'a positive integer or false', tileSize);
    }
    const spatial = this.layer.spatial;
    const aligned = height % spatial.multiple === 0 && width % spatial.multiple === 0;
    if (!spatial.regular || (padding === 'none' && !aligned)) {
      // Sizes do not scale by a fixed ratio, or stay as given: no padding, tiling or default crop.
      const output = await this.#raw(input);
      return options.outputSize ? crop(output, ...options.outputSize) : output;
    }
    const padded = padding === 'none' ? input : padToMultiple(input, spatial.multiple, padding);
    const [, , paddedHeight, paddedWidth] = padded.dims;
    const plan = tileSize === false ? undefined : planTiles(this.layer, paddedHeight, paddedWidth, tileSize);
    const output =
      plan && plan.rows.length * plan.columns.length > 1
        ? await runTiled(this.layer, padded, plan, (tile) => this.#raw(tile))
        : await this.#raw(padded);
    const [outHeight, outWidth] = options.outputSize ?? [
      Math.ceil((height * spatial.up) / spatial.down),
      Math.ceil((width * spatial.up) / spatial.down),
    ];
    return crop(output, outHeight, outWidth);
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    this.forget();
    live.delete(this);
    await this.#tail;
    await this.runner.release();
  }
}

/**
 * A session that runs `layer` on the chosen backend: the tree is exported to ONNX in memory
 * (or, for `'js'`, run by its TypeScript forward). Sessions are cached per layer, backend and
 * options: asking again returns the same session while it lives and the layer's weights are
 * unchanged (a changed layer gets a new session; the old one is released).
 * @example
 * ```ts
 * import { conv, createTransformSession, floatTensor, GDN, Sequential } from '@lico/transforms';
 *
 * const gA = new Sequential(conv(3, 8), new GDN(8), conv(8, 8)).initialize(7);
 * const session = await createTransformSession(gA, { backend: 'wasm' });
 * const image = floatTensor(new Float32Array(3 * 30 * 20).fill(0.5), [1, 3, 30, 20]);
 * const y = await session.run(image); // padded to 32×20, cropped to ⌈30/4⌉×⌈20/4⌉
 * console.log(session.description, y.dims); // … [ 1, 8, 8, 5 ]
 * await session.dispose();
 * ```
 */
export async function createTransformSession(
  layer: Layer,
  options: TransformSessionOptions = {},
): Promise<TransformSession> {
  if (!(layer instanceof Layer)) invalidArgument('layer', 'a Layer of @lico/transforms', layer);
  if (options.threads !== undefined && (!Number.isInteger(options.threads) || options.threads < 1)) {
    invalidArgument('options.threads', 'a positive integer', options.threads);
  }
  const key = cacheKey(options);
  const entries = cache.get(layer) ?? new Map<string, CacheEntry>();
  cache.set(layer, entries);
  const revision = layer.revision;
  const existing = entries.get(key);
  if (existing && existing.revision === revision) return existing.session;
  if (existing) void existing.session.then((old) => old.dispose()).catch(() => undefined);

  const table = entries;
  const session = (async () => {
    const provider = await resolveProvider(options.backend, { threads: options.threads, device: options.device });
    const runner = await provider.createRunner(layer, () => exportOnnx(layer));
    const created = new TransformSessionImpl(layer, revision, runner, provider, () => {
      if (table.get(key)?.session === session) table.delete(key);
    });
    live.add(created);
    return created;
  })();
  table.set(key, { revision, session });
  session.catch(() => {
    if (table.get(key)?.session === session) table.delete(key);
  });
  return session;
}

/** Disposes every live session (of one layer, if given): for tests, and before a process exits. */
export async function disposeTransformSessions(layer?: Layer): Promise<void> {
  await Promise.all([...live].filter((s) => !layer || s.layer === layer).map((s) => s.dispose()));
}
