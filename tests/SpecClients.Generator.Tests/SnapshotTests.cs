using SpecClients.Testing;
using SpecClients.Generator.Tests.Infrastructure;
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

        Snapshot.Verify(System.IO.Path.GetFileNameWithoutExtension(spec), result.Sources);
    }
}
