#!/usr/bin/env bash
# Runs every fuzz target of attache for a long time, one after the other:
# FUZZTIME each (default 10m; any `go test -fuzztime` value, e.g. 30s or
# 100000x). New crashers land in the package's testdata/fuzz/<Target>/
# as go test writes them: commit them with the fix, so that `go test ./...`
# replays them for ever.
#
#   scripts/fuzz-long.sh                 every target, 10 minutes each
#   FUZZTIME=1m scripts/fuzz-long.sh     every target, 1 minute each
#   scripts/fuzz-long.sh markdown slug   only the targets of these packages
#
# Exit status: 0 if no target failed, 1 otherwise (all targets still run).
set -uo pipefail
cd "$(dirname "$0")/.."

fuzztime="${FUZZTIME:-10m}"

# package target, one per line: every func FuzzX of the module.
targets=$(grep -rl --include='*_test.go' '^func Fuzz' internal cmd 2>/dev/null |
  while read -r f; do
    pkg="./$(dirname "$f")"
    grep -o '^func Fuzz[A-Za-z0-9_]*' "$f" | sed "s|^func |$pkg |"
  done | sort -u)

if [ $# -gt 0 ]; then
  filter=$(printf '%s\n' "$@" | sed 's|^|/|; s|$| |')
  targets=$(printf '%s\n' "$targets" | grep -F -f <(printf '%s\n' "$filter"))
fi
if [ -z "$targets" ]; then
  echo "fuzz-long: no fuzz target found" >&2
  exit 1
fi

failed=()
n=0
while read -r pkg target; do
  n=$((n + 1))
  echo "=== $target in $pkg for $fuzztime"
  if ! go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$pkg"; then
    failed+=("$target ($pkg)")
  fi
done <<< "$targets"

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz-long: ${#failed[@]} of $n targets failed:" >&2
  printf '  %s\n' "${failed[@]}" >&2
  echo "Crashers are in the packages' testdata/fuzz/ folders: fix, then commit them." >&2
  exit 1
fi
echo "fuzz-long: $n targets ran for $fuzztime each without a failure"
