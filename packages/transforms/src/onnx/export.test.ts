import { isLicoError } from '@lico/core';
import onnxProto from 'onnx-proto';
import { describe, expect, test } from 'vitest';
import { randomInput, smallAnalysis } from '../../test/layer-cases.js';
import {
  createTransformSession,
  type EdgeReach,
  exportOnnx,
  type FloatTensor,
  floatTensor,
  IGDN,
  Layer,
  maxRelativeError,
  type Nchw,
  ReLU,
  registerOnnxExporter,
  SAME_SIZE,
  type Spatial,
} from '../index.js';

const { onnx } = onnxProto;
const decode = (bytes: Uint8Array) => onnx.ModelProto.decode(bytes);
const dims = (value: onnxProto.onnx.IValueInfoProto | undefined) =>
  value?.type?.tensorType?.shape?.dim?.map((d) => (d.dimParam ? d.dimParam : Number(d.dimValue)));

describe('exportOnnx', () => {
  test('writes opset 17, symbolic N/H/W, and initializers named after the state dict', () => {
    const model = decode(exportOnnx(smallAnalysis(1)));
    expect(Number(model.opsetImport[0].version)).toBe(17);
    expect(Number(model.irVersion)).toBe(8);
    const graph = model.graph as onnxProto.onnx.IGraphProto;
    expect(graph.input?.[0].name).toBe('x');
    expect(graph.output?.[0].name).toBe('y');
    expect(graph.node?.at(-1)?.output).toEqual(['y']);
    expect(dims(graph.input?.[0])).toEqual(['N', 3, 'in_H', 'in_W']);
    expect(dims(graph.output?.[0])).toEqual(['N', 12, 'out_H', 'out_W']);
    expect(graph.initializer?.map((t) => t.name)).toEqual([
      '0.weight',
      '0.bias',
      '1.gamma_effective',
      '1.beta_effective',
      '2.weight',
      '2.bias',
      '3.gamma_effective',
      '3.beta_effective',
      '4.weight',
      '4.bias',
    ]);
    expect(graph.node?.map((n) => n.opType)).toEqual([
      'Conv',
      'Mul',
      'Conv',
      'Sqrt',
      'Div',
      'Conv',
      'Mul',
      'Conv',
      'Sqrt',
      'Div',
      'Conv',
    ]);
    const weight = graph.initializer?.[0] as onnxProto.onnx.ITensorProto;
    expect(weight.dims?.map(Number)).toEqual([8, 3, 5, 5]);
    expect(weight.rawData?.length).toBe(8 * 3 * 25 * 4);
  });

  test('IGDN ends in Mul; a layer that takes any channel count gets a symbolic channel dim', () => {
    const igdn = decode(exportOnnx(new IGDN(4))).graph as onnxProto.onnx.IGraphProto;
    expect(igdn.node?.at(-1)?.opType).toBe('Mul');
    const relu = decode(exportOnnx(new ReLU())).graph as onnxProto.onnx.IGraphProto;
    expect(dims(relu.input?.[0])).toEqual(['N', 'in_C', 'in_H', 'in_W']);
  });
});

/** A layer this package does not know: tanh. */
class Tanh extends Layer {
  readonly kind = 'TestTanh';
  forward(x: FloatTensor): FloatTensor {
    return floatTensor(x.data.map(Math.tanh), x.dims);
  }
  outputShape(input: Nchw): Nchw {
    return input;
  }
  get spatial(): Spatial {
    return SAME_SIZE;
  }
  edgeReach(input: EdgeReach): EdgeReach {
    return input;
  }
}

describe('exporters of other packages', () => {
  test('a kind without an exporter throws LICO_KERNEL_MISSING naming it', () => {
    let error: unknown;
    try {
      exportOnnx(new Tanh());
    } catch (e) {
      error = e;
    }
    expect(isLicoError(error, 'LICO_KERNEL_MISSING')).toBe(true);
    expect(String(error)).toContain("registerOnnxExporter('TestTanh'");
  });

  test('a registered exporter runs, and registering a kind twice throws LICO_ALREADY_REGISTERED', async () => {
    registerOnnxExporter('TestTanh', (_layer, { graph, nameOf }, input) =>
      graph.node('Tanh', [input], {}, nameOf('Tanh')),
    );
    expect(() => registerOnnxExporter('TestTanh', (_l, _c, input) => input)).toThrow(/already registered/);
    const layer = new Tanh();
    const x = randomInput([1, 3, 4, 4], 1);
    const session = await createTransformSession(layer, { backend: 'native', threads: 1 });
    expect(maxRelativeError((await session.run(x)).data, layer.forward(x).data)).toBeLessThan(1e-6);
    await session.dispose();
  });
});
