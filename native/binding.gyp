# The ipmi_dev addon: the Linux IPMI device interface (/dev/ipmi0) for `-I open`.
# Built by native/install.mjs (npm's install step, never fatal) or `node-gyp rebuild` here.
{
  "targets": [
    {
      "target_name": "ipmi_dev",
      "sources": ["src/ipmi_dev.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_DISABLE_CPP_EXCEPTIONS"],
      "cflags_cc": ["-std=c++17", "-Wall", "-Wextra"],
      # The C++ runtime linked in: the single executable (Bun) does not bring libstdc++ along, and a
      # target (the QEMU guest, a minimal host) may not have it; the addon then needs only libc.
      "ldflags": ["-static-libstdc++", "-static-libgcc", "-Wl,--exclude-libs,ALL"]
    }
  ]
}
