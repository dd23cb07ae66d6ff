#!/usr/bin/env bash
# The test suite: unit tests (ctest) and the conformance ratchet against ALE's golden traces.
set -euo pipefail
cd "$(dirname "$0")/.."
ctest --test-dir build --output-on-failure -j2
scripts/conformance-ratchet.sh
