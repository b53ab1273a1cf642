using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SpecClients.Testing;

/// <summary>MSBuild properties and per-file metadata as the compiler would pass them; none by default.</summary>
public sealed class TestOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly Dictionary<string, Dictionary<string, string>> _fileOptions;

    /// <summary>Creates the options.</summary>
    /// <param name="global">MSBuild properties visible to the compiler, e.g. <c>build_property.SpecClients_RootNamespace</c>.</param>
    /// <param name="fileOptions">Per AdditionalFile path: its metadata, e.g. <c>build_metadata.AdditionalFiles.SpecClients_Spec</c>.</param>
    public TestOptionsProvider(Dictionary<string, string>? global = null, Dictionary<string, Dictionary<string, string>>? fileOptions = null)
    {
        GlobalOptions = new Options(global ?? new Dictionary<string, string>());
        _fileOptions = fileOptions ?? new Dictionary<string, Dictionary<string, string>>();
    }

    /// <summary>No options: what a project without any SpecClients property passes.</summary>
    public static TestOptionsProvider Empty { get; } = new();

    /// <inheritdoc />
    public override AnalyzerConfigOptions GlobalOptions { get; }

    /// <inheritdoc />
    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new Dictionary<string, string>());

    /// <inheritdoc />
    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        new Options(_fileOptions.TryGetValue(textFile.Path, out var options) ? options : new Dictionary<string, string>());

    private sealed class Options : AnalyzerConfigOptions
    {
        private readonly Dictionary<string, string> _values;

        public Options(Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
    }
}
