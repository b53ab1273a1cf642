using System;
using System.IO;
using System.Linq;
using System.Text;
using SpecClients.Generator.Reliability.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SpecClients.Generator.Reliability.Tests;

/// <summary>
/// The limits of SpecLimits (src/SpecClients.Generator/Parsing/YamlReader.cs), each tested on both sides: 16 MiB of
/// text, 200 levels of nesting and 4,000,000 nodes after alias expansion. Over a limit the generator reports SPC004
/// naming it; at or under it the spec is read. The large inputs are made here, not checked in.
/// </summary>
public sealed class LimitTests
{
    private const int MaxDocumentChars = 16 * 1024 * 1024;
    private const int MaxDepth = 200;
    private const int MaxNodes = 4_000_000;

    private static readonly TimeSpan BigCaseTimeout = TimeSpan.FromSeconds(60);

    private readonly ITestOutputHelper _output;

    public LimitTests(ITestOutputHelper output) => _output = output;

    private const string Header = "openapi: 3.0.3\ninfo:\n  title: limits\n  version: '1'\npaths: {}\n";

    [Fact]
    public void DocumentOneCharOverSixteenMibReportsSpc004()
    {
        var result = Run("size-over", Pad(Header, MaxDocumentChars + 1));

        AssertLimit(result, "document size");
    }

    [Fact]
    public void DocumentOfExactlySixteenMibIsRead()
    {
        var result = Run("size-at", Pad(Header, MaxDocumentChars));

        AssertRead(result);
    }

    [Fact]
    public void TwentyMegabyteDocumentReportsSpc004Quickly()
    {
        var text = new StringBuilder(Header).Append("x-padding:\n");
        var line = "  - " + new string('z', 96) + "\n";
        while (text.Length < 20_000_000)
        {
            text.Append(line);
        }

        var result = Run("twenty-mb", text.ToString());

        AssertLimit(result, "document size");
        Assert.True(result.ElapsedMs < 10_000, "the size check should come before any parsing: " + result.ElapsedMs + " ms");
    }

    [Fact]
    public void NestingOfExactlyTwoHundredLevelsIsRead()
    {
        // The root mapping is level 1; 199 nested sequences make 200.
        var result = Run("depth-at", Header + "x-deep: " + new string('[', MaxDepth - 1) + new string(']', MaxDepth - 1) + "\n");

        AssertRead(result);
    }

    [Fact]
    public void NestingOfTwoHundredAndOneLevelsReportsSpc004()
    {
        var result = Run("depth-over", Header + "x-deep: " + new string('[', MaxDepth) + new string(']', MaxDepth) + "\n");

        AssertLimit(result, "nesting depth");
    }

    [Fact]
    public void FiveHundredLevelsOfBlockMappingsReportSpc004()
    {
        var text = new StringBuilder(Header).Append("x-deep:\n");
        for (var i = 1; i <= 500; i++)
        {
            text.Append(' ', i * 2).Append("k").Append(i).Append(":\n");
        }

        text.Append(' ', 1002).Append("end: true\n");
        var result = Run("depth-500", text.ToString());

        AssertLimit(result, "nesting depth");
    }

    [Fact]
    public void AliasesExpandingToJustUnderFourMillionNodesAreRead()
    {
        // 1 root + paths + info... then x-a: 1 sequence of 999 scalars (1,000 nodes) and x-b: 1 sequence of N aliases.
        var result = Run("nodes-under", AliasDocument(aliases: (MaxNodes - 20_000) / 1_001));

        AssertRead(result);
    }

    [Fact]
    public void AliasesExpandingToJustOverFourMillionNodesReportSpc004()
    {
        var result = Run("nodes-over", AliasDocument(aliases: (MaxNodes + 20_000) / 1_001));

        AssertLimit(result, "node count");
    }

    [Fact]
    public void BillionLaughsIsStoppedByTheNodeLimit()
    {
        var lines = new StringBuilder(Header).Append("x-lol:\n  a: &a [").Append(string.Join(",", Enumerable.Repeat("lol", 10))).Append("]\n");
        var previous = 'a';
        foreach (var name in "bcdefghij")
        {
            lines.Append("  ").Append(name).Append(": &").Append(name).Append(" [").Append(string.Join(",", Enumerable.Repeat("*" + previous, 10))).Append("]\n");
            previous = name;
        }

        var result = Run("billion-laughs", lines.ToString());

        AssertLimit(result, "node count");
        Assert.True(result.ElapsedMs < 10_000, "an alias bomb must be stopped early: " + result.ElapsedMs + " ms");
    }

    private static string AliasDocument(int aliases)
    {
        var text = new StringBuilder(Header).Append("x-a: &a [").Append(string.Join(",", Enumerable.Repeat("1", 999))).Append("]\nx-b: [");
        for (var i = 0; i < aliases; i++)
        {
            text.Append(i == 0 ? "*a" : ",*a");
        }

        return text.Append("]\n").ToString();
    }

    private static string Pad(string document, int length)
    {
        var text = new StringBuilder(document, length);
        var line = "# " + new string('p', 100) + "\n";
        while (text.Length + line.Length < length)
        {
            text.Append(line);
        }

        text.Append('#', length - text.Length - 1).Append('\n');
        Assert.Equal(length, text.Length);
        return text.ToString();
    }

    private CaseResult Run(string name, string text)
    {
        var file = Path.Combine(Path.GetTempPath(), "specclients-limits-" + Environment.ProcessId + "-" + name + ".yaml");
        File.WriteAllText(file, text);
        try
        {
            var result = IsolatedGenerator.Run(new CaseRequest(name, "/project/specs/" + name + ".yaml", null, file, (int)BigCaseTimeout.TotalMilliseconds, Compile: true));
            _output.WriteLine(name + " (" + text.Length + " chars): " + result.Describe());
            return result;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static void AssertLimit(CaseResult result, string limit)
    {
        Assert.False(result.IsFailure, result.Describe());
        var spc004 = result.Diagnostics.Where(d => d.Id == "SPC004").ToList();
        Assert.True(spc004.Count == 1, "expected one SPC004: " + result.Describe());
        Assert.Contains(limit, spc004[0].Message, StringComparison.Ordinal);
    }

    private static void AssertRead(CaseResult result)
    {
        Assert.False(result.IsFailure, result.Describe());
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "SPC004");
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
    }
}
