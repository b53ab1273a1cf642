#!/usr/bin/env bash
# SpecClients side by side with NSwag and Kiota on the same specs, in one run, as ratios.
#
# For each spec and each of the three generators it measures
#   generate  the generator as a whole process (start-up included): wall time and peak RSS (/usr/bin/time);
#             SpecClients through tools/SpecClients.Cli (the generator driven as the compiler drives it), NSwag's
#             `openapi2csclient` with System.Text.Json, Kiota's `generate -l CSharp`; the tools' own DLLs are run
#             with `dotnet X.dll` as ours is, so `dotnet tool run`'s look-up is not in anyone's time;
#   output    files, lines and characters of the generated C#;
#   compile   `dotnet build` of a class library holding the generated code, after touching one C# file of it: wall
#             time, CPU (user + system) and peak RSS, with the compiler's error and warning counts. For SpecClients
#             the library is a consumer as users have it: a PackageReference to this checkout packed (`dotnet pack`
#             into a feed in the work folder, a version of its own per run), so the generator runs inside that build
#             as the package ships it (on linux-x64 its ReadyToRun images), with the spec as AdditionalFiles. NSwag's
#             and Kiota's files are in the project as sources, with the packages their code needs.
# Every measurement is taken ROUNDS times (default 3), interleaved across the tools (round 1 of each tool, then round
# 2 of each, ...) so that a change of load on a shared machine falls on all of them alike; the tables give medians
# and the ratios of the medians from the same run. A generated client that does not compile is reported with its
# error count, not left out. Where a tool has a documented option around a failure, the run uses it and reports both:
# NSwag gets `/ExcludedParameterNames:` for parameters named with '<' or '>' (parameter-names.py). A client that still
# fails with duplicate member names (CS0102) is timed with those members renamed (repair_duplicates, below).
#
# A spec may name operations after '@' (SPEC@opId;opId): SpecClients gets them as SpecClients_Operations, Kiota as
# `--include-path path#METHOD` for each, and NSwag (no filter of its own that prunes types) a copy of the spec reduced
# to those operations and the components they reach ($ref closure), written by reduce-spec.py beside this script.
#
# Usage: [ROUNDS=n] [KEEP=1] tools/SpecClients.Benchmarks/side-by-side.sh [SPEC[@opId;opId...] ...]
# Default: Stripe, Twilio's 2010 API, and seven common Stripe operations (from ../shared/corpus beside the repository).
# Tool versions are pinned in .config/dotnet-tools.json beside this script and restored by it (`dotnet tool restore`).
# Needs /usr/bin/time (Debian package `time`) and python3 with PyYAML (`python3-yaml`); installs them with apt-get when
# missing and run as root. Prints progress to stderr and the tables (markdown) to stdout.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
rounds=${ROUNDS:-3}
corpus=$repo/../shared/corpus
stripe_selection='GetCustomersCustomer;PostCustomers;PostPaymentIntents;GetPaymentIntentsIntent;PostPaymentIntentsIntentConfirm;PostRefunds;GetCharges'
if [ $# -eq 0 ]; then
  set -- "$corpus/stripe-spec3.yaml" "$corpus/twilio-api-v2010.yaml" "$corpus/stripe-spec3.yaml@$stripe_selection"
fi
tools=(specclients nswag kiota)
declare -A tool_title=([specclients]=SpecClients [nswag]="NSwag 14.8.0" [kiota]="Kiota 1.38.0")

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
# median of the numbers on stdin, and their range in the printf format $1
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { sort -g | awk -v f="$1" 'NR == 1 { lo = $1 } { hi = $1 } END { printf f "–" f, lo, hi }'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# REPORT_ONLY=folder prints the tables again from a run kept with KEEP=1 (what was measured is in its files).
if [ -n "${REPORT_ONLY:-}" ]; then
  work=$REPORT_ONLY
else
# --- measuring: everything down to run.env (the report below reads only files in the work folder) -------------------
work=$(mktemp -d /tmp/specclients-sidebyside.XXXXXX)
# The package this run packs goes from the global packages folder when the run ends, as does the work folder unless
# KEEP is set.
source "$here/local-package.sh"
cleanup() {
  local_package_remove
  if [ -z "${KEEP:-}" ]; then rm -rf "$work"; fi
}
trap cleanup EXIT
if [ -n "${KEEP:-}" ]; then echo "keeping $work" >&2; fi
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)

# --- what the run needs ----------------------------------------------------------------------------------------------
missing=()
[ -x /usr/bin/time ] || missing+=(time)
python3 -c 'import yaml' 2>/dev/null || missing+=(python3 python3-yaml)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    log "installing ${missing[*]}"
    apt-get update -qq > /dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
  else
    echo "side-by-side.sh needs: ${missing[*]} (Debian packages); install them or run as root" >&2
    exit 1
  fi
fi

log "restoring NSwag and Kiota (.config/dotnet-tools.json)"
(cd "$here" && dotnet tool restore > "$work/tool-restore.log" 2>&1) || { cat "$work/tool-restore.log" >&2; exit 1; }
packages=$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')
nswag_dll=$packages/nswag.consolecore/14.8.0/tools/net10.0/any/dotnet-nswag.dll
kiota_dll=$packages/microsoft.openapi.kiota/1.38.0/tools/net10.0/any/kiota.dll
for dll in "$nswag_dll" "$kiota_dll"; do [ -f "$dll" ] || { echo "not found after restore: $dll" >&2; exit 1; }; done
# Kiota asks GitHub for a newer version on every run; without a network that is a failed lookup in its time.
export KIOTA_UPDATE__DISABLED=true

log "building tools/SpecClients.Cli (Release)"
dotnet build "$repo/tools/SpecClients.Cli/SpecClients.Cli.csproj" -c Release -nologo -v q > "$work/cli-build.log" 2>&1 \
  || { cat "$work/cli-build.log" >&2; exit 1; }
cli=$repo/tools/SpecClients.Cli/bin/Release/net10.0/SpecClients.Cli.dll

log "packing SpecClients $local_package_version into $work/feed"
local_package_pack "$repo" "$work"

# --- the cases -------------------------------------------------------------------------------------------------------
cases=()
declare -A case_spec case_ops case_title
for argument in "$@"; do
  spec=$(realpath "${argument%%@*}")
  ops=""
  [[ "$argument" == *@* ]] && ops=${argument#*@}
  [ -f "$spec" ] || { echo "no such spec: $spec" >&2; exit 1; }
  name=$(basename "${spec%.*}")
  [ -n "$ops" ] && name=$name-selection
  id=$(printf '%02d-%s' "${#cases[@]}" "$name")
  cases+=("$id")
  case_spec[$id]=$spec
  case_ops[$id]=$ops
  if [ -n "$ops" ]; then
    case_title[$id]="$(basename "$spec"), $(tr ';' '\n' <<< "$ops" | grep -c .) operations: ${ops//;/, }"
  else
    case_title[$id]="$(basename "$spec") ($(du -k "$spec" | cut -f1) KB), every operation"
  fi
  mkdir -p "$work/$id/results"
  if [ -n "$ops" ]; then
    /usr/bin/time -f '%e' -o "$work/$id/reduce-time.txt" \
      python3 "$here/reduce-spec.py" "$spec" "$work/$id/nswag-input.json" "$ops" "$work/$id/kiota-include.txt" \
      > "$work/$id/reduced.txt"
  fi
  nswag_input=$spec
  if [ -n "$ops" ]; then nswag_input=$work/$id/nswag-input.json; fi
  python3 "$here/parameter-names.py" "$nswag_input" '<>' > "$work/$id/nswag-excluded.txt"
done

# The command that generates case $1 with tool $2 into folder $3, in the array `generator_command`.
generate_command() {
  local id=$1 tool=$2 out=$3 spec=${case_spec[$1]} ops=${case_ops[$1]}
  case $tool in
    specclients)
      generator_command=(dotnet "$cli" "$spec" "$out")
      if [ -n "$ops" ]; then generator_command+=(--operations "$ops"); fi ;;
    nswag | nswag-as-is)
      local input=$spec
      if [ -n "$ops" ]; then input=$work/$id/nswag-input.json; fi
      mkdir -p "$out"
      generator_command=(dotnet "$nswag_dll" openapi2csclient "/Input:$input" "/Output:$out/ApiClient.cs" /Namespace:Bench.Generated
        /ClassName:ApiClient /JsonLibrary:SystemTextJson /GenerateNullableReferenceTypes:true)
      # NSwag's documented way around parameter names it would turn into invalid identifiers (see parameter-names.py);
      # tool "nswag-as-is" is the same without it, built once to report what the code as generated does.
      if [ -s "$work/$id/nswag-excluded.txt" ] && [ "$tool" = nswag ]; then
        generator_command+=("/ExcludedParameterNames:$(cat "$work/$id/nswag-excluded.txt")")
      fi ;;
    kiota)
      generator_command=(dotnet "$kiota_dll" generate -l CSharp -d "$spec" -o "$out" -n Bench.Generated -c ApiClient --clean-output
        --log-level Warning)
      if [ -n "$ops" ]; then
        while read -r pattern; do generator_command+=(--include-path "$pattern"); done < "$work/$id/kiota-include.txt"
      fi ;;
  esac
}

record() { echo "$3" >> "$work/$1/results/$2.$4"; } # case tool value metric

# Runs a command under /usr/bin/time; writes "wall user system maxRSS-KiB" (seconds) as the last line of timefile
# (time puts "Command exited with non-zero status" before it when the command fails).
timed() { # timefile logfile command...
  local timefile=$1 logfile=$2 status=0
  shift 2
  /usr/bin/time -f '%e %U %S %M' -o "$timefile" "$@" > "$logfile" 2>&1 || status=$?
  return $status
}

load_start=$(load)
started=$(date -u '+%Y-%m-%d %H:%M UTC')
log "machine: $(nproc) cores, load $load_start; $rounds rounds; work folder $work"

# --- generation, interleaved ----------------------------------------------------------------------------------------
for round in $(seq 1 "$rounds"); do
  for id in "${cases[@]}"; do
    for tool in "${tools[@]}"; do
      out=$work/$id/gen-$tool
      rm -rf "$out"
      status=0
      generate_command "$id" "$tool" "$out"
      timed "$work/t" "$work/$id/generate-$tool.log" "${generator_command[@]}" || status=$?
      read -r wall user sys rss < <(tail -1 "$work/t")
      record "$id" "$tool" "$wall" gen-wall
      record "$id" "$tool" "$(awk "BEGIN { print $rss / 1024 }")" gen-rss
      echo "$status" > "$work/$id/results/$tool.gen-status"
      log "generate round $round $id $tool: ${wall} s, $((rss / 1024)) MiB, exit $status"
    done
  done
done

# --- what was generated, and the projects that compile it ------------------------------------------------------------
project() { # dir items-xml import-xml
  mkdir -p "$1"
  cat > "$1/Bench.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
$3
  <PropertyGroup>
    <OutputType>Library</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <NoWarn>\$(NoWarn);CS1591</NoWarn>
    <SpecClients_IncludeSpecs>false</SpecClients_IncludeSpecs>
  </PropertyGroup>
  <ItemGroup>
$2
  </ItemGroup>
</Project>
XML
  # The file the timed builds touch: "one C# file of the library changed".
  printf 'namespace Bench;\n\ninternal static class Touched\n{\n}\n' > "$1/Touched.cs"
}

# A compilation with errors stops before emitting, so a client that does not compile would be timed for less work than
# one that does. The one error seen with these specs is CS0102, two members given the same name (NSwag's Stripe code:
# time zones "GMT-0" and "GMT0" both become `GMT0`); those members are renamed where the compiler points (a suffix
# `_Duplicate<line>`), the project built again, and both error counts reported. Any other error stays as it is.
repair_duplicates() { # project folder
  local dir=$1
  grep -oE '^[^ ]+\.cs\([0-9]+,[0-9]+\): error CS0102' "$dir/first-build.log" | sort -u > "$dir/duplicates.txt" || true
  [ -s "$dir/duplicates.txt" ] || return 0
  python3 - "$dir/duplicates.txt" > "$dir/renamed.txt" <<'PY'
import re, sys
edits = {}
for line in open(sys.argv[1]):
    m = re.match(r"(.+\.cs)\((\d+),(\d+)\)", line)
    edits.setdefault(m.group(1), []).append((int(m.group(2)), int(m.group(3))))
for path, places in edits.items():
    lines = open(path, encoding="utf-8").read().split("\n")
    for row, column in places:
        text = lines[row - 1]
        name = re.match(r"@?\w+", text[column - 1:]).group(0)
        lines[row - 1] = text[:column - 1] + f"{name}_Duplicate{row}" + text[column - 1 + len(name):]
        print(name)
    open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
  log "renamed $(wc -l < "$dir/duplicates.txt") duplicate member(s) (CS0102) in $dir; building again"
  dotnet build "$dir/Bench.csproj" -c Release --no-restore -nologo -tl:off > "$dir/repaired-build.log" 2>&1 || true
}

kiota_packages=""
for package in Abstractions Http.HttpClientLibrary Serialization.Json Serialization.Form Serialization.Text Serialization.Multipart; do
  kiota_packages+="    <PackageReference Include=\"Microsoft.Kiota.$package\" Version=\"2.1.6\" />"$'\n'
done

for id in "${cases[@]}"; do
  for tool in "${tools[@]}"; do
    out=$work/$id/gen-$tool
    find "$out" -name '*.cs' -print0 | xargs -0 cat | wc -lm > "$work/$id/results/$tool.size" # lines chars
    find "$out" -name '*.cs' | wc -l > "$work/$id/results/$tool.files"
    dir=$work/$id/build-$tool
    case $tool in
      specclients)
        metadata=""
        [ -n "${case_ops[$id]}" ] && metadata=" SpecClients_Operations=\"${case_ops[$id]}\""
        project "$dir" "    <AdditionalFiles Include=\"${case_spec[$id]}\" SpecClients_Spec=\"true\"$metadata />
$local_package_reference" "" ;;
      nswag)
        project "$dir" "" ""
        cp -r "$out" "$dir/Generated" ;;
      kiota)
        project "$dir" "$kiota_packages" ""
        cp -r "$out" "$dir/Generated"
        rm -f "$dir/Generated/kiota-lock.json" ;;
    esac
    log "first build (restore, not timed) $id $tool"
    dotnet build "$dir/Bench.csproj" -c Release -nologo -tl:off > "$dir/first-build.log" 2>&1 || true
    repair_duplicates "$dir"
  done
  if [ -s "$work/$id/nswag-excluded.txt" ]; then
    log "NSwag without /ExcludedParameterNames, generated and built once: $id"
    generate_command "$id" nswag-as-is "$work/$id/gen-nswag-as-is"
    "${generator_command[@]}" > "$work/$id/generate-nswag-as-is.log" 2>&1 || true
    project "$work/$id/build-nswag-as-is" "" ""
    cp -r "$work/$id/gen-nswag-as-is" "$work/$id/build-nswag-as-is/Generated"
    dotnet build "$work/$id/build-nswag-as-is/Bench.csproj" -c Release -nologo -tl:off \
      > "$work/$id/build-nswag-as-is/first-build.log" 2>&1 || true
  fi
done

# Two baselines, built in the same rounds: an empty library, and the SpecClients consumer without a spec (what the
# package reference and the generator's loading cost before there is anything to generate).
mkdir -p "$work/baseline"
project "$work/baseline/build-empty" "" ""
project "$work/baseline/build-nospec" "$local_package_reference" ""
for variant in empty nospec; do
  log "first build (restore, not timed) baseline $variant"
  dotnet build "$work/baseline/build-$variant/Bench.csproj" -c Release -nologo -tl:off > "$work/baseline/build-$variant/first-build.log" 2>&1 || true
done

# --- compile, interleaved --------------------------------------------------------------------------------------------
# -nodeReuse:false and -m:1: one MSBuild process that ends with the build, so /usr/bin/time's CPU and RSS include the
# compiler (in process: the environment has UseSharedCompilation=false; the script sets it too). No project references
# anything that would be rebuilt (BuildProjectReferences=false stays as a guard).
build_timed() { # case tool
  local dir=$work/$1/build-$2 status=0 wall user sys rss
  touch "$dir/Touched.cs"
  timed "$work/t" "$dir/build.log" dotnet build "$dir/Bench.csproj" -c Release --no-restore -nologo -tl:off \
    -nodeReuse:false -m:1 -p:UseSharedCompilation=false -p:BuildProjectReferences=false || status=$?
  read -r wall user sys rss < <(tail -1 "$work/t")
  mkdir -p "$work/$1/results"
  record "$1" "$2" "$wall" build-wall
  record "$1" "$2" "$(awk "BEGIN { print $user + $sys }")" build-cpu
  record "$1" "$2" "$(awk "BEGIN { print $rss / 1024 }")" build-rss
  echo "$status" > "$work/$1/results/$2.build-status"
  log "build round $round $1 $2: ${wall} s wall, $(awk "BEGIN { print $user + $sys }") s CPU, exit $status"
}
for round in $(seq 1 "$rounds"); do
  build_timed baseline empty
  build_timed baseline nospec
  for id in "${cases[@]}"; do
    for tool in "${tools[@]}"; do
      build_timed "$id" "$tool"
    done
  done
done
load_end=$(load)
declare -p cases case_spec case_ops case_title load_start load_end started commit > "$work/run.env"
fi
# shellcheck disable=SC1091
source "$work/run.env"

# --- report ----------------------------------------------------------------------------------------------------------
# The console logger's summary: "N Warning(s)" and "N Error(s)"; and the distinct diagnostic ids, most frequent first.
summary_count() { grep -E "^ *[0-9]+ $2\(s\)" "$1" | tail -1 | awk '{ print $1 }'; }
# MSBuild prints each diagnostic twice (as it happens and in the summary): identical lines are counted once.
top_ids() { grep -E ": $2 [A-Z]+[0-9]+" "$1" | sort -u | grep -oE ": $2 [A-Z]+[0-9]+" | awk '{ print $3 }' | sort | uniq -c | sort -rn | head -3 | awk '{ printf "%s%s ×%s", (NR > 1 ? ", " : ""), $2, $1 }'; }

cell() { # case tool metric format
  local file=$work/$1/results/$2.$3
  [ -s "$file" ] || { printf '–'; return 0; } # not measured (a run stopped early)
  local m
  m=$(median < "$file")
  if [ "$(wc -l < "$file")" -gt 1 ]; then printf "$4 (%s)" "$m" "$(range "$4" < "$file")"; else printf "$4" "$m"; fi
}
ratio() { # case metric tool
  local ours theirs
  [ -s "$work/$1/results/specclients.$2" ] && [ -s "$work/$1/results/$3.$2" ] || { printf '–'; return 0; }
  ours=$(median < "$work/$1/results/specclients.$2")
  theirs=$(median < "$work/$1/results/$3.$2")
  awk "BEGIN { if ($theirs == 0) print \"–\"; else printf \"%.2f\", $ours / $theirs }"
}
size_ratio() { # case field(1 lines, 2 chars) tool
  awk -v f="$2" 'NR == FNR { a = $f; next } { printf "%.2f", a / $f }' \
    "$work/$1/results/specclients.size" "$work/$1/results/$3.size"
}

# Rounds completed: all of them, unless the run was stopped and REPORT_ONLY reads what it had measured.
rounds=$(cat "$work"/*/results/*.build-wall | wc -l)
rounds=$(( rounds / (${#cases[@]} * ${#tools[@]} + 2) ))
echo "## Side by side: SpecClients, NSwag, Kiota"
echo
echo "$started, commit \`$commit\`, $(nproc) cores, load average (1, 5, 15 min) $load_start at the start, $load_end at the end;"
echo "$rounds interleaved round(s), medians (range in brackets when more than one round)."
echo
echo "Baselines, built in the same rounds (compile, one file touched: wall / CPU): an empty library"
echo "$(cell baseline empty build-wall "%.1f") s / $(cell baseline empty build-cpu "%.1f") s; the SpecClients consumer without a spec"
echo "$(cell baseline nospec build-wall "%.1f") s / $(cell baseline nospec build-cpu "%.1f") s."
for id in "${cases[@]}"; do
  echo
  echo "### ${case_title[$id]}"
  echo
  if [ -n "${case_ops[$id]}" ]; then
    echo "Inputs: SpecClients the whole spec with \`SpecClients_Operations\` (CLI \`--operations\`); Kiota the whole spec with"
    echo "\`--include-path\` $(paste -sd' ' "$work/$id/kiota-include.txt" | sed 's/\([^ ]*\)/`\1`/g');"
    echo "NSwag a copy reduced to those operations and the components they reach ($(sed 's/^reduced: //' "$work/$id/reduced.txt")),"
    echo "made before the run in $(tail -1 "$work/$id/reduce-time.txt" 2>/dev/null || echo '?') s (not counted in NSwag's time)."
    echo
  fi
  echo "| | ${tool_title[specclients]} | ${tool_title[nswag]} | ${tool_title[kiota]} | SpecClients / NSwag | SpecClients / Kiota |"
  echo "|---|---:|---:|---:|---:|---:|"
  row() { # title metric format
    printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$(cell "$id" specclients "$2" "$3")" "$(cell "$id" nswag "$2" "$3")" \
      "$(cell "$id" kiota "$2" "$3")" "$(ratio "$id" "$2" nswag)" "$(ratio "$id" "$2" kiota)"
  }
  row "generate: wall, whole process (s)" gen-wall "%.1f"
  row "generate: peak RSS (MiB)" gen-rss "%.0f"
  printf '| generated: .cs files | %s | %s | %s | | |\n' \
    "$(cat "$work/$id/results/specclients.files")" "$(cat "$work/$id/results/nswag.files")" "$(cat "$work/$id/results/kiota.files")"
  lines() { # with thousands separators
    awk '{ n = $1 ""; out = ""; while (length(n) > 3) { out = "," substr(n, length(n) - 2) out; n = substr(n, 1, length(n) - 3) } print n out }' \
      "$work/$id/results/$1.size"
  }
  chars() { awk '{ printf "%.2f M", $2 / 1e6 }' "$work/$id/results/$1.size"; }
  printf '| generated: lines | %s | %s | %s | %s | %s |\n' "$(lines specclients)" "$(lines nswag)" "$(lines kiota)" \
    "$(size_ratio "$id" 1 nswag)" "$(size_ratio "$id" 1 kiota)"
  printf '| generated: characters | %s | %s | %s | %s | %s |\n' "$(chars specclients)" "$(chars nswag)" "$(chars kiota)" \
    "$(size_ratio "$id" 2 nswag)" "$(size_ratio "$id" 2 kiota)"
  row "compile, one file touched: wall (s)" build-wall "%.1f"
  row "compile: CPU, user + system (s)" build-cpu "%.1f"
  row "compile: peak RSS (MiB)" build-rss "%.0f"
  diagnostics() {
    local buildlog=$work/$id/build-$1/build.log errors warnings
    errors=$(summary_count "$buildlog" Error); warnings=$(summary_count "$buildlog" Warning)
    printf '%s / %s' "${errors:-?}" "${warnings:-?}"
    local error_ids warning_ids
    error_ids=$(top_ids "$buildlog" error)
    warning_ids=$(top_ids "$buildlog" warning)
    [ -n "$error_ids$warning_ids" ] && printf ' (%s)' "$error_ids${error_ids:+${warning_ids:+; }}$warning_ids"
    return 0
  }
  first_errors() { # tool: errors of the code as generated, before any repair or option
    local buildlog=$work/$id/build-$1/first-build.log errors
    if [ "$1" = nswag ] && [ -f "$work/$id/build-nswag-as-is/first-build.log" ]; then
      buildlog=$work/$id/build-nswag-as-is/first-build.log
    fi
    errors=$(summary_count "$buildlog" Error)
    printf '%s' "${errors:-?}"
    local ids
    ids=$(top_ids "$buildlog" error)
    [ -n "$ids" ] && printf ' (%s)' "$ids"
    return 0
  }
  printf '| compile: errors in the code as generated | %s | %s | %s | | |\n' "$(first_errors specclients)" "$(first_errors nswag)" "$(first_errors kiota)"
  printf '| compile: errors / warnings of the timed builds | %s | %s | %s | | |\n' "$(diagnostics specclients)" "$(diagnostics nswag)" "$(diagnostics kiota)"
  if [ -s "$work/$id/nswag-excluded.txt" ]; then
    echo "- ${tool_title[nswag]}: parameters named $(sed 's/[^,]*/`&`/g; s/,/, /g' "$work/$id/nswag-excluded.txt") become invalid C# identifiers"
    echo "  (the code as generated: the errors above); the run uses its documented option \`/ExcludedParameterNames:\` for them,"
    echo "  which leaves them out of the client."
  fi
  for tool in "${tools[@]}"; do
    if [ -s "$work/$id/build-$tool/duplicates.txt" ]; then
      echo "- ${tool_title[$tool]}: the code as generated does not compile (CS0102, duplicate member names); the timed builds"
      echo "  compile it with $(wc -l < "$work/$id/build-$tool/duplicates.txt") duplicate member(s) renamed: $(paste -sd, "$work/$id/build-$tool/renamed.txt" | sed 's/,/, /g')."
    fi
    [ "$(cat "$work/$id/results/$tool.gen-status")" = 0 ] || echo "- ${tool_title[$tool]}: the generator exited with $(cat "$work/$id/results/$tool.gen-status") (log: generate-$tool.log)."
    [ "$(cat "$work/$id/results/$tool.build-status")" = 0 ] || echo "- ${tool_title[$tool]}: the build failed (exit $(cat "$work/$id/results/$tool.build-status")): its compile time is that of a failed build."
  done
done
echo
echo "Commands: SpecClients \`dotnet SpecClients.Cli.dll SPEC OUT [--operations …]\`; NSwag \`openapi2csclient /JsonLibrary:SystemTextJson"
echo "/GenerateNullableReferenceTypes:true\` (one file); Kiota \`generate -l CSharp\`. Compile: \`dotnet build -c Release --no-restore\`"
echo "of a net10.0 class library (Nullable enabled) after touching one C# file; Kiota's library references Microsoft.Kiota.*"
echo "2.1.6 (Abstractions, Http.HttpClientLibrary, Serialization.Json/Form/Text/Multipart), NSwag's only the framework,"
echo "SpecClients' the package packed from the same commit (the generator as the package ships it, ReadyToRun on linux-x64)."
