/**
 * A WGSL compute program, kept apart from the kernel that runs it (as in tfjs-backend-webgpu):
 * the kernel works out chunks, buffers and uniforms; the program only builds its shader.
 */
export interface WebGpuProgram {
  /** Identifies the generated source: equal keys mean equal WGSL, so one pipeline serves both. */
  readonly shaderKey: string;
  readonly workgroupSize: number;
  /** Builds the WGSL; called once per shader key. */
  source(): string;
}
