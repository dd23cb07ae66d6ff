#!/usr/bin/env bash
# Checks that the learning test catches learning bugs: runs it once normally
# (must pass) and once with each planted fault (must fail). Not part of CI
# (a faulty case runs its whole 12,000 steps, 3-5 minutes on one core);
# docs/agent.md records the results.
#   scripts/planted-faults.sh [BUILD_DIR]
set -uo pipefail
build=${1:-build}
test_bin="$build/test_agent_learning"
[ -x "$test_bin" ] || { echo "planted-faults: $test_bin not built" >&2; exit 2; }
status=0
run() {  # name, expected (pass|fail)
  local out rc
  out=$(AG_PLANT_FAULT="$1" "$test_bin" 2>&1); rc=$?
  local got=pass; [ $rc -ne 0 ] && got=fail
  printf '%-16s %-5s (want %s)\n' "${1:-none}" "$got" "$2"
  grep '^corridor:' <<<"$out" | sed 's/^/    /'   # one line per case of the test
  [ "$got" = "$2" ] || status=1
}
run "" pass
run no_target_sync fail
run td_sign fail
run gamma0 fail
exit $status
