import { type CdfTables, LicoError } from '@lico/core';
import type { WasmHeap } from './heap.js';

// Tables are immutable once used (see CdfTables), so their coding form is built once per
// object and module, and freed in the module when the object is collected.
const prepared = new WeakMap<CdfTables, Map<WasmHeap, number>>();
const release = new FinalizationRegistry<{ heap: WasmHeap; pointer: number }>(({ heap, pointer }) =>
  heap.free(pointer),
);

/** The module's copy of `tables` (a pointer to its RansTableSet), built on first use. */
export function wasmTables(heap: WasmHeap, tables: CdfTables): number {
  let byHeap = prepared.get(tables);
  const cached = byHeap?.get(heap);
  if (cached !== undefined) return cached;
  const { cdf, starts, valueOffsets, precision } = tables;
  const buffers = [heap.copyIn(cdf), heap.copyIn(starts), heap.copyIn(valueOffsets)];
  const pointer =
    heap.using(buffers, () =>
      heap.exports.lico_PrepareRansTables(buffers[0], buffers[1], buffers[2], starts.length - 1, cdf.length, precision),
    ) >>> 0;
  if (pointer === 0) {
    throw new LicoError(
      'LICO_LIMIT_EXCEEDED',
      `wasm memory could not grow to hold ${starts.length - 1} prepared CDF tables`,
    );
  }
  if (!byHeap) {
    byHeap = new Map();
    prepared.set(tables, byHeap);
  }
  byHeap.set(heap, pointer);
  release.register(tables, { heap, pointer });
  return pointer;
}
