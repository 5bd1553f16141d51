import { LicoError } from '@lico/core';
import { unzipSync } from 'fflate';
import { halfToFloat } from './float16.js';
import { PickleCall, type PickleDict, PickleGlobal, PicklePersistentId, unpickle } from './pickle.js';
import { elementCount, type WeightMap, type WeightTensor } from './weight-tensor.js';

const invalid = (message: string) => new LicoError('LICO_WEIGHTS_INVALID', `PyTorch checkpoint: ${message}`);

/** Storage classes of torch.save: element size and how to read one element. */
const STORAGES: Record<string, { bytes: number; read: (view: DataView, at: number) => number; integer: boolean }> = {
  FloatStorage: { bytes: 4, read: (v, at) => v.getFloat32(at, true), integer: false },
  DoubleStorage: { bytes: 8, read: (v, at) => v.getFloat64(at, true), integer: false },
  HalfStorage: { bytes: 2, read: (v, at) => halfToFloat(v.getUint16(at, true)), integer: false },
  BFloat16Storage: {
    bytes: 2,
    read: (v, at) => new Float32Array(new Uint32Array([v.getUint16(at, true) << 16]).buffer)[0],
    integer: false,
  },
  LongStorage: { bytes: 8, read: (v, at) => Number(v.getBigInt64(at, true)), integer: true },
  IntStorage: { bytes: 4, read: (v, at) => v.getInt32(at, true), integer: true },
  ShortStorage: { bytes: 2, read: (v, at) => v.getInt16(at, true), integer: true },
  CharStorage: { bytes: 1, read: (v, at) => v.getInt8(at), integer: true },
  ByteStorage: { bytes: 1, read: (v, at) => v.getUint8(at), integer: true },
  BoolStorage: { bytes: 1, read: (v, at) => v.getUint8(at), integer: true },
};

/** What {@link readPytorchCheckpoint} found: the state dict's tensors, and what it skipped. */
export interface PytorchCheckpoint {
  readonly tensors: WeightMap;
  /** Entries of the state dict that are not tensors (kept out of `tensors`). */
  readonly skipped: string[];
}

/**
 * Reads a PyTorch checkpoint (`.pth`, `.pth.tar`: the zip that `torch.save` writes, with
 * `data.pkl` and one raw file per storage) without Python: a restricted unpickler (nothing
 * is imported or executed) and the tensor-rebuilding functions of torch. The state dict is
 * the checkpoint itself, or its `state_dict` entry (CompressAI's training checkpoints); a
 * `module.` prefix (DataParallel) is dropped. Tensors come out contiguous, floats as float32.
 */
export function readPytorchCheckpoint(bytes: Uint8Array): PytorchCheckpoint {
  if (bytes[0] === 0x80 && bytes[1] <= 5) {
    throw invalid('this is the legacy (pre-1.6, non-zip) torch.save format; re-save it with a current PyTorch');
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw invalid('not a zip archive (torch.save writes one)');
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (error) {
    throw invalid(`the zip archive is damaged (${(error as Error).message})`);
  }
  const pickleName = Object.keys(files).find((name) => name === 'data.pkl' || name.endsWith('/data.pkl'));
  if (!pickleName) throw invalid('no data.pkl in the archive');
  const prefix = pickleName.slice(0, -'data.pkl'.length);
  const storages = new Map<string, Float64Array | Int32Array | Float32Array>();
  const loadStorage = (id: PicklePersistentId) => storageOf(id, files, prefix, storages);
  const root = materialize(unpickle(files[pickleName]), loadStorage);
  return stateDictOf(root);
}

interface StorageRef {
  readonly data: Float32Array | Int32Array;
}

function storageOf(
  pid: PicklePersistentId,
  files: Record<string, Uint8Array>,
  prefix: string,
  cache: Map<string, Float64Array | Int32Array | Float32Array>,
): StorageRef {
  const id = pid.id;
  if (!Array.isArray(id) || id[0] !== 'storage' || !(id[1] instanceof PickleGlobal)) {
    throw invalid(`unknown persistent id ${JSON.stringify(String(id))}`);
  }
  const type = STORAGES[id[1].name];
  if (!type) throw invalid(`storage type ${id[1].qualifiedName} is not supported`);
  const key = String(id[2]);
  const cached = cache.get(key);
  if (cached) return { data: cached as Float32Array | Int32Array };
  const raw = files[`${prefix}data/${key}`];
  if (!raw) throw invalid(`storage ${key} is missing from the archive`);
  const count = Math.floor(raw.length / type.bytes);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const data = type.integer ? new Int32Array(count) : new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = type.read(view, i * type.bytes);
  cache.set(key, data);
  return { data };
}

/** A tensor rebuilt from `_rebuild_tensor_v2(storage, offset, size, stride, …)`: contiguous copy. */
function rebuildTensor(args: unknown[], loadStorage: (id: PicklePersistentId) => StorageRef): WeightTensor {
  const [storageId, offset, size, stride] = args;
  if (!(storageId instanceof PicklePersistentId) || typeof offset !== 'number')
    throw invalid('a malformed tensor record');
  const shape = size as number[];
  const strides = stride as number[];
  if (!Array.isArray(shape) || !Array.isArray(strides) || shape.length !== strides.length) {
    throw invalid('a tensor record without matching size and stride');
  }
  const storage = loadStorage(storageId).data;
  const count = elementCount(shape);
  const data = storage instanceof Int32Array ? new Int32Array(count) : new Float32Array(count);
  const index = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < count; i++) {
    let at = offset;
    for (let d = 0; d < shape.length; d++) at += index[d] * strides[d];
    if (at < 0 || at >= storage.length) throw invalid(`a tensor reads past its storage (${at} of ${storage.length})`);
    data[i] = storage[at];
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  return { shape, data };
}

const isTensor = (value: unknown): value is WeightTensor =>
  typeof value === 'object' && value !== null && 'shape' in value && 'data' in value;

/** Turns the unpickled records into values: tensors, dicts (Maps), lists; other calls stay inert. */
function materialize(value: unknown, loadStorage: (id: PicklePersistentId) => StorageRef, depth = 0): unknown {
  if (depth > 64) throw invalid('nesting deeper than 64 levels');
  const next = (v: unknown) => materialize(v, loadStorage, depth + 1);
  if (value instanceof PickleCall && value.callee instanceof PickleGlobal) {
    switch (value.callee.qualifiedName) {
      case 'torch._utils._rebuild_tensor_v2':
        return rebuildTensor(value.args, loadStorage);
      case 'torch._utils._rebuild_parameter':
        return next(value.args[0]);
      case 'collections.OrderedDict':
        return new Map([...value.items].map(([k, v]) => [k, next(v)]));
      default:
        return value;
    }
  }
  if (value instanceof Map) return new Map([...(value as PickleDict)].map(([k, v]) => [k, next(v)]));
  if (Array.isArray(value)) return value.map(next);
  return value;
}

function stateDictOf(root: unknown): PytorchCheckpoint {
  let dict = root instanceof Map ? root : undefined;
  for (const key of ['state_dict', 'model_state_dict', 'model']) {
    const inner = dict?.get(key);
    if (inner instanceof Map) {
      dict = inner;
      break;
    }
  }
  if (!dict) throw invalid('the checkpoint holds no state dict (a dict of tensors)');
  const names = [...dict.keys()].map(String);
  const strip = names.length > 0 && names.every((n) => n.startsWith('module.')) ? 'module.'.length : 0;
  const tensors: WeightMap = new Map();
  const skipped: string[] = [];
  for (const [key, value] of dict) {
    const name = String(key).slice(strip);
    if (isTensor(value)) tensors.set(name, value);
    else skipped.push(name);
  }
  if (tensors.size === 0) throw invalid('the state dict holds no tensors');
  return { tensors, skipped };
}
