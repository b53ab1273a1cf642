using System.Linq;
using SpecClients.Generator.Tests.Infrastructure;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Generator.Tests;

/// <summary>The generated sources of each provider spec, checked in, so that any change shows as a diff.</summary>
public sealed class SnapshotTests
{
    [Theory]
    [MemberData(nameof(ProviderSpecTests.ProviderSpecs), MemberType = typeof(ProviderSpecTests))]
    public void GeneratedSourcesMatchSnapshots(string spec)
    {
        var result = GeneratorHarness.RunRepositorySpecs(spec);
        var combined = string.Join(
            "\n",
            result.Sources.OrderBy(s => s.HintName, System.StringComparer.Ordinal).Select(s => "//// " + s.HintName + "\n" + s.SourceText));

        Snapshot.Verify(System.IO.Path.GetFileNameWithoutExtension(spec), combined);
    }
}
