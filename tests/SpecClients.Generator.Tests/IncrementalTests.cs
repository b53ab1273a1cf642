using SpecClients.Testing;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Shouldly;
using Xunit;

namespace SpecClients.Generator.Tests;

/// <summary>The pipeline caches: unrelated edits re-run nothing, and a spec edit re-emits only that spec's outputs.</summary>
public sealed class IncrementalTests
{
    private static readonly string[] TrackedSteps = { TrackingNames.SpecFiles, TrackingNames.Parsed, TrackingNames.Diagnostics, TrackingNames.Model, TrackingNames.Outputs };

    private static (GeneratorDriver Driver, Compilation Compilation, AdditionalText[] Texts) FirstRun(params string[] specFiles)
    {
        var texts = specFiles
            .Select(f => (AdditionalText)new InMemoryAdditionalText("/project/specs/" + f, File.ReadAllText(RepositoryPaths.Spec(f))))
            .ToArray();
        var compilation = GeneratorHarness.CreateCompilation("namespace Consumer; public static class A { }");
        var driver = GeneratorHarness.CreateDriver(texts).RunGenerators(compilation);
        return (driver, compilation, texts);
    }

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps.TryGetValue(step, out var runs) ? runs.SelectMany(r => r.Outputs).Select(o => o.Reason) : Enumerable.Empty<IncrementalStepRunReason>();

    [Fact]
    public void UnrelatedCSharpEditLeavesEveryStepCached()
    {
        var (driver, compilation, _) = FirstRun("kitegateway.yaml", "torus.yaml");
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Consumer; public static class B { }", GeneratorHarness.ParseOptions));

        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in TrackedSteps)
        {
            var reasons = Reasons(result, step).ToList();
            reasons.ShouldNotBeEmpty(step);
            reasons.ShouldAllBe(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged, step);
        }

        result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs)
            .ShouldAllBe(o => o.Reason == IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void EditingOneSpecRegeneratesOnlyThatSpecsOutputs()
    {
        var (driver, compilation, texts) = FirstRun("kitegateway.yaml", "torus.yaml");
        var torus = texts[1];
        var editedText = torus.GetText()!.ToString().Replace("Success body of getFunds (providers.md).", "Success body of getFunds, as providers.md says.");
        editedText.ShouldNotBe(torus.GetText()!.ToString());
        driver = driver.ReplaceAdditionalText(torus, new InMemoryAdditionalText(torus.Path, editedText));

        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        var outputs = result.TrackedSteps[TrackingNames.Outputs].SelectMany(r => r.Outputs).ToList();
        var changed = outputs.Where(o => o.Reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified).Select(o => o.Value).ToList();
        changed.ShouldNotBeEmpty();
        changed.ShouldAllBe(o => ((SpecClients.Generator.Model.OutputSpec)o).Context.SpecFileName == "torus");
        outputs.Where(o => ((SpecClients.Generator.Model.OutputSpec)o.Value).Context.SpecFileName == "kitegateway")
            .ShouldAllBe(o => o.Reason == IncrementalStepRunReason.Cached || o.Reason == IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void CommentOnlyYamlEditLeavesTheModelUnchanged()
    {
        var (driver, compilation, texts) = FirstRun("kitegateway.yaml");
        var original = texts[0].GetText()!.ToString();
        driver = driver.ReplaceAdditionalText(texts[0], new InMemoryAdditionalText(texts[0].Path, "# A comment added by a reviewer\n" + original.Replace("\ninfo:", "\n# about the API\ninfo:")));

        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        Reasons(result, TrackingNames.SpecFiles).ShouldContain(IncrementalStepRunReason.Modified);
        Reasons(result, TrackingNames.Parsed).ShouldAllBe(r => r == IncrementalStepRunReason.Unchanged);
        Reasons(result, TrackingNames.Model).ShouldAllBe(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged);
        Reasons(result, TrackingNames.Outputs).ShouldAllBe(r => r == IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void EditingOneSchemaReemitsOnlyThatType()
    {
        var (driver, compilation, texts) = FirstRun("torus.yaml");
        var original = texts[0].GetText()!.ToString();
        var edited = original.Replace("The apiSecret generated during merchant onboarding (doc).", "The apiSecret from merchant onboarding (doc).");
        edited.ShouldNotBe(original, "the test edits a property description that torus.yaml must contain");
        driver = driver.ReplaceAdditionalText(texts[0], new InMemoryAdditionalText(texts[0].Path, edited));

        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        var modified = result.TrackedSteps[TrackingNames.Outputs].SelectMany(r => r.Outputs)
            .Where(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New)
            .ToList();
        modified.Count.ShouldBe(1);
    }
}
