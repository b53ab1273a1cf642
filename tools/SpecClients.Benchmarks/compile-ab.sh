#!/usr/bin/env bash
# What the C# compiler alone spends on generated code, A against B: the SDK's own compiler (csc), with the options a
# consumer's Release build passes it (captured once from a real `dotnet build`), run on folders of generated sources
# such as the CLI writes (`SpecClients.Cli spec outdir`), alternately, ROUNDS times each. No MSBuild and no generator in
# the timed part, so two versions of the emitters can be compared on the same spec within minutes, and interleaving
# spreads the machine's load over both. Prints wall, user+system CPU and peak memory per run.
# STEADY=1 compiles on one thread (/parallel-) with the workstation, non-concurrent GC: slower than a real build, but
# its CPU time varies by a few percent between identical runs instead of up to 25 %, which is what an A/B of two
# emitter versions needs.
# Every run also prints, from a startup hook built into the work folder, what the compiler allocated
# (GC.GetTotalAllocatedBytes), how long its garbage collections paused it (GC.GetTotalPauseDuration) and how long its
# JIT compiler worked (JitInfo.GetCompilationTime, background tiering included). The allocation repeats within a
# fraction of a percent whatever else the machine does, so it shows exactly how much less the compiler builds after a
# change. It is not its time: on 6 December a change that cut it by 14 % on Stripe left csc's time where it was
# (docs/performance.md), so a change is kept for time only when the times show it. The pause and JIT figures show how
# much of a run went to the runtime rather than to compiling: on Stripe's code 2-2.6 s of GC pauses and 12-16 s in the
# JIT, compiling the compiler itself (on a busy machine JitInfo counts wall time in the JIT, not CPU alone).
# csc inherits this script's environment: DOTNET_TieredPGO=0 before the command measures what a build with
# CscEnvironment=DOTNET_TieredPGO=0 gets (docs/performance.md, "The compiler's own JIT").
# ANALYZERS=0 leaves out the SDK's analyzers and source generators a consumer's build runs (to see the compiler alone).
# CSC_ARGS adds compiler arguments to every run, e.g. CSC_ARGS=/doc:/tmp/doc.xml for a build that writes the XML
# documentation file (GenerateDocumentationFile), which makes the compiler parse and check every doc comment.
# Usage: [ROUNDS=2] [STEADY=1] [ANALYZERS=0] [CSC_ARGS=...] tools/SpecClients.Benchmarks/compile-ab.sh <generated-dir-A> <generated-dir-B> [more dirs...]
# Each folder is compiled against this checkout's SpecClients.Runtime (build it in Release first if the generated code
# needs a newer runtime API than the older folder).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 <generated-dir> [generated-dir...]" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq time >/dev/null; }
work=$(mktemp -d /tmp/specclients-compile-ab.XXXXXX)
trap 'rm -rf "$work"' EXIT
[ -n "${KEEP:-}" ] && trap - EXIT && echo "keeping $work"

# A consumer library holding one trivial file, built once with detailed logging to learn csc's command line.
mkdir -p "$work/capture"
cat > "$work/capture/Capture.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$repo/src/SpecClients.Runtime/SpecClients.Runtime.csproj" />
  </ItemGroup>
</Project>
XML
echo 'namespace Capture; internal static class Marker { }' > "$work/capture/Marker.cs"
dotnet build "$work/capture/Capture.csproj" -c Release -v:d -nodeReuse:false > "$work/capture.log" 2>&1 || { tail -20 "$work/capture.log"; exit 1; }
python3 - "$work" <<'PY'
import shlex, sys
work = sys.argv[1]
line = next(l for l in open(f"{work}/capture.log") if "bincore/csc " in l and "Capture.dll" in l)
args = shlex.split(line.strip())[1:]
kept = []
for a in args:
    if a.endswith("Marker.cs") or a == "/noconfig":
        continue
    if a.startswith("/out:"):
        a = f"/out:{work}/out.dll"
    elif a.startswith("/refout:"):
        a = f"/refout:{work}/ref.dll"
    elif not a.startswith("/") and a.endswith(".cs"):
        a = f"{work}/capture/{a}"
    elif a.startswith("/analyzerconfig:obj/"):
        a = "/analyzerconfig:" + f"{work}/capture/" + a[len("/analyzerconfig:"):]
    kept.append(a)
# csc response files take double quotes, and only around an argument with a space.
if __import__("os").environ.get("ANALYZERS") == "0":
    kept = [a for a in kept if not a.startswith("/analyzer:")]
open(f"{work}/options.rsp", "w").write("\n".join(f'"{a}"' if " " in a else a for a in kept))
PY
csc=$(grep -m1 -oE '/usr/[^ ]*/Roslyn/bincore/csc' "$work/capture.log")
echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); compiler: $csc.dll"
steady=()
if [ -n "${STEADY:-}" ]; then
  export DOTNET_gcServer=0 DOTNET_gcConcurrent=0
  steady=(/parallel-)
fi
# A startup hook that reports, as the compiler exits, what it allocated, its GC pauses and its JIT time.
mkdir -p "$work/hook"
cat > "$work/hook/RunReport.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>disable</ImplicitUsings>
  </PropertyGroup>
</Project>
XML
cat > "$work/hook/StartupHook.cs" <<'CS'
using System;
using System.Globalization;

internal static class StartupHook
{
    public static void Initialize() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        System.IO.File.WriteAllText(
            Environment.GetEnvironmentVariable("RUN_REPORT")!,
            string.Format(
                CultureInfo.InvariantCulture,
                "{0:F1} MiB allocated, GC pauses {1:F2} s, JIT {2:F2} s",
                GC.GetTotalAllocatedBytes(precise: true) / 1048576.0,
                GC.GetTotalPauseDuration().TotalSeconds,
                System.Runtime.JitInfo.GetCompilationTime().TotalSeconds));
}
CS
dotnet build "$work/hook/RunReport.csproj" -c Release -o "$work/hook/bin" -nodeReuse:false > "$work/hook.log" 2>&1 \
  || { tail -20 "$work/hook.log"; exit 1; }
hook=(env "DOTNET_STARTUP_HOOKS=$work/hook/bin/RunReport.dll" "RUN_REPORT=$work/report.txt")
read -r -a extra <<< "${CSC_ARGS:-}"
for round in $(seq "${ROUNDS:-2}"); do
  for dir in "$@"; do
    ls "$(realpath "$dir")"/*.cs > "$work/files.rsp"
    rm -f "$work/report.txt"
    result=$( { /usr/bin/time -f '%e s wall, %U+%S s CPU, %M KB' "${hook[@]}" dotnet "$csc.dll" "@$work/options.rsp" "${steady[@]}" "${extra[@]}" "@$work/files.rsp" > "$work/csc.out"; } 2>&1 || true)
    if [ -s "$work/report.txt" ]; then result="$result, $(cat "$work/report.txt")"; fi
    errors=$(grep -cE '(^|: )error CS' "$work/csc.out" || true)
    warnings=$(grep -cE '(^|: )warning CS' "$work/csc.out" || true)
    printf 'round %s  %-40s %s, %s errors, %s warnings\n' "$round" "$dir" "$result" "$errors" "$warnings"
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
