#!/usr/bin/env bash
# What a consumer's build pays for a spec: `dotnet build` of a fresh project that uses SpecClients as users do (a
# PackageReference to this checkout, packed by local-package.sh), without any spec and with one spec (Stripe by default).
# Each variant is restored and built once (not timed), then rebuilt twice after touching Program.cs (timed), so the
# timed builds are "one C# file changed": MSBuild's up-to-date checks, then the compiler runs the generator on the
# spec and compiles the consumer with everything generated.
# (Before the third session of issue 15 the projects referenced the generator and runtime projects, so the compiler ran
# the generator's IL build; docs/performance.md's figures say which.)
# The generator's own share is measured in process by the benchmarks (docs/performance.md).
# A third variant generates only the operations in $SELECT (SpecClients_Operations; by default seven common Stripe
# operations), to show what selecting operations saves.
# Usage: [SELECT='opId;opId'] tools/SpecClients.Benchmarks/consumer-build.sh [spec] [extra dotnet build arguments...]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
spec=$(realpath "${1:-$repo/../shared/corpus/stripe-spec3.yaml}")
shift || true
work=$(mktemp -d /tmp/specclients-consumer.XXXXXX)
source "$repo/tools/SpecClients.Benchmarks/local-package.sh"
cleanup() {
  local_package_remove
  if [ -z "${KEEP:-}" ]; then rm -rf "$work"; fi
}
trap cleanup EXIT
if [ -n "${KEEP:-}" ]; then echo "keeping $work"; fi
echo "packing SpecClients $local_package_version"
local_package_pack "$repo" "$work"

make_project() {
  local dir=$1 items=$2
  local_package_project "$dir" Exe "$items"
  printf 'namespace Consumer;\ninternal static class Program { private static void Main() { } }\n' > "$dir/Program.cs"
}

make_project "$work/none" ""
make_project "$work/spec" "    <AdditionalFiles Include=\"$spec\" SpecClients_Spec=\"true\" />"
select=${SELECT:-GetCustomersCustomer;PostCustomers;PostPaymentIntents;GetPaymentIntentsIntent;PostPaymentIntentsIntentConfirm;PostRefunds;GetCharges}
make_project "$work/selected" "    <AdditionalFiles Include=\"$spec\" SpecClients_Spec=\"true\" SpecClients_Operations=\"$select\" />"

echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for variant in none spec selected; do
  dir=$work/$variant
  dotnet build "$dir/Consumer.csproj" -c Release "$@" > "$dir/first.log" 2>&1 || true
  for round in 1 2; do
    touch "$dir/Program.cs"
    start=$(date +%s.%N)
    status=0
    dotnet build "$dir/Consumer.csproj" -c Release --no-restore "$@" > "$dir/build.log" 2>&1 || status=$?
    end=$(date +%s.%N)
    errors=$(grep -oE ": error [A-Z]+[0-9]+" "$dir/build.log" | sort -u | wc -l || true)
    printf '%s round %s: %.1f s, exit %s, %s distinct error ids\n' "$variant" "$round" "$(awk "BEGIN{print $end - $start}")" "$status" "$errors"
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
