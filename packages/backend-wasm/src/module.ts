/** The exports of `wasm/lico.wasm` (cc/bindings/wasm/); pointers are byte offsets into `memory`. */
export interface LicoWasmExports {
  readonly memory: WebAssembly.Memory;
  lico_alloc(bytes: number): number;
  lico_free(pointer: number): void;
  lico_PrepareRansTables(
    cdf: number,
    starts: number,
    valueOffsets: number,
    tableCount: number,
    cdfLength: number,
    precision: number,
  ): number;
  lico_RansEncode(tables: number, values: number, indexes: number, n: number, lanes: number): number;
  lico_RansEncodeFree(result: number): void;
  lico_RansDecode(
    tables: number,
    stream: number,
    laneStarts: number,
    lanes: number,
    escapeStart: number,
    escapeEnd: number,
    indexes: number,
    n: number,
    values: number,
    error: number,
  ): number;
  lico_PmfToQuantizedCdf(pmf: number, starts: number, tableCount: number, precision: number, cdf: number): number;
  lico_QuantizeScalar(
    latents: number,
    means: number,
    n: number,
    step: number,
    rounding: number,
    indexes: number,
    reconstruction: number,
  ): void;
  lico_DequantizeScalar(indexes: number, means: number, n: number, step: number, out: number): void;
  lico_TcqQuantize(
    latents: number,
    means: number,
    tableIndexes: number,
    n: number,
    costs: number,
    starts: number,
    offsets: number,
    tables: number,
    step: number,
    states: number,
    sequenceLength: number,
    bitCost: number,
    indexes: number,
    reconstruction: number,
    error: number,
  ): number;
  lico_TcqDequantize(
    indexes: number,
    means: number,
    n: number,
    step: number,
    states: number,
    sequenceLength: number,
    out: number,
  ): void;
  lico_IntConv2d(
    input: number,
    weights: number,
    bias: number,
    inChannels: number,
    height: number,
    width: number,
    outChannels: number,
    kernelHeight: number,
    kernelWidth: number,
    stride: number,
    padding: number,
    transposed: number,
    outputPadding: number,
    shift: number,
    clampMin: number,
    clampMax: number,
    output: number,
  ): void;
}

const BUILD_HINT =
  'run `npm run build -w @lico/backend-wasm` (needs clang with the wasm32 target and wasm-ld; Debian: apt-get install clang lld)';

async function wasmBytes(url: URL): Promise<BufferSource> {
  const versions = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions;
  if (versions?.node) {
    const { readFile } = await import('node:fs/promises');
    return readFile(url);
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`fetching ${url} answered ${response.status} ${response.statusText}`);
  return response.arrayBuffer();
}

/**
 * Instantiates the module: read from disk in Node, fetched beside the package in browsers
 * (bundlers see the `new URL(…, import.meta.url)` and ship the file). Throws an Error that
 * says why and how to fix it; the registry turns it into the fallback reason.
 */
export async function loadWasm(): Promise<LicoWasmExports> {
  const url = new URL('../wasm/lico.wasm', import.meta.url);
  try {
    const { instance } = await WebAssembly.instantiate(await wasmBytes(url), {});
    return instance.exports as unknown as LicoWasmExports;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`wasm/lico.wasm could not be loaded (${reason}); ${BUILD_HINT}; it needs WebAssembly SIMD`, {
      cause: error,
    });
  }
}
