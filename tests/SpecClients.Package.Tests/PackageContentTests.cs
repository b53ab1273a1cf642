using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Threading.Tasks;
using System.Xml.Linq;
using Shouldly;
using SpecClients.Package.Tests.Support;
using Xunit;

namespace SpecClients.Package.Tests;

/// <summary>What the packed SpecClients .nupkg holds: one package with the generator, its libraries, the runtime and the props.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageContentTests
{
    private const string Analyzers = "analyzers/dotnet/cs/";

    private readonly PackageFixture _fixture;

    public PackageContentTests(PackageFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task PackageHoldsTheGeneratorWithItsLibrariesTheRuntimeForBothFrameworksAndTheProps()
    {
        var package = await _fixture.PackAsync();
        using var zip = ZipFile.OpenRead(package.Path);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        entries.Where(e => e.StartsWith(Analyzers, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray().ShouldBe(
            new[] { Analyzers + "Microsoft.OpenApi.dll", Analyzers + "SpecClients.Generator.dll", Analyzers + "YamlDotNet.dll" });
        entries.ShouldContain("lib/netstandard2.0/SpecClients.Runtime.dll");
        entries.ShouldContain("lib/netstandard2.0/SpecClients.Runtime.xml");
        entries.ShouldContain("lib/net8.0/SpecClients.Runtime.dll");
        entries.ShouldContain("lib/net8.0/SpecClients.Runtime.xml");
        entries.ShouldContain("README.md");
        entries.ShouldNotContain(e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generator", StringComparison.Ordinal));

        // build/ and buildTransitive/ carry the repository's one props file, byte for byte (reused, not forked).
        var props = await File.ReadAllBytesAsync(Repository.Props);
        foreach (var folder in new[] { "build", "buildTransitive" })
        {
            var entry = zip.GetEntry(folder + "/SpecClients.props");
            entry.ShouldNotBeNull($"{folder}/SpecClients.props is missing");
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            copy.ToArray().ShouldBe(props, $"{folder}/SpecClients.props differs from src/SpecClients.Generator/build/SpecClients.props");
        }
    }

    [Fact]
    public async Task EveryAssemblyTheGeneratorReferencesIsShippedBesideItOrProvidedByTheCompiler()
    {
        var package = await _fixture.PackAsync();
        using var zip = ZipFile.OpenRead(package.Path);
        var shipped = zip.Entries.Where(e => e.FullName.StartsWith(Analyzers, StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.Ordinal)).ToList();
        var shippedNames = shipped.Select(e => Path.GetFileNameWithoutExtension(e.Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var missing = new List<string>();
        foreach (var entry in shipped)
        {
            foreach (var reference in AssemblyReferences(entry))
            {
                if (!shippedNames.Contains(reference) && !ProvidedByTheCompilerHost(reference))
                {
                    missing.Add($"{entry.Name} -> {reference}");
                }
            }
        }

        missing.ShouldBeEmpty("the compiler would fail to load these (CS8784/CS8785 in every consumer)");
    }

    [Fact]
    public async Task NuspecHasTheMetadataAndTheRuntimeDependenciesForEachFramework()
    {
        var package = await _fixture.PackAsync();
        using var zip = ZipFile.OpenRead(package.Path);
        using var stream = zip.GetEntry("SpecClients.nuspec")!.Open();
        var nuspec = XDocument.Load(stream);
        var ns = nuspec.Root!.GetDefaultNamespace();
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        string Value(string name) => metadata.Element(ns + name)?.Value ?? string.Empty;

        Value("id").ShouldBe("SpecClients");
        Value("version").ShouldBe(package.Version);
        Value("authors").ShouldNotBeNullOrWhiteSpace();
        Value("description").ShouldContain("OpenAPI");
        Value("tags").Split(' ').ShouldContain("openapi");
        Value("tags").Split(' ').ShouldContain("source-generator");
        Value("readme").ShouldBe("README.md");
        var license = metadata.Element(ns + "license")!;
        license.Attribute("type")!.Value.ShouldBe("expression");
        license.Value.ShouldBe("MIT");
        var repository = metadata.Element(ns + "repository")!;
        repository.Attribute("type")!.Value.ShouldBe("git");
        repository.Attribute("url")!.Value.ShouldStartWith("https://");
        metadata.Element(ns + "developmentDependency")?.Value.ShouldNotBe("true", "the package has a runtime library: it must flow to the consumer's output");

        var groups = metadata.Element(ns + "dependencies")!.Elements(ns + "group")
            .ToDictionary(g => g.Attribute("targetFramework")!.Value, g => g.Elements(ns + "dependency").Select(d => d.Attribute("id")!.Value).ToList());
        groups.Keys.Order(StringComparer.Ordinal).ToArray().ShouldBe(new[] { ".NETStandard2.0", "net8.0" });
        foreach (var (framework, ids) in groups)
        {
            ids.ShouldContain("Microsoft.Extensions.Http", framework);
            ids.ShouldContain("Microsoft.Extensions.Options", framework);
            ids.ShouldContain("Microsoft.Extensions.Logging.Abstractions", framework);
            ids.ShouldNotContain(id => id.StartsWith("SpecClients", StringComparison.Ordinal), $"{framework}: a user adds one package, nothing else named SpecClients");
            ids.ShouldNotContain("YamlDotNet", $"{framework}: the generator's libraries ship inside analyzers/, never as dependencies");
            ids.ShouldNotContain("Microsoft.OpenApi", framework);
            ids.ShouldNotContain("Microsoft.CodeAnalysis.CSharp", framework);
        }

        groups[".NETStandard2.0"].ShouldContain("Microsoft.Bcl.TimeProvider");
    }

    private static IEnumerable<string> AssemblyReferences(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        using var pe = new PEReader(copy);
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();
    }

    /// <summary>
    /// What the compiler host loads itself, so an analyzer must not ship it: the framework (System.*, on the .NET
    /// compiler host from the shared framework whatever a package ships) and Roslyn.
    /// </summary>
    private static bool ProvidedByTheCompilerHost(string assembly) =>
        assembly is "netstandard" or "mscorlib"
        || assembly.StartsWith("System.", StringComparison.Ordinal) || assembly == "System"
        || assembly.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
        || assembly.StartsWith("Microsoft.Win32.", StringComparison.Ordinal);
}
