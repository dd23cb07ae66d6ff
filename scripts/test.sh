#!/usr/bin/env bash
# The test suite: unit tests (ctest) and the conformance ratchet against ALE's golden traces.
set -euo pipefail
cd "$(dirname "$0")/.."
# Tests run two at a time; LibTorch's OpenMP threads must not spin on a core
# another test needs (two spinning processes slow each other many times over).
export OMP_WAIT_POLICY=PASSIVE
# The README's `pip install .` route, into a fresh venv (tests/python/test_pip_install.py, ~2 min).
export AG_TEST_PIP_INSTALL=${AG_TEST_PIP_INSTALL:-1}
ctest --test-dir build --output-on-failure -j2
scripts/conformance-ratchet.sh
