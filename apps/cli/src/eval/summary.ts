import { bdPsnr, bdRate, type RdPoint } from './bd-rate.js';
import { msSsimDb } from './metrics.js';
import type { CodecInfo, ImageRecord } from './run-eval.js';

/** One quality of one codec, averaged over the images (CompressAI: the mean of per-image values). */
export interface CurvePoint {
  readonly quality: number;
  readonly bpp: number;
  readonly psnr: number;
  /** Null when an image was too small for MS-SSIM. */
  readonly msssim: number | null;
  readonly images: number;
  readonly encodeSeconds: number | null;
  readonly decodeSeconds: number | null;
}

/** A codec's averaged rate-distortion curve, by rate. */
export interface CodecCurve extends CodecInfo {
  readonly points: readonly CurvePoint[];
}

/** `matrix[test][anchor]`: test against anchor; null on the diagonal and where curves do not overlap. */
export type BdMatrix = Record<string, Record<string, number | null>>;

export interface BdTables {
  /** BD-rate in % at equal PSNR (negative: fewer bits). */
  readonly rateOnPsnr: BdMatrix;
  /** BD-PSNR in dB at equal rate (positive: better). */
  readonly psnr: BdMatrix;
  /** BD-rate in % at equal MS-SSIM, read in dB (−10·log10(1 − MS-SSIM)); empty without MS-SSIM. */
  readonly rateOnMsssim: BdMatrix;
}

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;
const meanOrNull = (values: readonly (number | null)[]) =>
  values.some((v) => v === null) ? null : mean(values as number[]);

/** Averages the records of each codec and quality over images. */
export function averageCurves(codecs: readonly CodecInfo[], records: readonly ImageRecord[]): CodecCurve[] {
  return codecs.map((codec) => {
    const points = codec.qualities
      .map((quality) => {
        const rows = records.filter((r) => r.codec === codec.name && r.quality === quality);
        return {
          quality,
          bpp: mean(rows.map((r) => r.bpp)),
          psnr: mean(rows.map((r) => r.psnr)),
          msssim: meanOrNull(rows.map((r) => r.msssim)),
          images: rows.length,
          encodeSeconds: meanOrNull(rows.map((r) => r.encodeSeconds)),
          decodeSeconds: meanOrNull(rows.map((r) => r.decodeSeconds)),
        };
      })
      .filter((p) => p.images > 0)
      .sort((a, b) => a.bpp - b.bpp);
    return { ...codec, points };
  });
}

function matrix(curves: readonly CodecCurve[], measure: (anchor: CodecCurve, test: CodecCurve) => number | null) {
  const out: BdMatrix = {};
  for (const test of curves) {
    out[test.name] = {};
    for (const anchor of curves) out[test.name][anchor.name] = test === anchor ? null : measure(anchor, test);
  }
  return out;
}

const psnrCurve = (c: CodecCurve): RdPoint[] => c.points.map((p) => [p.bpp, p.psnr]);
const msssimCurve = (c: CodecCurve): RdPoint[] | null =>
  c.points.some((p) => p.msssim === null) ? null : c.points.map((p) => [p.bpp, msSsimDb(p.msssim as number)]);

/** Every codec against every other: BD-rate on PSNR, BD-PSNR, BD-rate on MS-SSIM (dB). */
export function bdTables(curves: readonly CodecCurve[]): BdTables {
  const withMsssim = curves.filter((c) => msssimCurve(c) !== null);
  return {
    rateOnPsnr: matrix(curves, (a, t) => bdRate(psnrCurve(a), psnrCurve(t))),
    psnr: matrix(curves, (a, t) => bdPsnr(psnrCurve(a), psnrCurve(t))),
    rateOnMsssim: matrix(withMsssim, (a, t) => bdRate(msssimCurve(a) ?? [], msssimCurve(t) ?? [])),
  };
}
