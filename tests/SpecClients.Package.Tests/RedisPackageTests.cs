using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using Shouldly;
using SpecClients.Package.Tests.Support;
using Xunit;

namespace SpecClients.Package.Tests;

/// <summary>
/// The optional package SpecClients.StackExchangeRedis (src/SpecClients.Runtime.StackExchangeRedis): packed with this
/// run's version into the same private feed, it must depend on that exact SpecClients and carry its library for both
/// frameworks, nothing of the generator.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class RedisPackageTests(PackageFixture fixture)
{
    [Fact]
    public async Task RedisPackageDependsOnTheSameSpecClientsAndCarriesItsLibraryForBothFrameworks()
    {
        var project = Path.Combine(Repository.Root, "src", "SpecClients.Runtime.StackExchangeRedis", "SpecClients.Runtime.StackExchangeRedis.csproj");
        var result = await Command.DotNetAsync(Repository.Root,
        [
            "pack", project,
            "-c", "Release",
            "-o", fixture.Feed,
            "--artifacts-path", Path.Combine(fixture.WorkRoot, "redis-pack-artifacts"),
            "-p:Version=" + fixture.Version,
            "-nodeReuse:false",
        ]);
        result.ExitCode.ShouldBe(0, result.Describe());
        var nupkg = Path.Combine(fixture.Feed, "SpecClients.StackExchangeRedis." + fixture.Version + ".nupkg");
        File.Exists(nupkg).ShouldBeTrue(nupkg);

        using var zip = ZipFile.OpenRead(nupkg);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        entries.ShouldContain("lib/netstandard2.0/SpecClients.Runtime.StackExchangeRedis.dll");
        entries.ShouldContain("lib/net8.0/SpecClients.Runtime.StackExchangeRedis.dll");
        entries.ShouldContain("lib/net8.0/SpecClients.Runtime.StackExchangeRedis.xml");
        entries.ShouldNotContain(e => e.StartsWith("analyzers/", StringComparison.Ordinal));
        entries.ShouldNotContain(e => e.EndsWith("SpecClients.Runtime.dll", StringComparison.Ordinal), "the runtime comes from the SpecClients package");

        using var stream = zip.GetEntry("SpecClients.StackExchangeRedis.nuspec")!.Open();
        var nuspec = XDocument.Load(stream);
        var ns = nuspec.Root!.GetDefaultNamespace();
        var groups = nuspec.Root.Element(ns + "metadata")!.Element(ns + "dependencies")!.Elements(ns + "group").ToList();
        groups.Select(g => g.Attribute("targetFramework")!.Value).Order(StringComparer.Ordinal).ToArray().ShouldBe(new[] { ".NETStandard2.0", "net8.0" });
        foreach (var group in groups)
        {
            var dependencies = group.Elements(ns + "dependency").ToDictionary(d => d.Attribute("id")!.Value, d => d.Attribute("version")!.Value);
            dependencies.ShouldContainKey("SpecClients");
            dependencies["SpecClients"].ShouldBe(fixture.Version);
            dependencies.ShouldContainKey("StackExchange.Redis");
            dependencies.ShouldContainKey("Microsoft.Extensions.Caching.StackExchangeRedis");
        }
    }
}
