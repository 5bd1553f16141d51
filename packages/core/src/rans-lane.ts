import { LicoError } from './errors.js';
import { RANS_STATE_LOWER } from './rans-stream.js';

function corrupt(message: string): never {
  throw new LicoError('LICO_BITSTREAM_CORRUPT', `rANS stream: ${message}`);
}

/**
 * The entry of `cdf[begin] … cdf[end − 1]` whose slot range holds `slot`: the index `s` with
 * `cdf[s] <= slot < cdf[s + 1]` (binary search; the table must start at 0 and end above slot).
 */
export function cdfEntryOf(cdf: Uint32Array, begin: number, end: number, slot: number): number {
  let low = begin;
  let high = end - 1;
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if (cdf[middle] <= slot) low = middle;
    else high = middle;
  }
  return low;
}

/**
 * Decodes one lane of a rANS stream symbol by symbol: the reference decode step of
 * `docs/rans-stream.md`, shared by the js backend and the one-symbol-at-a-time decoder.
 */
export class RansLaneDecoder {
  private x: number;
  private position: number;

  constructor(
    private readonly stream: Uint8Array,
    begin: number,
    private readonly end: number,
    private readonly lane: number,
  ) {
    this.x = (stream[begin] | (stream[begin + 1] << 8) | (stream[begin + 2] << 16) | (stream[begin + 3] << 24)) >>> 0;
    this.position = begin + 4;
    if (this.x < RANS_STATE_LOWER || this.x >= 2 ** 31) corrupt(`lane ${lane} starts in an impossible state`);
  }

  /**
   * Decodes the next symbol with the table `cdf[begin] … cdf[end - 1]` (precision bits) and
   * returns its symbol number (0 for the entry at `begin`).
   */
  decode(cdf: Uint32Array, begin: number, end: number, precision: number): number {
    const slot = this.x & (2 ** precision - 1);
    const low = cdfEntryOf(cdf, begin, end, slot);
    const start = cdf[low];
    let x = (cdf[low + 1] - start) * Math.floor(this.x / 2 ** precision) + slot - start;
    while (x < RANS_STATE_LOWER) {
      if (this.position >= this.end) corrupt(`lane ${this.lane} runs past its end`);
      x = x * 256 + this.stream[this.position++];
    }
    this.x = x;
    return low - begin;
  }

  /** Checks that the lane ended exactly where and how its encoder began. */
  finish(): void {
    if (this.x !== RANS_STATE_LOWER || this.position !== this.end) {
      corrupt(`lane ${this.lane} does not end where it was coded`);
    }
  }
}
