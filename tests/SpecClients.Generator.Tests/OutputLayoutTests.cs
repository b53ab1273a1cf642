using SpecClients.Testing;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Shouldly;
using SpecClients.Generator.Emit;
using SpecClients.Generator.Model;
using Xunit;

namespace SpecClients.Generator.Tests;

/// <summary>A large spec's types share a bounded number of files, and each stays in its file across edits.</summary>
public sealed class OutputLayoutTests
{
    private const int SchemaCount = 300;
    private const string SpecPath = "/project/specs/large.yaml";

    /// <summary>A spec with <see cref="SchemaCount"/> object schemas, one enum and one operation, so that it has a client.</summary>
    private static string LargeSpec(int schemas = SchemaCount, string editedDescription = "A thing.")
    {
        var yaml = new StringBuilder();
        yaml.Append("openapi: 3.0.3\ninfo:\n  title: Large\n  version: '1'\npaths:\n  /things:\n    get:\n      operationId: getThing\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Thing0'\n");
        yaml.Append("components:\n  schemas:\n    Colour:\n      type: string\n      enum: [red, green]\n");
        for (var i = 0; i < schemas; i++)
        {
            yaml.Append("    Thing").Append(i).Append(":\n      type: object\n      description: ").Append(i == 7 ? editedDescription : "A thing.")
                .Append("\n      properties:\n        name:\n          type: string\n        colour:\n          $ref: '#/components/schemas/Colour'\n");
        }

        return yaml.ToString();
    }

    private static (GeneratorDriver Driver, Compilation Compilation, AdditionalText Text) FirstRun(string spec)
    {
        var text = new InMemoryAdditionalText(SpecPath, spec);
        var compilation = GeneratorHarness.CreateCompilation("namespace Consumer; public static class A { }");
        var driver = GeneratorHarness.CreateDriver(new[] { text }).RunGenerators(compilation);
        return (driver, compilation, text);
    }

    [Fact]
    public void ALargeSpecSpreadsItsTypesOverABoundedNumberOfFilesAndStillCompiles()
    {
        var result = GeneratorHarness.Run(new Dictionary<string, string> { [SpecPath] = LargeSpec() });

        result.SpecDiagnostics.ShouldBeEmpty();
        result.CompileDiagnostics.ShouldBeEmpty();
        var typeFiles = result.Sources.Where(s => s.HintName.StartsWith("large.Types", System.StringComparison.Ordinal)).ToList();
        typeFiles.Count.ShouldBeInRange(OutputLayout.MaxTypeFiles / 2, OutputLayout.MaxTypeFiles);
        result.Sources.Count().ShouldBe(typeFiles.Count + 3, string.Join(", ", result.Sources.Select(s => s.HintName)));

        // Every type is declared exactly once across the group files, in the file its name hashes to.
        var declared = typeFiles
            .SelectMany(f => f.SyntaxTree.GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>()
                .Where(d => d.Parent is BaseNamespaceDeclarationSyntax)
                .Select(d => (File: f.HintName, Name: d.Identifier.ValueText)))
            .Where(d => !d.Name.EndsWith("Extensions", System.StringComparison.Ordinal))
            .ToList();
        declared.Select(d => d.Name).OrderBy(n => n).ShouldBe(Enumerable.Range(0, SchemaCount).Select(i => "Thing" + i).Append("Colour").OrderBy(n => n));
        declared.ShouldAllBe(d => d.File == "large.Types" + OutputLayout.GroupOf(d.Name).ToString("00") + ".g.cs");
    }

    [Fact]
    public void ASmallSpecKeepsOneFilePerType()
    {
        var result = GeneratorHarness.Run(new Dictionary<string, string> { [SpecPath] = LargeSpec(schemas: OutputLayout.MaxTypeFiles - 1) });

        result.Sources.Select(s => s.HintName).ShouldContain("large.Thing7.g.cs");
        result.Sources.Select(s => s.HintName).ShouldContain("large.Colour.g.cs");
        result.Sources.ShouldNotContain(s => s.HintName.StartsWith("large.Types", System.StringComparison.Ordinal));
    }

    [Fact]
    public void EditingOneSchemaOfALargeSpecReemitsOnlyItsGroup()
    {
        var (driver, compilation, text) = FirstRun(LargeSpec());
        var first = driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

        driver = driver.ReplaceAdditionalText(text, new InMemoryAdditionalText(SpecPath, LargeSpec(editedDescription: "A thing, edited.")));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        var modified = result.TrackedSteps[TrackingNames.Outputs].SelectMany(r => r.Outputs)
            .Where(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New)
            .Select(o => (OutputSpec)o.Value)
            .ToList();
        modified.Count.ShouldBe(1);
        modified[0].Kind.ShouldBe(OutputPart.TypeGroup);
        modified[0].Group.ShouldBe(OutputLayout.GroupOf("Thing7"));
        var changedFiles = result.GeneratedSources.Where(s => first[s.HintName] != s.SourceText.ToString()).Select(s => s.HintName).ToList();
        changedFiles.ShouldBe(new[] { OutputLayout.HintName(modified[0]) });
    }

    [Fact]
    public void AddingASchemaMovesNoOtherType()
    {
        var before = GeneratorHarness.Run(new Dictionary<string, string> { [SpecPath] = LargeSpec() });
        var after = GeneratorHarness.Run(new Dictionary<string, string> { [SpecPath] = LargeSpec(schemas: SchemaCount + 1) });

        var newcomer = "large.Types" + OutputLayout.GroupOf("Thing" + SchemaCount).ToString("00") + ".g.cs";
        var unchanged = after.Sources.Where(s => s.HintName != newcomer && s.HintName.StartsWith("large.Types", System.StringComparison.Ordinal)).ToList();
        unchanged.ShouldNotBeEmpty();
        unchanged.ShouldAllBe(s => before.Source(s.HintName) == s.SourceText.ToString());
    }

    [Theory]
    [InlineData("Pet", 30)]
    [InlineData("Thing7", 8)]
    [InlineData("", 5)]
    public void GroupsComeFromAHashThatIsTheSameInEveryProcess(string typeName, int group)
    {
        // Fixed values: a per-process hash (string.GetHashCode) would move every type on every compiler restart.
        OutputLayout.GroupOf(typeName).ShouldBe(group);
    }
}
