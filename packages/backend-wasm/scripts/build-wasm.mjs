// Compiles the shared C++ kernels (../../cc) to wasm/lico.wasm with clang and wasm-ld: wasm32
// with simd128, no libc (cc/bindings/wasm/ brings an allocator and memcpy). Override the
// compiler with CXX=/path/to/clang++.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const output = fileURLToPath(new URL('../wasm/lico.wasm', import.meta.url));
const sources = [
  'cc/kernels/DequantizeScalar.cc',
  'cc/kernels/IntConv2d.cc',
  'cc/kernels/PmfToQuantizedCdf.cc',
  'cc/kernels/QuantizeScalar.cc',
  'cc/kernels/RansDecode.cc',
  'cc/kernels/RansEncode.cc',
  'cc/kernels/TcqDequantize.cc',
  'cc/kernels/TcqQuantize.cc',
  'cc/kernels/rans-tables.cc',
  'cc/bindings/wasm/heap.cc',
  'cc/bindings/wasm/libc-shim.cc',
  'cc/bindings/wasm/prepared-tables.cc',
  'cc/bindings/wasm/DequantizeScalar.cc',
  'cc/bindings/wasm/IntConv2d.cc',
  'cc/bindings/wasm/PmfToQuantizedCdf.cc',
  'cc/bindings/wasm/QuantizeScalar.cc',
  'cc/bindings/wasm/RansDecode.cc',
  'cc/bindings/wasm/RansEncode.cc',
  'cc/bindings/wasm/TcqDequantize.cc',
  'cc/bindings/wasm/TcqQuantize.cc',
];
const flags = [
  '--target=wasm32',
  '-msimd128',
  '-mbulk-memory',
  '-std=c++17',
  '-O3',
  '-nostdlib',
  '-ffreestanding',
  '-fno-exceptions',
  '-fno-rtti',
  '-ffp-contract=off',
  '-Wall',
  '-Wl,--no-entry',
  '-Wl,--strip-debug',
];

mkdirSync(new URL('../wasm/', import.meta.url), { recursive: true });
const compiler = process.env.CXX ?? 'clang++';
try {
  execFileSync(compiler, [...flags, ...sources, '-o', output], { cwd: root, stdio: 'inherit' });
} catch (error) {
  console.error(
    `build-wasm: ${compiler} failed (${error instanceof Error ? error.message : error}); it needs clang with the wasm32 target and wasm-ld (Debian: apt-get install clang lld)`,
  );
  process.exit(1);
}
console.log(`build-wasm: wrote ${output}`);
