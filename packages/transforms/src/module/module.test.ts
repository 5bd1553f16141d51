import { isLicoError } from '@lico/core';
import { describe, expect, test } from 'vitest';
import {
  conv,
  deconv,
  GDN,
  IGDN,
  MaskedConv2d,
  ResidualBlockWithStride,
  Sequential,
  StateDictMismatchError,
} from '../index.js';

const bmshjAnalysis = () => new Sequential(conv(3, 8), new GDN(8), conv(8, 8), new GDN(8), conv(8, 12));

describe('state dict names', () => {
  test("follow PyTorch's order and CompressAI's names (GDN with its reparametrizer buffers)", () => {
    expect([...bmshjAnalysis().stateDict().keys()].slice(0, 10)).toEqual([
      '0.weight',
      '0.bias',
      '1.beta',
      '1.gamma',
      '1.beta_reparam.pedestal',
      '1.beta_reparam.lower_bound.bound',
      '1.gamma_reparam.pedestal',
      '1.gamma_reparam.lower_bound.bound',
      '2.weight',
      '2.bias',
    ]);
  });

  test('compose with prefixes and carry PyTorch shapes (transposed weights are [in, out, k, k])', () => {
    const gS = new Sequential(deconv(12, 8), new IGDN(8));
    const dict = gS.stateDict();
    expect(dict.get('0.weight')?.shape).toEqual([12, 8, 5, 5]);
    expect(dict.get('1.gamma')?.shape).toEqual([8, 8]);
    expect([...gS.namedTensors('g_s')].map(([name]) => name)[0]).toBe('g_s.0.weight');
  });

  test('name residual blocks and masks as CompressAI does', () => {
    expect([...new ResidualBlockWithStride(4, 6).stateDict().keys()].filter((k) => !k.includes('reparam'))).toEqual([
      'conv1.weight',
      'conv1.bias',
      'conv2.weight',
      'conv2.bias',
      'gdn.beta',
      'gdn.gamma',
      'skip.weight',
      'skip.bias',
    ]);
    expect([...new MaskedConv2d(2, 3, 5).stateDict().keys()]).toEqual(['weight', 'bias', 'mask']);
  });

  test('namedParameters leaves buffers out', () => {
    expect([...new GDN(2).namedParameters()].map(([name]) => name)).toEqual(['beta', 'gamma']);
  });
});

describe('loadStateDict', () => {
  test('copies every entry, from any array-like, and round-trips', () => {
    const source = bmshjAnalysis().initialize(5);
    const target = bmshjAnalysis().initialize(6);
    const plain = Object.fromEntries(
      [...source.stateDict()].map(([name, e]) => [name, { data: Array.from(e.data), shape: e.shape }]),
    );
    target.loadStateDict(plain);
    for (const [name, entry] of source.stateDict())
      expect(target.stateDict().get(name)?.data, name).toEqual(entry.data);
  });

  test('names every missing, unexpected and mis-shaped entry, and changes nothing', () => {
    const module = bmshjAnalysis().initialize(1);
    const before = module.stateDict().get('0.weight')?.data.slice();
    const dict = new Map(bmshjAnalysis().initialize(2).stateDict());
    dict.delete('1.beta');
    dict.delete('4.bias');
    dict.set('5.weight', { data: new Float32Array(1), shape: [1] });
    dict.set('2.weight', { data: new Float32Array(8 * 8 * 3 * 3), shape: [8, 8, 3, 3] });
    let error: unknown;
    try {
      module.loadStateDict(dict);
    } catch (e) {
      error = e;
    }
    expect(isLicoError(error, 'LICO_INVALID_ARGUMENT')).toBe(true);
    const mismatch = error as StateDictMismatchError;
    expect(mismatch).toBeInstanceOf(StateDictMismatchError);
    expect(mismatch.missing).toEqual(['1.beta', '4.bias']);
    expect(mismatch.unexpected).toEqual(['5.weight']);
    expect(mismatch.misShaped).toEqual([{ name: '2.weight', expected: [8, 8, 5, 5], actual: [8, 8, 3, 3] }]);
    expect(mismatch.message).toMatch(
      /missing 2: 1\.beta, 4\.bias; unexpected 1: 5\.weight; mis-shaped 1: 2\.weight is \[8,8,3,3\], expected \[8,8,5,5\]/,
    );
    expect(module.stateDict().get('0.weight')?.data).toEqual(before);
  });

  test('with strict: false skips missing and unexpected names but still rejects wrong shapes', () => {
    const module = bmshjAnalysis();
    const partial = new Map([...bmshjAnalysis().initialize(3).stateDict()].slice(0, 2));
    partial.set('extra', { data: new Float32Array(2), shape: [2] });
    module.loadStateDict(partial, { strict: false });
    expect(module.stateDict().get('0.bias')?.data).toEqual(partial.get('0.bias')?.data);
    expect(() => module.loadStateDict({ '0.bias': { data: [1, 2], shape: [2] } }, { strict: false })).toThrow(
      StateDictMismatchError,
    );
  });

  test('a shape that matches but data of the wrong length is mis-shaped', () => {
    const gdn = new GDN(2);
    expect(() =>
      gdn.loadStateDict({ ...Object.fromEntries(gdn.stateDict()), beta: { data: [1], shape: [2] } }),
    ).toThrow(/mis-shaped 1: beta/);
  });
});

describe('initialize and revision', () => {
  test('the same seed gives the same weights; another seed others', () => {
    const a = bmshjAnalysis().initialize(42).stateDict();
    const b = bmshjAnalysis().initialize(42).stateDict();
    const c = bmshjAnalysis().initialize(43).stateDict();
    for (const [name, entry] of a) expect(b.get(name)?.data, name).toEqual(entry.data);
    expect(c.get('0.weight')?.data).not.toEqual(a.get('0.weight')?.data);
  });

  test('weights follow PyTorch-like bounds: ±1/√fan_in', () => {
    const weight = conv(3, 8).initialize(1).stateDict().get('weight')?.data as Float32Array;
    const bound = 1 / Math.sqrt(3 * 25);
    expect(Math.max(...weight.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...weight.map(Math.abs))).toBeGreaterThan(bound * 0.9);
  });

  test('grows when any tensor of the tree changes through the API', () => {
    const gA = bmshjAnalysis();
    const start = gA.revision;
    gA.at(2)?.markChanged();
    const afterMark = gA.revision;
    expect(afterMark).toBeGreaterThan(start);
    gA.loadStateDict(gA.stateDict());
    expect(gA.revision).toBeGreaterThan(afterMark);
  });
});
