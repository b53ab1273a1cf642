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
    private const string ReadyToRun = "readytorun/linux-x64/";

    /// <summary>crossgen2 writes the target OS into the PE machine field: AMD64 xor 0x7B79 for Linux.</summary>
    private const ushort LinuxMachineMarker = 0x7B79;

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

        // build/ and buildTransitive/ carry the repository's one props and one targets file, byte for byte (reused, not forked).
        foreach (var source in new[] { Repository.Props, Repository.Targets })
        {
            var content = await File.ReadAllBytesAsync(source);
            foreach (var folder in new[] { "build", "buildTransitive" })
            {
                var name = folder + "/" + Path.GetFileName(source);
                var entry = zip.GetEntry(name);
                entry.ShouldNotBeNull($"{name} is missing");
                Bytes(entry).ShouldBe(content, $"{name} differs from {source}");
            }
        }

        // NU5100 is silenced for the ReadyToRun images: no other assembly may land outside the folders NuGet knows.
        entries.Where(e => e.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .ShouldAllBe(e => e.StartsWith("lib/", StringComparison.Ordinal) || e.StartsWith(Analyzers, StringComparison.Ordinal) || e.StartsWith(ReadyToRun, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadyToRunImagesOfTheSameGeneratorFilesShipBesideThePortableIlBuilds()
    {
        var package = await _fixture.PackAsync();
        using var zip = ZipFile.OpenRead(package.Path);
        var portable = zip.Entries.Where(e => e.FullName.StartsWith(Analyzers, StringComparison.Ordinal)).ToDictionary(e => e.Name, StringComparer.Ordinal);
        var images = zip.Entries.Where(e => e.FullName.StartsWith(ReadyToRun, StringComparison.Ordinal)).ToDictionary(e => e.Name, StringComparer.Ordinal);

        images.Keys.Order(StringComparer.Ordinal).ShouldBe(portable.Keys.Order(StringComparer.Ordinal), "one image for each portable analyzer file, no more");
        foreach (var (name, entry) in portable)
        {
            var il = PeFacts.Read(Bytes(entry));
            var image = PeFacts.Read(Bytes(images[name]));

            // What NuGet hands every compiler must load anywhere: IL only, no native code, no machine.
            il.IsReadyToRun.ShouldBeFalse($"{Analyzers}{name} must stay portable IL");
            il.IsIlOnly.ShouldBeTrue($"{Analyzers}{name}");
            il.Machine.ShouldBe(Machine.I386, $"{Analyzers}{name}: AnyCPU");

            // The image: ReadyToRun code for Linux x64 (the machine field is AMD64 xor'ed with crossgen2's Linux
            // marker, so no other OS mistakes it for its own), over the very same assembly (identity and MVID).
            image.IsReadyToRun.ShouldBeTrue($"{ReadyToRun}{name} carries no ReadyToRun header");
            image.Machine.ShouldBe((Machine)((ushort)Machine.Amd64 ^ LinuxMachineMarker), $"{ReadyToRun}{name} is not a linux-x64 image");
            image.Identity.ShouldBe(il.Identity, $"{ReadyToRun}{name} is not an image of {Analyzers}{name}");
            image.Mvid.ShouldBe(il.Mvid, $"{ReadyToRun}{name} was compiled from another build than {Analyzers}{name}");
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

    private static byte[] Bytes(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>What the PE and metadata headers of one assembly say.</summary>
    private sealed record PeFacts(Machine Machine, bool IsIlOnly, bool IsReadyToRun, string Identity, Guid Mvid)
    {
        public static PeFacts Read(byte[] bytes)
        {
            using var pe = new PEReader(new MemoryStream(bytes));
            var headers = pe.PEHeaders;
            var cor = headers.CorHeader!;
            var reader = pe.GetMetadataReader();
            var definition = reader.GetAssemblyDefinition();
            var mvid = reader.GetGuid(reader.GetModuleDefinition().Mvid);

            // A ReadyToRun image points its ManagedNativeHeader at a READYTORUN_HEADER, whose signature is "RTR".
            var isReadyToRun = false;
            if (cor.ManagedNativeHeaderDirectory.Size > 0)
            {
                var header = pe.GetSectionData(cor.ManagedNativeHeaderDirectory.RelativeVirtualAddress).GetContent(0, 4);
                isReadyToRun = BitConverter.ToUInt32(header.AsSpan()) == 0x00525452;
            }

            return new PeFacts(headers.CoffHeader.Machine, (cor.Flags & CorFlags.ILOnly) != 0, isReadyToRun,
                reader.GetString(definition.Name) + ", " + definition.Version, mvid);
        }
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
