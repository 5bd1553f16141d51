import '@lico/backend-js';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSafetensors } from '@lico/models';
import { describe, expect, test } from 'vitest';
import { trainRun } from '../src/index.js';

// Photo crops in the repository, so that these tests run without ../shared beside it.
const data = fileURLToPath(new URL('../../../fixtures/train', import.meta.url));
const small = {
  arch: 'lico-checkerboard-gmm',
  N: 4,
  M: 6,
  lambda: 0.01,
  batch: 2,
  crop: 64,
  backend: 'js',
  data,
} as const;
const logOf = async (dir: string) =>
  (await readFile(join(dir, 'log.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

describe('trainRun', () => {
  test('checkpoints, stops, resumes where it stopped, and leaves weights', async () => {
    const out = await mkdtemp(join(tmpdir(), 'lico-train-'));
    const seen: number[] = [];
    const first = await trainRun({
      ...small,
      steps: 6,
      out,
      checkpointEvery: 2,
      logEvery: 1,
      onStep: (s) => seen.push(s.step),
      shouldStop: () => seen.length === 3,
    });
    expect(first).toMatchObject({ step: 3, stopped: true });
    expect(existsSync(join(out, 'weights.safetensors'))).toBe(false);
    await expect(trainRun({ ...small, steps: 6, out })).rejects.toThrow(/--resume/);
    await expect(trainRun({ ...small, lambda: 0.02, steps: 6, out, resume: true })).rejects.toThrow(/lambda/);
    const second = await trainRun({ ...small, steps: 6, out, resume: true, logEvery: 1 });
    expect(second).toMatchObject({ step: 6, stopped: false });
    expect((await logOf(out)).map((line) => line.step)).toEqual([1, 2, 3, 4, 5, 6]);
    const { metadata, tensors } = readSafetensors(new Uint8Array(await readFile(join(out, 'weights.safetensors'))));
    expect(metadata.architecture).toBe('lico-checkerboard-gmm');
    expect(tensors.get('context_prediction.weight')?.shape).toEqual([12, 6, 5, 5]);
    // The integer parameter networks are in the file, calibrated.
    expect(tensors.get('integer.entropy_parameters.0.weight')?.data).toBeInstanceOf(Int32Array);
  }, 120_000);

  test('a time limit ends the run with weights at the first step past it; --resume goes on', async () => {
    const out = await mkdtemp(join(tmpdir(), 'lico-train-'));
    const etas: number[] = [];
    const timed = await trainRun({
      ...small,
      steps: 50,
      out,
      timeLimitSeconds: 0,
      logEvery: 5,
      checkpointEvery: 5,
      onStep: (s) => etas.push(s.etaSeconds),
    });
    expect(timed).toMatchObject({ step: 1, stopped: false, weights: join(out, 'weights.safetensors') });
    expect(etas).toEqual([0]); // the time left, not the 49 steps left
    expect(existsSync(timed.weights ?? '')).toBe(true);
    await expect(trainRun({ ...small, steps: 50, out, timeLimitSeconds: -1, resume: true })).rejects.toThrow(
      /timeLimitSeconds/,
    );
    const rest = await trainRun({ ...small, steps: 3, out, resume: true, logEvery: 1 });
    expect(rest).toMatchObject({ step: 3, stopped: false });
    expect((await logOf(out)).map((line) => line.step)).toEqual([1, 2, 3]);
  }, 120_000);

  test('a warm-up raises the learning rate over the first steps of the run', async () => {
    const out = await mkdtemp(join(tmpdir(), 'lico-train-'));
    await expect(trainRun({ ...small, steps: 3, out, warmupSteps: -1 })).rejects.toThrow(/warmupSteps/);
    await trainRun({ ...small, steps: 3, out, warmupSteps: 2, learningRate: 1e-3, logEvery: 1 });
    expect((await logOf(out)).map((line) => line.lr)).toEqual([5e-4, 1e-3, 1e-3]);
  }, 120_000);

  test('a resumed run computes what an uninterrupted one does', async () => {
    const [a, b] = [await mkdtemp(join(tmpdir(), 'lico-train-')), await mkdtemp(join(tmpdir(), 'lico-train-'))];
    const opts = { ...small, arch: 'bmshj2018-hyperprior', M: 4, checkpointEvery: 1, logEvery: 1 } as const;
    await trainRun({ ...opts, steps: 4, out: a });
    let steps = 0;
    await trainRun({ ...opts, steps: 4, out: b, shouldStop: () => ++steps === 2 });
    await trainRun({ ...opts, steps: 4, out: b, resume: true });
    const [logA, logB] = [await logOf(a), await logOf(b)];
    expect(logB.map((l) => l.loss)).toEqual(logA.map((l) => l.loss));
  }, 120_000);

  test('--init copies the parameters of the same name and shape, and only those', async () => {
    const source = await mkdtemp(join(tmpdir(), 'lico-train-'));
    await trainRun({ ...small, N: 6, M: 6, steps: 1, out: source });
    const from = readSafetensors(new Uint8Array(await readFile(join(source, 'weights.safetensors')))).tensors;
    const out = await mkdtemp(join(tmpdir(), 'lico-train-'));
    // A learning rate too small to move anything: the checkpoint holds the initial values.
    const hyperprior = { ...small, arch: 'bmshj2018-hyperprior', N: 6, M: 6, learningRate: 1e-30 } as const;
    await trainRun({ ...hyperprior, steps: 1, out, init: join(source, 'weights.safetensors') });
    const own = readSafetensors(new Uint8Array(await readFile(join(out, 'checkpoint.safetensors')))).tensors;
    for (const name of ['g_a.0.weight', 'g_s.6.weight', 'h_a.2.weight', 'entropy_bottleneck._matrix0'])
      expect(own.get(name)?.data, name).toEqual(from.get(name)?.data);
    // Another shape (the hyperprior's conv(N, M, 3) against the default's conv(3M/2, 2M, 3)): not copied.
    expect(own.get('h_s.4.weight')?.shape).toEqual([6, 6, 3, 3]);
    expect(from.get('h_s.4.weight')?.shape).toEqual([12, 9, 3, 3]);
    expect(own.get('h_s.4.weight')?.data).not.toEqual(from.get('h_s.4.weight')?.data.subarray(0, 324));
  }, 120_000);
});
