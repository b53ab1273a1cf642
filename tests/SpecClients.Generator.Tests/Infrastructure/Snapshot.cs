using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Generator.Tests.Infrastructure;

/// <summary>
/// Compares what the generator wrote with the checked-in baselines, one file per generated file, as System.Text.Json's
/// generator tests do: <c>Baselines/&lt;scenario&gt;/&lt;hint name&gt;</c>, so that a change shows in the file it
/// touched. A file that differs (or is new) is written beside its baseline as <c>*.received.cs</c> and the test fails;
/// a baseline whose file is no longer generated fails the test too. <c>SPECCLIENTS_ACCEPT_SNAPSHOTS=1</c> accepts the
/// output instead: it writes every baseline and deletes the stale ones.
/// </summary>
internal static class Snapshot
{
    private const string ReceivedSuffix = ".received.cs";

    /// <summary>The folder of the baselines, excluded from compilation by the project file.</summary>
    public static string BaselinesFolder => Path.Combine(RepositoryPaths.TestProject("SpecClients.Generator.Tests"), "Baselines");

    public static void Verify(string scenario, IEnumerable<GeneratedSourceResult> sources)
    {
        var folder = Path.Combine(BaselinesFolder, scenario);
        var generated = sources.ToDictionary(s => s.HintName, s => s.SourceText.ToString().Replace("\r\n", "\n"), StringComparer.Ordinal);
        Directory.CreateDirectory(folder);
        foreach (var received in Directory.GetFiles(folder, "*" + ReceivedSuffix))
        {
            File.Delete(received);
        }

        var stale = Directory.GetFiles(folder, "*.cs").Select(Path.GetFileName).OfType<string>()
            .Where(name => !generated.ContainsKey(name))
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToList();
        if (Environment.GetEnvironmentVariable("SPECCLIENTS_ACCEPT_SNAPSHOTS") == "1")
        {
            foreach (var (hintName, text) in generated)
            {
                File.WriteAllText(Path.Combine(folder, hintName), text);
            }

            foreach (var name in stale)
            {
                File.Delete(Path.Combine(folder, name));
            }

            return;
        }

        var problems = new List<string>();
        foreach (var (hintName, text) in generated.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var baseline = Path.Combine(folder, hintName);
            var expected = File.Exists(baseline) ? File.ReadAllText(baseline).Replace("\r\n", "\n") : null;
            if (expected == text)
            {
                continue;
            }

            var received = ReceivedPath(baseline);
            File.WriteAllText(received, text);
            problems.Add(expected is null ? $"new: {received}" : $"differs: diff {baseline} {received}");
        }

        problems.AddRange(stale.Select(name => $"no longer generated: {Path.Combine(folder, name)}"));
        if (problems.Count > 0)
        {
            Assert.Fail(
                $"The generated files of '{scenario}' differ from their baselines:\n  " + string.Join("\n  ", problems)
                + "\nReview the differences and rerun with SPECCLIENTS_ACCEPT_SNAPSHOTS=1 to accept them (stale baselines are then removed).");
        }
    }

    // fincode.FincodeClient.g.cs -> fincode.FincodeClient.g.received.cs: still a .cs file for editors, never a baseline.
    private static string ReceivedPath(string baseline) => baseline.Substring(0, baseline.Length - ".cs".Length) + ReceivedSuffix;
}
