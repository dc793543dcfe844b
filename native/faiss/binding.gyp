{
  # Builds faiss-node's N-API addon against Debian's libfaiss-dev instead of the GitHub download
  # its own install script performs (which cannot work offline). The source comes from the
  # installed faiss-node package; scripts/build-faiss.mjs passes its location as faiss_node_src.
  "variables": { "faiss_node_src%": "../../node_modules/faiss-node" },
  "targets": [
    {
      "target_name": "faiss-node",
      "sources": ["<(faiss_node_src)/src/faiss.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")", "."],
      "defines": ["NAPI_VERSION=6", "NAPI_CPP_EXCEPTIONS"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti"],
      "cflags_cc": ["-std=c++17", "-fexceptions", "-fopenmp", "-O2", "-include", "<(module_root_dir)/compat.h"],
      "libraries": [
        "-Wl,--whole-archive", "/usr/lib/x86_64-linux-gnu/libfaiss.a", "-Wl,--no-whole-archive",
        "-lopenblas", "-llapack", "-fopenmp"
      ]
    }
  ]
}
