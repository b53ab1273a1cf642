using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SpecClients.Testing;

/// <summary>
/// Generated files turn their nullable warnings off (<c>#nullable disable warnings</c>, as System.Text.Json's generated
/// code does), so that a consumer's compiler skips the flow analysis of code nobody edits. Tests turn them back on
/// before they ask the compiler for warnings, so that generated code that would warn still fails a test.
/// </summary>
public static class NullableWarnings
{
    /// <summary>The directive every generated file carries.</summary>
    public const string GeneratedDirective = "#nullable disable warnings";

    /// <summary>The tree with the generated directive switched to <c>#nullable enable warnings</c>; other trees as they are.</summary>
    public static SyntaxTree Enable(SyntaxTree tree)
    {
        var text = tree.GetText().ToString();
        return text.Contains(GeneratedDirective)
            ? tree.WithChangedText(SourceText.From(text.Replace(GeneratedDirective, "#nullable enable warnings"), Encoding.UTF8))
            : tree;
    }

    /// <summary>The compilation with <see cref="Enable(SyntaxTree)"/> applied to every tree.</summary>
    public static Compilation Enable(Compilation compilation) =>
        compilation.SyntaxTrees.Aggregate(compilation, (current, tree) => Enable(tree) is var enabled && enabled != tree ? current.ReplaceSyntaxTree(tree, enabled) : current);
}
