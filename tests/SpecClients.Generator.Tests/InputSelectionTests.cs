using SpecClients.Testing;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Shouldly;
using Xunit;

namespace SpecClients.Generator.Tests;

/// <summary>Which AdditionalFiles are specs, and what their generated code is called.</summary>
public sealed class InputSelectionTests
{
    private static readonly string Torus = File.ReadAllText(RepositoryPaths.Spec("torus.yaml"));

    [Fact]
    public void SpecInTheProjectsSpecsFolderIsNamedAfterItsFile()
    {
        var options = new TestOptionsProvider(new Dictionary<string, string> { ["build_property.ProjectDir"] = "/src/App/", ["build_property.RootNamespace"] = "Contoso.App" });

        var result = GeneratorHarness.Run(new Dictionary<string, string> { ["/src/App/specs/torus.yaml"] = Torus }, options);

        result.Source("torus.TorusClient.g.cs").ShouldContain("namespace Contoso.App.Torus;");
        result.CompileDiagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void YamlOutsideTheSpecsFolderIsIgnoredUnlessMarked()
    {
        var options = new TestOptionsProvider(
            new Dictionary<string, string> { ["build_property.ProjectDir"] = "/src/App/" },
            new Dictionary<string, Dictionary<string, string>> { ["/src/App/api/marked.yaml"] = new() { ["build_metadata.AdditionalFiles.SpecClients_Spec"] = "true" } });

        var result = GeneratorHarness.Run(
            new Dictionary<string, string>
            {
                ["/src/App/config/torus.yaml"] = Torus,
                ["/src/App/other/specs-copy.yaml"] = Torus,
                ["/src/App/api/marked.yaml"] = Torus,
            },
            options);

        result.Sources.Select(s => s.HintName).ShouldAllBe(h => h.StartsWith("marked.", System.StringComparison.Ordinal));
        result.Sources.ShouldNotBeEmpty();
    }

    [Fact]
    public void SpecMarkedFalseIsSkippedEvenInTheSpecsFolder()
    {
        var options = new TestOptionsProvider(
            new Dictionary<string, string> { ["build_property.ProjectDir"] = "/src/App/" },
            new Dictionary<string, Dictionary<string, string>> { ["/src/App/specs/torus.yaml"] = new() { ["build_metadata.AdditionalFiles.SpecClients_Spec"] = "false" } });

        GeneratorHarness.Run(new Dictionary<string, string> { ["/src/App/specs/torus.yaml"] = Torus }, options).Sources.ShouldBeEmpty();
    }

    [Fact]
    public void NamespaceAndClientNameMetadataOverrideTheDefaults()
    {
        var options = new TestOptionsProvider(
            new Dictionary<string, string> { ["build_property.ProjectDir"] = "/src/App/" },
            new Dictionary<string, Dictionary<string, string>>
            {
                ["/src/App/specs/torus.yaml"] = new()
                {
                    ["build_metadata.AdditionalFiles.SpecClients_Namespace"] = "Brokers.Torus",
                    ["build_metadata.AdditionalFiles.SpecClients_ClientName"] = "TradingApi",
                },
            });

        var result = GeneratorHarness.Run(new Dictionary<string, string> { ["/src/App/specs/torus.yaml"] = Torus }, options);

        var client = result.Source("torus.TradingApi.g.cs");
        client.ShouldContain("namespace Brokers.Torus;");
        client.ShouldContain("public sealed partial class TradingApi");
        result.Sources.Select(s => s.HintName).ShouldContain("torus.TradingApiOptions.g.cs");
        result.CompileDiagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void VisibilityInternalMakesEveryGeneratedTypeInternal()
    {
        var options = new TestOptionsProvider(new Dictionary<string, string> { ["build_property.SpecClients_Visibility"] = "internal" });

        var result = GeneratorHarness.Run(new Dictionary<string, string> { ["/project/specs/torus.yaml"] = Torus }, options);

        foreach (var source in result.Sources)
        {
            source.SourceText.ToString().ShouldNotContain("public sealed partial record");
            source.SourceText.ToString().ShouldNotContain("public sealed partial class");
        }

        result.Source("torus.TorusClient.g.cs").ShouldContain("internal sealed partial class TorusClient");
        result.CompileDiagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void TwoSpecsWithTheSameSchemaNameStayApart()
    {
        var kitegateway = File.ReadAllText(RepositoryPaths.Spec("kitegateway.yaml"));
        var faspay = File.ReadAllText(RepositoryPaths.Spec("faspay-sendme.yaml"));

        var result = GeneratorHarness.Run(new Dictionary<string, string> { ["/p/specs/kitegateway.yaml"] = kitegateway, ["/p/specs/faspay-sendme.yaml"] = faspay });

        result.Sources.Select(s => s.HintName).ShouldContain("kitegateway.TokenResponse.g.cs");
        result.Sources.Select(s => s.HintName).ShouldContain("faspay-sendme.TokenResponse.g.cs");
        result.CompileDiagnostics.ShouldBeEmpty();
    }
}
