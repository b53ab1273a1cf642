using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SpecClients.Generator.Tests.Infrastructure;

/// <summary>MSBuild properties and per-file metadata as the compiler would pass them.</summary>
internal sealed class TestOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly Dictionary<string, Dictionary<string, string>> _fileOptions;

    public TestOptionsProvider(Dictionary<string, string>? global = null, Dictionary<string, Dictionary<string, string>>? fileOptions = null)
    {
        GlobalOptions = new Options(global ?? new Dictionary<string, string>());
        _fileOptions = fileOptions ?? new Dictionary<string, Dictionary<string, string>>();
    }

    public override AnalyzerConfigOptions GlobalOptions { get; }

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new Dictionary<string, string>());

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        new Options(_fileOptions.TryGetValue(textFile.Path, out var options) ? options : new Dictionary<string, string>());

    private sealed class Options : AnalyzerConfigOptions
    {
        private readonly Dictionary<string, string> _values;

        public Options(Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
    }
}
