/** An 8-bit RGB image: `data` holds R, G, B per pixel, row by row (`width · height · 3` bytes). */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** What one encode at one quality gives: the file as stored, and what a decoder makes of it. */
export interface EncodeResult {
  /** The compressed file, byte for byte as it would be stored (its length gives the rate). */
  readonly bytes: Uint8Array;
  /** The decoder's output, 8-bit RGB, the input's size. */
  readonly decoded: RgbImage;
  /** Seconds spent encoding and decoding, when the codec measures them (tool start-up included). */
  readonly encodeSeconds?: number;
  readonly decodeSeconds?: number;
}

/**
 * A codec that `lico eval` measures: the reference codecs run their apt tools; Lico's own codec
 * implements the same interface. `quality` is the codec's own knob (`qualityName` says which:
 * JPEG's quality, x265's QP, JPEG XL's distance); `defaultQualities` sweeps roughly 0.1–2 bpp on
 * Kodak.
 */
export interface Codec {
  /** Short id used on the command line and in results: `jpeg`, `x265`. */
  readonly name: string;
  /** One line: the tool and the settings every encode uses. */
  readonly description: string;
  /** What `quality` means for this codec, e.g. `quality (0–100, higher is better)`. */
  readonly qualityName: string;
  readonly defaultQualities: readonly number[];
  /**
   * The versions of what runs, e.g. `cjpeg 2.1.5 (libjpeg-turbo-progs)`. Also the availability
   * check: throws `LICO_BACKEND_UNAVAILABLE` naming the apt package when a tool is missing.
   */
  version(): Promise<string>;
  /**
   * What runs at one quality, where that differs per quality (Lico: the weights of each trained
   * rate point). `lico eval --merge` keeps an earlier run's points of a codec that a new run did not
   * re-measure only while this is unchanged.
   */
  qualityVersion?(quality: number): string;
  /** Throws `LICO_INVALID_ARGUMENT` unless `quality` is a value of this codec's knob (checked before a run). */
  checkQuality?(quality: number): void;
  /** Encodes and decodes `image` at `quality`; `workDir` is an empty directory it may use. */
  encode(image: RgbImage, quality: number, workDir: string): Promise<EncodeResult>;
}
