#!/usr/bin/env bash
# Installs what Lico needs on Debian/Ubuntu (system packages when missing, npm packages) and
# builds every package: the native addon (node-gyp), the WASM module (clang) and the TypeScript.
set -euo pipefail
cd "$(dirname "$0")/.."

# clang + lld: the WASM-SIMD build. chromium: ships the SwiftShader Vulkan driver that the
# webgpu backend uses in Node when there is no GPU. g++, make, python3: node-gyp. libdnnl-dev:
# oneDNN, which runs the native backend's float convolutions for training. The reference codecs of
# `lico eval` (docs/evaluation.md): libjpeg-turbo-progs (cjpeg/djpeg), webp (cwebp/dwebp),
# libavif-bin (avifenc/avifdec with aom), libjxl-tools (cjxl/djxl), ffmpeg (HEVC through libx265),
# libopenjp2-tools (opj_compress/opj_decompress).
packages=(clang lld chromium g++ make python3 libdnnl-dev)
packages+=(libjpeg-turbo-progs webp libavif-bin libjxl-tools ffmpeg libopenjp2-tools)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${CI:-}" = "true" ] || [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else
    echo "setup: need root to install: ${missing[*]}" >&2
    exit 1
  fi
  "${sudo[@]}" apt-get update
  if [ ${#missing[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
  fi
fi

# In CI a native addon that does not build is an error; elsewhere Lico falls back to wasm.
if [ "${CI:-}" = "true" ]; then export LICO_REQUIRE_NATIVE=1; fi
# `npm install`, not `npm ci`: the registry mirror this project is developed against lacks
# some other-platform packages (turbo's and biome's macOS builds), so the lock file cannot
# list them and `npm ci` refuses it; `npm install` keeps every version the lock pins.
npm install --no-audit --no-fund
npm run build
