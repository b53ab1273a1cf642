using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SpecClients.Generator.Reliability.Tests.Infrastructure;
using SpecClients.Testing;
using Xunit;
using Xunit.Abstractions;

namespace SpecClients.Generator.Reliability.Tests;

/// <summary>
/// Every spec under <c>HostileSpecs/&lt;ID&gt;/</c> must make the generator report diagnostic <c>ID</c> (under
/// <c>HostileSpecs/none/</c>: no SPC error, and the generated code compiles), with no exception escaping, no SPC900,
/// no hang, and compiling output whenever no SPC error was reported. Cases listed in <c>HostileSpecs/known-bugs.txt</c>
/// are generator bugs: they must still fail in the way described there, so a fix shows up as a failing test that
/// says to remove the entry.
/// </summary>
public sealed class HostileCorpusTests : IClassFixture<HostileCorpusFigures>
{
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(30);

    private readonly ITestOutputHelper _output;
    private readonly HostileCorpusFigures _figures;

    public HostileCorpusTests(ITestOutputHelper output, HostileCorpusFigures figures)
    {
        _output = output;
        _figures = figures;
    }

    public static TheoryData<CaseName> Cases
    {
        get
        {
            var data = new TheoryData<CaseName>();
            foreach (var file in HostileCorpus.Files())
            {
                data.Add(new CaseName(file));
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void HostileSpecReportsItsDiagnosticWithoutBreakingTheBuild(CaseName name)
    {
        var relativePath = name.Value;
        var hostileCase = HostileCorpus.Load(relativePath);
        var outcome = IsolatedGenerator.Run(new CaseRequest(relativePath, "/project/specs/" + hostileCase.FileName, null, hostileCase.FullPath, (int)CaseTimeout.TotalMilliseconds));
        _output.WriteLine(relativePath + ": " + outcome.Describe());
        _figures.Record(hostileCase, outcome);

        var problems = HostileCorpus.Check(hostileCase, outcome);
        if (HostileCorpus.KnownBugs.TryGetValue(relativePath, out var bug))
        {
            Assert.True(problems.Count > 0, $"{relativePath} is listed in HostileSpecs/known-bugs.txt ({bug}) but now passes: remove the entry.");
            Assert.True(problems.Any(p => p.Contains(bug.Signature, StringComparison.Ordinal)), $"{relativePath} is a known bug ({bug.Signature}) but fails differently:\n{string.Join("\n", problems)}");
            return;
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + outcome.Describe());
    }

    [Fact]
    public void CorpusHasAtLeast150CasesAndEveryKnownBugExists()
    {
        var files = HostileCorpus.Files().ToList();
        Assert.True(files.Count >= 150, "only " + files.Count + " hostile specs");
        foreach (var bug in HostileCorpus.KnownBugs.Keys)
        {
            Assert.Contains(bug, files);
        }

        foreach (var group in files.GroupBy(f => f.Split('/')[0]).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            _output.WriteLine($"{group.Key}: {group.Count()} cases");
        }
    }
}

/// <summary>One checked-in hostile spec and the diagnostic it must produce.</summary>
public sealed record HostileCase(string RelativePath, string FullPath, string FileName, string ExpectedId, string Text);

/// <summary>A known generator bug: the case and a text its failure must contain.</summary>
internal sealed record KnownBug(string Signature, string Reason)
{
    public override string ToString() => Signature + ": " + Reason;
}

internal static class HostileCorpus
{
    private static readonly string HostileSpecs = Path.Combine(RepositoryPaths.TestProject("SpecClients.Generator.Reliability.Tests"), "HostileSpecs");

    private static readonly Lazy<Dictionary<string, KnownBug>> s_knownBugs = new(LoadKnownBugs);

    public static IReadOnlyDictionary<string, KnownBug> KnownBugs => s_knownBugs.Value;

    public static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(HostileSpecs, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(HostileSpecs, f).Replace('\\', '/'))
            .Where(f => f.Contains('/', StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal);

    public static HostileCase Load(string relativePath)
    {
        var expected = relativePath.Split('/')[0];
        var fullPath = Path.Combine(HostileSpecs, relativePath);
        return new HostileCase(relativePath, fullPath, Path.GetFileName(relativePath), expected, File.ReadAllText(fullPath));
    }

    /// <summary>Every way <paramref name="outcome"/> breaks the rules for <paramref name="hostileCase"/>; empty when it passes.</summary>
    public static List<string> Check(HostileCase hostileCase, CaseResult outcome)
    {
        var problems = new List<string>();
        if (outcome.Crash is not null)
        {
            problems.Add("CRASH: the generator took its process down (the compiler would die too): " + outcome.Crash);
            return problems;
        }

        if (outcome.Hang)
        {
            problems.Add("HANG: the generator did not finish within its time limit");
            return problems;
        }

        if (outcome.Exception is not null)
        {
            problems.Add("EXCEPTION escaped the generator: " + outcome.Exception.Split('\n')[0]);
        }

        foreach (var failure in outcome.DriverFailures)
        {
            problems.Add("DRIVER " + failure.Id + ": " + failure.Message);
        }

        foreach (var internalError in outcome.Diagnostics.Where(d => d.Id == "SPC900"))
        {
            problems.Add("SPC900 (generator bug): " + internalError.Message);
        }

        foreach (var error in outcome.CompileErrors.Take(5))
        {
            problems.Add("COMPILE " + error.Id + ": " + error.Message + " | " + error.SourceLine);
        }

        var ids = outcome.Diagnostics.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        if (hostileCase.ExpectedId == "none")
        {
            foreach (var error in outcome.Diagnostics.Where(d => d.IsError && d.Id != "SPC900"))
            {
                problems.Add("UNEXPECTED " + error.Id + ": " + error.Message);
            }
        }
        else if (!ids.Contains(hostileCase.ExpectedId))
        {
            problems.Add("MISSING " + hostileCase.ExpectedId + "; reported: " + (ids.Count == 0 ? "nothing" : string.Join(", ", ids.OrderBy(i => i, StringComparer.Ordinal))));
        }

        // Diagnostics point into the spec: its path, and a line that exists.
        var lineCount = hostileCase.Text.Split('\n').Length;
        foreach (var diagnostic in outcome.Diagnostics.Where(d => d.Path.Length > 0))
        {
            if (!diagnostic.Path.EndsWith(hostileCase.FileName, StringComparison.Ordinal) || diagnostic.Line >= Math.Max(1, lineCount))
            {
                problems.Add("LOCATION of " + diagnostic.Id + " is outside the spec: " + diagnostic);
            }
        }

        return problems;
    }

    private static Dictionary<string, KnownBug> LoadKnownBugs()
    {
        // Format: <relative path> | <text the failure must contain> | <reason>
        var bugs = new Dictionary<string, KnownBug>(StringComparer.Ordinal);
        var file = Path.Combine(HostileSpecs, "known-bugs.txt");
        if (!File.Exists(file))
        {
            return bugs;
        }

        foreach (var line in File.ReadAllLines(file))
        {
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('|', 3, StringSplitOptions.TrimEntries);
            bugs[parts[0]] = new KnownBug(parts[1], parts.Length > 2 ? parts[2] : string.Empty);
        }

        return bugs;
    }
}
