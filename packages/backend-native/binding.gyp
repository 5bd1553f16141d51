{
  # One addon over the shared C++ tree in ../../cc (the wasm build compiles the same kernels).
  'targets': [
    {
      'target_name': 'lico_native',
      'sources': [
        '../../cc/kernels/Activation.cc',
        '../../cc/kernels/ActivationBackprop.cc',
        '../../cc/kernels/AdamUpdate.cc',
        '../../cc/kernels/Conv2d.cc',
        '../../cc/kernels/Conv2dBackpropFilter.cc',
        '../../cc/kernels/Conv2dBackpropInput.cc',
        '../../cc/kernels/conv2d-dnnl.cc',
        '../../cc/kernels/DequantizeScalar.cc',
        '../../cc/kernels/Gdn.cc',
        '../../cc/kernels/GdnBackprop.cc',
        '../../cc/kernels/IntConv2d.cc',
        '../../cc/kernels/PmfToQuantizedCdf.cc',
        '../../cc/kernels/QuantizeScalar.cc',
        '../../cc/kernels/RansDecode.cc',
        '../../cc/kernels/RansEncode.cc',
        '../../cc/kernels/TcqDequantize.cc',
        '../../cc/kernels/TcqQuantize.cc',
        '../../cc/kernels/rans-tables.cc',
        '../../cc/bindings/napi/addon.cc',
        '../../cc/bindings/napi/binding-utils.cc',
        '../../cc/bindings/napi/prepared-tables.cc',
        '../../cc/bindings/napi/float-kernels.cc',
        '../../cc/bindings/napi/Activation.cc',
        '../../cc/bindings/napi/ActivationBackprop.cc',
        '../../cc/bindings/napi/AdamUpdate.cc',
        '../../cc/bindings/napi/Conv2d.cc',
        '../../cc/bindings/napi/Conv2dBackpropFilter.cc',
        '../../cc/bindings/napi/Conv2dBackpropInput.cc',
        '../../cc/bindings/napi/DequantizeScalar.cc',
        '../../cc/bindings/napi/Gdn.cc',
        '../../cc/bindings/napi/GdnBackprop.cc',
        '../../cc/bindings/napi/IntConv2d.cc',
        '../../cc/bindings/napi/PmfToQuantizedCdf.cc',
        '../../cc/bindings/napi/QuantizeScalar.cc',
        '../../cc/bindings/napi/RansDecode.cc',
        '../../cc/bindings/napi/RansEncode.cc',
        '../../cc/bindings/napi/TcqDequantize.cc',
        '../../cc/bindings/napi/TcqQuantize.cc',
      ],
      'dependencies': ["<!(node -p \"require('node-addon-api').targets\"):node_addon_api_except"],
      # -fexceptions: oneDNN's C++ API throws dnnl::error, which the training kernels catch.
      # -fno-math-errno lets sqrt vectorize; it changes no result.
      'cflags_cc': ['-std=c++17', '-O3', '-ffp-contract=off', '-fopenmp', '-fexceptions', '-fno-math-errno'],
      'ldflags': ['-fopenmp'],
      # oneDNN (Debian's libdnnl-dev) runs the float convolutions of training.
      'libraries': ['-ldnnl'],
      'conditions': [
        # x86-64-v3 (AVX2, BMI2, FMA) is the baseline; other CPUs get the scalar path.
        ["target_arch=='x64'", { 'cflags_cc': ['-march=x86-64-v3'] }],
      ],
    },
  ],
}
