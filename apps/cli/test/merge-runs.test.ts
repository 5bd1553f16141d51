import { describe, expect, test } from 'vitest';
import { curvesCsv, type EvalReport, evalMarkdown, measuredOnLine } from '../src/eval/eval-report.js';
import { buildReport, mergeRuns } from '../src/eval/result-set.js';
import type { CodecInfo, ImageRecord } from '../src/eval/run-eval.js';

const images = ['a.png', 'b.png'];

function info(name: string, qualities: number[], extra: Partial<CodecInfo> = {}): CodecInfo {
  return { name, description: `${name} settings`, version: `${name} 1`, qualityName: 'quality', qualities, ...extra };
}

/** One record per image and quality; `psnr` tells the runs apart. */
function records(codec: string, qualities: number[], psnr: number): ImageRecord[] {
  return qualities.flatMap((quality) =>
    images.map((image) => ({
      codec,
      quality,
      image,
      width: 8,
      height: 8,
      bytes: quality * 10,
      bpp: quality / 10,
      psnr: psnr + quality,
      msssim: null,
      encodeSeconds: null,
      decodeSeconds: null,
    })),
  );
}

const versions = (entries: [number, string][]) => Object.fromEntries(entries);
const earlierLico = info('lico', [2, 3, 4], {
  qualityVersions: versions([
    [2, 'q2 a'],
    [3, 'q3 b'],
    [4, 'q4 c'],
  ]),
});
const earlier = buildReport(
  'kodak',
  images,
  [info('jpeg', [10, 50]), earlierLico],
  [...records('jpeg', [10, 50], 20), ...records('lico', [2, 3, 4], 25)],
);

const pointsOf = (merged: ReturnType<typeof mergeRuns>, codec: string) =>
  merged.records.filter((r) => r.codec === codec).map((r) => [r.quality, r.psnr]);

describe('mergeRuns', () => {
  test('a codec re-run at some qualities keeps its earlier points whose quality version is unchanged', () => {
    // q2 re-trained and re-measured; q3's weights unchanged; q4's replaced but not re-measured.
    const fresh = info('lico', [2], {
      qualityVersions: versions([
        [2, 'q2 new'],
        [3, 'q3 b'],
        [4, 'q4 new'],
      ]),
    });
    const merged = mergeRuns(earlier, images, [fresh], records('lico', [2], 30));
    expect(merged.codecs.map((c) => [c.name, c.qualities])).toEqual([
      ['jpeg', [10, 50]],
      ['lico', [2, 3]],
    ]);
    expect(pointsOf(merged, 'lico')).toEqual([
      [3, 28],
      [3, 28],
      [2, 32],
      [2, 32],
    ]);
    expect(pointsOf(merged, 'jpeg')).toHaveLength(4);
  });

  test('other settings, or a codec without quality versions, keep none of its earlier points', () => {
    const unchanged = earlierLico.qualityVersions;
    const other = info('lico', [2], { description: 'lico refined', qualityVersions: unchanged });
    expect(mergeRuns(earlier, images, [other], records('lico', [2], 30)).codecs[1].qualities).toEqual([2]);
    const jpeg = mergeRuns(earlier, images, [info('jpeg', [10])], records('jpeg', [10], 40));
    expect(jpeg.codecs.map((c) => [c.name, c.qualities])).toEqual([
      ['lico', [2, 3, 4]],
      ['jpeg', [10]],
    ]);
    expect(pointsOf(jpeg, 'jpeg')).toEqual([
      [10, 50],
      [10, 50],
    ]);
  });

  test('points keep when and where they were measured, and the report lists those of earlier runs', () => {
    // The earlier run was on another machine; its lico entry predates `measuredOn`.
    const elsewhere: EvalReport = {
      ...earlier,
      date: '2026-01-02T03:04:05.000Z',
      machine: { cpu: 'Old CPU', cores: 4, node: 'v18.0.0' },
      codecs: earlier.codecs.map((c) => (c.name === 'jpeg' ? c : { ...c, measuredOn: undefined })),
    };
    const jpegLine = earlier.codecs[0].measuredOn?.[10];
    expect(jpegLine).toBe(measuredOnLine(earlier));
    const fresh = info('lico', [2], { qualityVersions: earlierLico.qualityVersions });
    const merged = mergeRuns(elsewhere, images, [fresh], records('lico', [2], 30));
    const report = buildReport('kodak', images, merged.codecs, merged.records);
    const here = measuredOnLine(report);
    const old = '2026-01-02, Old CPU (4 cores), Node v18.0.0';
    expect(report.codecs.map((c) => [c.name, c.measuredOn])).toEqual([
      ['jpeg', { 10: jpegLine, 50: jpegLine }],
      ['lico', { 2: here, 3: old, 4: old }],
    ]);
    expect(curvesCsv(report.codecs)).toContain(`lico,2,0.2,32,,2,,,"${here}"`);
    const markdown = evalMarkdown(report, { psnrSvg: 'p.svg', msssimSvg: 'm.svg' });
    expect(markdown).toContain(`- lico, quality 3, 4: ${old}`);
    expect(markdown).not.toContain('- jpeg');
  });

  test('refuses another image list', () => {
    expect(() => mergeRuns(earlier, ['a.png'], [], [])).toThrow(/other images/);
  });
});
