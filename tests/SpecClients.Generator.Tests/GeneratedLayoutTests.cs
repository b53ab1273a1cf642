using System;
using System.Linq;
using System.Text.RegularExpressions;
using Shouldly;
using SpecClients.Generator.Tests.Infrastructure;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Generator.Tests;

/// <summary>How generated code reads after F12: the layout rules issue #16 set for it.</summary>
public sealed class GeneratedLayoutTests
{
    private const int MaxLineLength = 140;

    // A regular or UTF-8 string literal, as the emitters write them (every quote and backslash inside is escaped).
    private static readonly Regex StringLiteral = new("\"(?:[^\"\\\\]|\\\\.)*\"", RegexOptions.CultureInvariant);

    [Theory]
    [MemberData(nameof(ProviderSpecTests.ProviderSpecs), MemberType = typeof(ProviderSpecTests))]
    public void ProviderSpecLinesFitIn140ColumnsOutsideStringLiterals(string spec)
    {
        var result = GeneratorHarness.RunRepositorySpecs(spec);

        var tooLong = result.Sources
            .SelectMany(source => source.SourceText.Lines.Select(line => (source.HintName, Line: line.ToString(), Number: line.LineNumber + 1)))
            .Where(line => CodeLength(line.Line) > MaxLineLength)
            .Select(line => $"{line.HintName}({line.Number}): {CodeLength(line.Line)} columns: {line.Line.Trim()}")
            .ToList();

        result.Sources.ShouldNotBeEmpty();
        tooLong.ShouldBeEmpty(string.Join("\n", tooLong.Take(20)));
    }

    /// <summary>A comment line counts whole; in code a string literal counts as its two quotes, since it cannot be broken.</summary>
    private static int CodeLength(string line) =>
        line.TrimStart().StartsWith("//", StringComparison.Ordinal) ? line.Length : StringLiteral.Replace(line, "\"\"").Length;
}
