using SpecClients.Testing;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Shouldly;
using Xunit;

namespace SpecClients.Generator.Tests;

/// <summary>
/// Every generated file keeps nullable annotations on and its nullable warnings off (the consumer's compiler then skips
/// the flow analysis of generated code); the tests put the warnings back, so null-unsafe generated code still fails them.
/// </summary>
public sealed class GeneratedFileHeaderTests
{
    [Fact]
    public void EveryGeneratedFileAnnotatesNullabilityWithoutItsWarnings()
    {
        var result = GeneratorHarness.RunRepositorySpecs("fincart.yaml", "faspay-sendme.yaml");

        result.Sources.ShouldNotBeEmpty();
        result.Sources.ShouldAllBe(s => s.SourceText.ToString().Contains("#nullable enable annotations\n#nullable disable warnings\n"));
        result.CompileDiagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void TheTestsSeeNullableWarningsInCodeUnderTheGeneratedHeader()
    {
        const string code = "#nullable enable annotations\n#nullable disable warnings\nnamespace N;\npublic class C { public string Name = null; }\n";
        var tree = CSharpSyntaxTree.ParseText(code, GeneratorHarness.ParseOptions, "/generated/C.g.cs");
        var compilation = GeneratorHarness.CreateCompilation("HeaderProbe", new[] { tree });

        compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ShouldBeEmpty();
        NullableWarnings.Enable(compilation).GetDiagnostics().Select(d => d.Id).ShouldContain("CS8625");
    }
}
