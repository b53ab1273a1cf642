using SpecClients.Testing;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Shouldly;

namespace SpecClients.Generator.Tests.Infrastructure;

/// <summary>What tests ask of a generator run's code: the types it declares, and what a probe compiled beside it says.</summary>
internal static class GeneratedCode
{
    /// <summary>The names of the top-level types the generated sources declare, sorted.</summary>
    public static List<string> TypeNames(GenerationResult result) =>
        result.Sources.SelectMany(s => s.SyntaxTree.GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>())
            .Where(d => d.Parent is BaseNamespaceDeclarationSyntax)
            .Select(d => d.Identifier.ValueText)
            .OrderBy(n => n, System.StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Emits the compilation (generated code and a probe source that declares <c>Probe.Checks.Run()</c> returning its
    /// failures), runs the probe in a collectible load context and returns what it reported.
    /// </summary>
    public static string RunProbe(GenerationResult result, string contextName)
    {
        result.CompileDiagnostics.ShouldBeEmpty(string.Join("\n", result.CompileDiagnostics.Take(20)));
        using var image = new MemoryStream();
        var emitted = result.Compilation.Emit(image);
        emitted.Success.ShouldBeTrue(string.Join("\n", emitted.Diagnostics.Take(20)));

        var context = new AssemblyLoadContext(contextName, isCollectible: true);
        try
        {
            image.Position = 0;
            var checks = context.LoadFromStream(image).GetType("Probe.Checks", throwOnError: true)!;
            return (string)checks.GetMethod("Run")!.Invoke(null, null)!;
        }
        finally
        {
            context.Unload();
        }
    }
}
