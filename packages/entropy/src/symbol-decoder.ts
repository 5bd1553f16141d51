import {
  assertValidCdfTables,
  type BitReader,
  type CdfTables,
  escapedValue,
  escapeReader,
  invalidArgument,
  LicoError,
  RansLaneDecoder,
  type RansStreamLayout,
  readEscape,
  readRansStreamLayout,
  tableCount,
} from '@lico/core';

/**
 * Decodes a rANS stream one symbol at a time, for autoregressive models whose next table
 * depends on the symbols decoded so far. Symbols come back in the order they were coded.
 * See {@link RansSymbolEncoder} for an example.
 */
export class RansSymbolDecoder {
  private readonly layout: RansStreamLayout;
  private readonly lanes: RansLaneDecoder[] = [];
  private readonly escapes: BitReader;
  private next = 0;

  constructor(
    private readonly stream: Uint8Array,
    options: { symbolCount: number; precision?: number },
  ) {
    if (!(stream instanceof Uint8Array)) invalidArgument('stream', 'a Uint8Array', stream);
    this.layout = readRansStreamLayout(stream, {
      symbolCount: options.symbolCount,
      precision: options.precision ?? 16,
    });
    this.escapes = escapeReader(stream, this.layout);
  }

  /** Symbols left to decode. */
  get remaining(): number {
    return this.layout.symbolCount - this.next;
  }

  /** Decodes the next value with table `tableIndex` of `tables`. */
  decode(tables: CdfTables, tableIndex: number): number {
    assertValidCdfTables(tables);
    if (!Number.isInteger(tableIndex) || tableIndex < 0 || tableIndex >= tableCount(tables)) {
      invalidArgument('tableIndex', `an integer in [0, ${tableCount(tables)})`, tableIndex);
    }
    this.checkPrecision(tables.precision);
    return this.decodeRow(
      tables.cdf,
      tables.starts[tableIndex],
      tables.starts[tableIndex + 1],
      tables.valueOffsets[tableIndex],
    );
  }

  /** Decodes the next value with an explicit CDF row of the stream's precision. */
  decodeWithCdf(cdf: Uint32Array, valueOffset: number): number {
    const total = 2 ** this.layout.precision;
    if (!(cdf instanceof Uint32Array) || cdf.length < 2 || cdf[0] !== 0 || cdf[cdf.length - 1] !== total) {
      invalidArgument('cdf', `a Uint32Array CDF from 0 to ${total}`, cdf);
    }
    return this.decodeRow(cdf, 0, cdf.length, valueOffset);
  }

  private checkPrecision(precision: number): void {
    if (precision !== this.layout.precision) {
      invalidArgument('tables.precision', `the stream's precision (${this.layout.precision})`, precision);
    }
  }

  private decodeRow(cdf: Uint32Array, begin: number, end: number, valueOffset: number): number {
    if (this.next >= this.layout.symbolCount) {
      throw new LicoError(
        'LICO_INVALID_ARGUMENT',
        `the stream holds ${this.layout.symbolCount} symbols; all were decoded`,
      );
    }
    const laneIndex = this.next % this.layout.laneCount;
    this.lanes[laneIndex] ??= new RansLaneDecoder(
      this.stream,
      this.layout.laneStarts[laneIndex],
      this.layout.laneStarts[laneIndex + 1],
      laneIndex,
    );
    const s = this.lanes[laneIndex].decode(cdf, begin, end, this.layout.precision);
    this.next++;
    const escapeSymbol = end - begin - 2;
    return s === escapeSymbol ? escapedValue(readEscape(this.escapes), valueOffset, escapeSymbol) : s + valueOffset;
  }

  /** Checks that every symbol was decoded and the stream ended exactly where it should. */
  finish(): void {
    if (this.remaining !== 0) {
      throw new LicoError('LICO_INVALID_ARGUMENT', `${this.remaining} symbols are still to be decoded`);
    }
    for (let lane = 0; lane < this.layout.laneCount; lane++) {
      const decoder =
        this.lanes[lane] ??
        new RansLaneDecoder(this.stream, this.layout.laneStarts[lane], this.layout.laneStarts[lane + 1], lane);
      decoder.finish();
    }
    if (Math.ceil(this.escapes.position / 8) !== this.layout.escapeEnd - this.layout.escapeStart) {
      throw new LicoError('LICO_BITSTREAM_CORRUPT', 'rANS stream: escape section has bytes no escape uses');
    }
  }
}
