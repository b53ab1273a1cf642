#!/usr/bin/env bash
# The generator's cold time inside the compiler (issue 15, point 3), as a ratio to an earlier version measured in the
# same run, so that the answer does not depend on how fast the machine is that day.
#
# Packs this checkout and BASE (a commit; by default 8cc4f5d, main when issue 15 was filed, whose generator the issue
# timed at 1.6 s on Stripe) as two versions of the SpecClients package, builds one class library per version with the
# spec as AdditionalFiles (Stripe by default), and then, ROUNDS times, interleaved:
#   csc            a build with a fresh compiler process (UseSharedCompilation=false, as CI images and this machine run)
#   server first   the first build of a new compiler server (its own SharedCompilationId)
#   server next    the second build in that server
# each after touching one C# file. Then, REFONLY_ROUNDS times (10 by default), interleaved:
#   csc refonly    the csc builds' own compiler command line run again with /refonly: the compiler runs the generators
#                  as before, then skips method bodies, so a run takes seconds rather than minutes and enough runs can
#                  be made to see past the machine's noise (the cold generator run is the same work: generators run
#                  before any method body is compiled)
# The figure is the compiler's own "generator running time" of SpecClientsGenerator (-p:ReportAnalyzer=true,
# /reportanalyzer). Prints every run, then the medians, the ratio of the medians (HEAD / BASE) and the median of the
# per-round ratios per kind of build; the issue's goal (under 1.0 s where the baseline took 1.6 s) is a ratio of at
# most 0.625. Each full build compiles the whole generated client, so a round on Stripe takes several minutes.
# Usage: [ROUNDS=3] [REFONLY_ROUNDS=10] [BASE=<commit>] [KEEP=1] tools/SpecClients.Benchmarks/generator-in-compiler.sh [spec]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
spec=$(realpath "${1:-$repo/../shared/corpus/stripe-spec3.yaml}")
base=${BASE:-8cc4f5d}
rounds=${ROUNDS:-3}
refonly_rounds=${REFONLY_ROUNDS:-10}
work=$(mktemp -d /tmp/specclients-incompiler.XXXXXX)
source "$repo/tools/SpecClients.Benchmarks/local-package.sh"
base_version=$local_package_version.base
servers=()
cleanup() {
  for id in "${servers[@]}"; do pkill -f "$id" 2>/dev/null || true; done
  git -C "$repo" worktree remove --force "$work/base-src" 2>/dev/null || true
  local_package_remove
  if [ -n "$local_package_cache" ]; then rm -rf "$local_package_cache/specclients/$base_version"; fi
  if [ -z "${KEEP:-}" ]; then rm -rf "$work"; fi
}
trap cleanup EXIT
if [ -n "${KEEP:-}" ]; then echo "keeping $work"; fi

echo "packing this checkout as $local_package_version"
local_package_pack "$repo" "$work"
echo "packing $base as $base_version"
git -C "$repo" worktree add --detach "$work/base-src" "$base" > /dev/null 2>&1
local_package_pack "$work/base-src" "$work" "$base_version" pack-base

make_library() { # folder version
  local_package_project "$1" Library "    <AdditionalFiles Include=\"$spec\" SpecClients_Spec=\"true\" />" "$2"
  printf 'namespace Library;\n\ninternal static class Touched\n{\n}\n' > "$1/Touched.cs"
  dotnet build "$1/Consumer.csproj" -c Release -nodeReuse:false -p:UseSharedCompilation=false > "$1/first.log" 2>&1 \
    || { tail -20 "$1/first.log" >&2; exit 1; }
}
make_library "$work/head" "$local_package_version"
make_library "$work/base" "$base_version"

# One timed build: prints the generator's running time in seconds, or "-" when the compiler reported none.
generator_time() { # folder log build-arguments...
  local dir=$1 log=$2
  shift 2
  touch "$dir/Touched.cs"
  dotnet build "$dir/Consumer.csproj" -c Release --no-restore -nodeReuse:false -p:ReportAnalyzer=true -v:d "$@" > "$log" 2>&1 || true
  awk '$3 == "SpecClients.Generator.SpecClientsGenerator" { print $1; found = 1; exit } END { if (!found) print "-" }' "$log"
}

echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); spec $(basename "$spec")"
results=$work/results.tsv
: > "$results"
for round in $(seq 1 "$rounds"); do
  for version in base head; do
    t=$(generator_time "$work/$version" "$work/$version/csc.log" -p:UseSharedCompilation=false)
    printf '%s\tcsc\t%s\n' "$version" "$t" >> "$results"
    echo "round $round  $version  csc           $t s"
  done
  for version in base head; do
    id=specclients-incompiler-$version-$round-$$
    servers+=("$id")
    first=$(generator_time "$work/$version" "$work/$version/server1.log" -p:UseSharedCompilation=true "-p:SharedCompilationId=$id")
    next=$(generator_time "$work/$version" "$work/$version/server2.log" -p:UseSharedCompilation=true "-p:SharedCompilationId=$id")
    pkill -f "$id" 2>/dev/null || true
    printf '%s\tserver first\t%s\n%s\tserver next\t%s\n' "$version" "$first" "$version" "$next" >> "$results"
    echo "round $round  $version  server first  $first s, next $next s"
  done
done

# The compiler command line of a version's csc build (from its detailed log), as an executable and a response file
# that writes a reference assembly only, into a folder of its own.
refonly_command() { # folder
  local dir=$1 line
  line=$(grep -m1 -E '^[[:space:]]*[^[:space:]]*csc(\.exe|\.dll)? .*/noconfig' "$dir/csc.log" | sed -E 's/^[[:space:]]+//')
  [ -n "$line" ] || { echo "no compiler command line in $dir/csc.log" >&2; exit 1; }
  printf '%s\n' "${line%% *}" > "$dir/refonly.exe"
  mkdir -p "$dir/refonly"
  printf '%s\n' "${line#* }" | sed -E "s#(^| )/noconfig( |\$)#\1#; s#(^| )/refout:[^ ]*##; s#(^| )/out:[^ ]*#\1/out:$dir/refonly/Consumer.dll#" > "$dir/refonly.rsp"
}
refonly_time() { # folder log
  (cd "$1" && "$(cat refonly.exe)" /noconfig "@refonly.rsp" /refonly /reportanalyzer > "$2" 2>&1) || true
  awk '$3 == "SpecClients.Generator.SpecClientsGenerator" { print $1; found = 1; exit } END { if (!found) print "-" }' "$2"
}
refonly_command "$work/base"
refonly_command "$work/head"
for round in $(seq 1 "$refonly_rounds"); do
  for version in base head; do
    t=$(refonly_time "$work/$version" "$work/$version/refonly.log")
    printf '%s\tcsc refonly\t%s\n' "$version" "$t" >> "$results"
    echo "refonly round $round  $version  $t s"
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$results" "$base" <<'PY'
import statistics, sys
rows = [line.rstrip('\n').split('\t') for line in open(sys.argv[1]) if line.strip()]
print(f"\n| build | runs | {sys.argv[2]} (median) | this checkout (median) | ratio of the medians | median of the per-round ratios |")
print("|---|---:|---:|---:|---:|---:|")
for kind in ('csc', 'server first', 'server next', 'csc refonly'):
    def times(version):
        return [float(t.lstrip('<')) if t != '-' else None for v, k, t in rows if v == version and k == kind]  # '<0.001' as 0.001
    old, new = times('base'), times('head')
    median = lambda values: statistics.median([x for x in values if x is not None]) if any(x is not None for x in values) else None
    # Runs are interleaved base, head: the n-th of each were made in the same round.
    rounds = [n / o for o, n in zip(old, new) if o and n]
    show = lambda x: f"{x:.3f} s" if x is not None else "-"
    ratio = f"{median(new) / median(old):.2f}" if median(old) and median(new) else "-"
    per_round = f"{statistics.median(rounds):.2f}" if rounds else "-"
    print(f"| {kind} | {len(rounds)} | {show(median(old))} | {show(median(new))} | {ratio} | {per_round} |")
PY
