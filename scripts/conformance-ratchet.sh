#!/usr/bin/env bash
# The conformance ratchet: every case listed in tests/conformance/exact-cases.txt
# must replay bit-exact against ALE's golden traces. The list only grows.
set -euo pipefail
cd "$(dirname "$0")/.."
traces=${ATARI_CONFORMANCE_DIR:-../shared/conformance/traces}
if [ ! -d "$traces" ]; then
  echo "conformance-ratchet: no traces at $traces (set ATARI_CONFORMANCE_DIR)" >&2
  exit 1
fi
build/atari-gym conformance --expect-exact tests/conformance/exact-cases.txt "$traces"
