import type { CdfTables } from '@lico/core';
import type { NativeAddon, NativeTables } from './addon.js';

// Tables are immutable once used (see CdfTables), so their coding form is built once.
const prepared = new WeakMap<CdfTables, NativeTables>();

/** The addon's copy of `tables`, built on first use; the addon frees it when `tables` is collected. */
export function nativeTables(addon: NativeAddon, tables: CdfTables): NativeTables {
  let native = prepared.get(tables);
  if (!native) {
    native = addon.prepareRansTables(tables.cdf, tables.starts, tables.valueOffsets, tables.precision);
    prepared.set(tables, native);
  }
  return native;
}
