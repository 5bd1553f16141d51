import { invalidArgument } from '@lico/core';
import type { onnx as OnnxProto } from 'onnx-proto';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** The ONNX opset Lico's graphs import (the default domain). */
export const ONNX_OPSET = 17;
/** The IR version of the models Lico writes (IR 8 goes with opset 17). */
export const ONNX_IR_VERSION = 8;

/** An attribute value: build one with {@link ints}, {@link int}, {@link float} or {@link text}. */
export type OnnxAttribute = OnnxProto.IAttributeProto;

/** An INTS attribute (kernel shapes, strides, pads). */
export function ints(values: readonly number[]): Omit<OnnxAttribute, 'name'> {
  return { type: onnx.AttributeProto.AttributeType.INTS, ints: [...values] };
}

/** An INT attribute. */
export function int(value: number): Omit<OnnxAttribute, 'name'> {
  return { type: onnx.AttributeProto.AttributeType.INT, i: value };
}

/** A FLOAT attribute. */
export function float(value: number): Omit<OnnxAttribute, 'name'> {
  return { type: onnx.AttributeProto.AttributeType.FLOAT, f: value };
}

/** A STRING attribute. */
export function text(value: string): Omit<OnnxAttribute, 'name'> {
  return { type: onnx.AttributeProto.AttributeType.STRING, s: new TextEncoder().encode(value) };
}

/**
 * Builds one ONNX graph: float32 initializers named after state-dict entries, nodes with fresh
 * output names, one NCHW input (`x`) and one output (`y`) with symbolic batch, height and width.
 * Exporters ({@link OnnxExporter}) add to it; {@link toModel} encodes the `ModelProto`.
 */
export class OnnxGraphBuilder {
  private readonly nodes: OnnxProto.INodeProto[] = [];
  private readonly initializers: OnnxProto.ITensorProto[] = [];
  private readonly names = new Set<string>();
  private counter = 0;

  /** A name not used yet in the graph, based on `base`. */
  uniqueName(base: string): string {
    let name = base;
    while (this.names.has(name)) name = `${base}_${++this.counter}`;
    this.names.add(name);
    return name;
  }

  /** Adds a float32 constant tensor; returns its (unique) name. */
  initializer(name: string, data: Float32Array, dims: readonly number[]): string {
    if (data.length !== dims.reduce((a, b) => a * b, 1)) invalidArgument(`initializer ${name}`, `[${dims}]`, data);
    const unique = this.uniqueName(name);
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    this.initializers.push({
      name: unique,
      dims: [...dims],
      dataType: onnx.TensorProto.DataType.FLOAT,
      rawData: littleEndian ? bytes.slice() : swapBytes(data),
    });
    return unique;
  }

  /** Adds a node of `opType` reading `inputs`; returns the name of its (single) output. */
  node(
    opType: string,
    inputs: readonly string[],
    attributes: Record<string, Omit<OnnxAttribute, 'name'>> = {},
    name?: string,
  ): string {
    const output = this.uniqueName(`${name ?? opType}_out`);
    this.nodes.push({
      opType,
      name: this.uniqueName(name ?? opType),
      input: [...inputs],
      output: [output],
      attribute: Object.entries(attributes).map(([key, value]) => ({ name: key, ...value })),
    });
    return output;
  }

  /**
   * The encoded `ModelProto` of a graph from `inputName` (`[N, channels, H, W]`) to `output`;
   * channel counts left `undefined` are symbolic (layers that take any count).
   */
  toModel(
    inputName: string,
    inputChannels: number | undefined,
    output: string,
    outputChannels: number | undefined,
    graphName: string,
  ): Uint8Array {
    const tensorType = (channels: number | undefined, prefix: string) => ({
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: {
          dim: [
            { dimParam: 'N' },
            channels === undefined ? { dimParam: `${prefix}C` } : { dimValue: channels },
            { dimParam: `${prefix}H` },
            { dimParam: `${prefix}W` },
          ],
        },
      },
    });
    // The graph output must be a node output (an identity graph gets an Identity node); it is
    // renamed `y` where that name is free.
    const produced = output === inputName ? this.node('Identity', [inputName]) : output;
    const result = this.names.has('y') ? produced : 'y';
    for (const node of this.nodes) {
      node.input = node.input?.map((name) => (name === produced ? result : name));
      node.output = node.output?.map((name) => (name === produced ? result : name));
    }
    const graph = onnx.GraphProto.create({
      name: graphName,
      node: this.nodes,
      initializer: this.initializers,
      input: [{ name: inputName, type: tensorType(inputChannels, 'in_') }],
      output: [{ name: result, type: tensorType(outputChannels, 'out_') }],
    });
    const model = onnx.ModelProto.create({
      irVersion: ONNX_IR_VERSION,
      opsetImport: [{ domain: '', version: ONNX_OPSET }],
      producerName: 'lico',
      graph,
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** ONNX raw data is little-endian; on a big-endian machine each float's bytes are swapped. */
function swapBytes(data: Float32Array): Uint8Array {
  const out = new Uint8Array(data.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i], true);
  return out;
}
