# Sourced by side-by-side.sh, consumer-build.sh and generator-in-compiler.sh: their SpecClients consumers reference
# this checkout packed as the SpecClients package, as users have it (on linux-x64 the compiler then runs the package's
# ReadyToRun generator, which a project reference to the generator would not give).
#
#   local_package_pack REPO WORK [VERSION NAME]
#                                  packs REPO into WORK/feed under a version used by this run only (or VERSION; NAME
#                                  names its log and artifacts folder in WORK, "pack" by default), and writes
#                                  WORK/nuget.config so that every project below WORK restores from that feed as well
#                                  as the machine's own sources; sets local_package_version and local_package_reference
#                                  (the PackageReference line for a project file)
#   local_package_project DIR TYPE ITEMS VERSION
#                                  writes DIR/Consumer.csproj: a net10.0 project of OutputType TYPE with nullable
#                                  annotations, the item lines ITEMS (e.g. a spec as AdditionalFiles) and a PackageReference
#                                  to SpecClients VERSION (by default local_package_version)
#   local_package_remove           deletes that version from the global packages folder (call it when the run ends)

local_package_version=0.0.0-local.$(date +%s)
local_package_reference="    <PackageReference Include=\"SpecClients\" Version=\"$local_package_version\" />"
local_package_cache=$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')

local_package_pack() {
  local repo=$1 work=$2 version=${3:-$local_package_version} name=${4:-pack}
  dotnet pack "$repo/src/SpecClients.Runtime/SpecClients.Runtime.csproj" -c Release -o "$work/feed" \
    --artifacts-path "$work/$name-artifacts" "-p:Version=$version" -nodeReuse:false > "$work/$name.log" 2>&1 \
    || { tail -30 "$work/$name.log" >&2; return 1; }
  cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="specclients-local" value="$work/feed" />
  </packageSources>
</configuration>
XML
}

local_package_project() {
  local dir=$1 type=$2 items=$3 version=${4:-$local_package_version}
  mkdir -p "$dir"
  cat > "$dir/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>$type</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <SpecClients_IncludeSpecs>false</SpecClients_IncludeSpecs>
    <NoWarn>\$(NoWarn);CS1591</NoWarn>
  </PropertyGroup>
  <ItemGroup>
$items
    <PackageReference Include="SpecClients" Version="$version" />
  </ItemGroup>
</Project>
XML
}

local_package_remove() {
  if [ -n "$local_package_cache" ]; then rm -rf "$local_package_cache/specclients/$local_package_version"; fi
}
