using SpecClients.Testing;
using System.Linq;
using Microsoft.CodeAnalysis;
using Shouldly;
using Xunit;

namespace SpecClients.Generator.Tests;

public sealed class ProviderSpecTests
{
    public static TheoryData<string> ProviderSpecs => new() { "fincart.yaml", "kitegateway.yaml", "fincode.yaml", "faspay-sendme.yaml", "torus.yaml" };

    [Theory]
    [MemberData(nameof(ProviderSpecs))]
    public void ProviderSpecGeneratesCodeThatCompilesWithoutWarnings(string spec)
    {
        var result = GeneratorHarness.RunRepositorySpecs(spec);

        result.Exception.ShouldBeNull();
        result.SpecDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ShouldBeEmpty();
        result.Sources.ShouldNotBeEmpty();
        result.CompileDiagnostics.ShouldBeEmpty(string.Join("\n", result.CompileDiagnostics.Take(20)));
    }

    [Fact]
    public void AllFiveSpecsTogetherCompileWithoutWarnings()
    {
        var result = GeneratorHarness.RunRepositorySpecs("fincart.yaml", "kitegateway.yaml", "fincode.yaml", "faspay-sendme.yaml", "torus.yaml");

        result.CompileDiagnostics.ShouldBeEmpty(string.Join("\n", result.CompileDiagnostics.Take(20)));
    }
}
