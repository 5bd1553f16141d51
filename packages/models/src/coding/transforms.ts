import type { BackendName } from '@lico/core';
import { createTransformSession, type FloatTensor, type Layer, type RunOptions } from '@lico/transforms';

/** Runs a float transform on the named backend's ONNX Runtime (or its reference, for `js`). */
export async function runTransform(
  layer: Layer,
  input: FloatTensor,
  backend: BackendName | undefined,
  options: RunOptions = {},
): Promise<FloatTensor> {
  const session = await createTransformSession(layer, backend === undefined ? {} : { backend });
  return session.run(input, options);
}
