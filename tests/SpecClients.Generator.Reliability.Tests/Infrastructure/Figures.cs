using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using SpecClients.Testing;

namespace SpecClients.Generator.Reliability.Tests.Infrastructure;

/// <summary>Writes a figures file into <c>TestResults/</c> beside the test project, for docs/reliability.md.</summary>
internal static class FiguresFile
{
    public static string Folder => Path.Combine(RepositoryPaths.TestProject("SpecClients.Generator.Reliability.Tests"), "TestResults");

    public static string Write(string name, string text)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public static string Table(IEnumerable<KeyValuePair<string, int>> counts) =>
        string.Join("\n", counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => $"  {c.Key,-28} {c.Value.ToString(CultureInfo.InvariantCulture),7}"));
}

/// <summary>Collects the outcome of every hostile case and writes the tally when the class's tests are done.</summary>
public sealed class HostileCorpusFigures : IDisposable
{
    private readonly ConcurrentDictionary<string, (string Expected, string Outcome, double Milliseconds)> _outcomes = new(StringComparer.Ordinal);

    internal void Record(HostileCase hostileCase, CaseResult outcome) =>
        _outcomes[hostileCase.RelativePath] = (hostileCase.ExpectedId, outcome.Classification, outcome.ElapsedMs);

    public void Dispose()
    {
        if (_outcomes.IsEmpty)
        {
            return;
        }

        var text = new StringBuilder();
        text.Append("Hostile specs run: ").Append(_outcomes.Count).Append('\n');
        text.Append("By expected id:\n").Append(FiguresFile.Table(_outcomes.Values.GroupBy(o => o.Expected).Select(g => new KeyValuePair<string, int>(g.Key, g.Count())))).Append('\n');
        text.Append("By outcome (error ids, or warn:ids, or clean):\n").Append(FiguresFile.Table(_outcomes.Values.GroupBy(o => o.Outcome).Select(g => new KeyValuePair<string, int>(g.Key, g.Count())))).Append('\n');
        text.Append("Slowest: ").Append(string.Join(", ", _outcomes.OrderByDescending(o => o.Value.Milliseconds).Take(5).Select(o => o.Key + " " + o.Value.Milliseconds.ToString("F0", CultureInfo.InvariantCulture) + " ms"))).Append('\n');
        text.Append("Per case:\n");
        foreach (var outcome in _outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            text.Append("  ").Append(outcome.Key).Append(" -> ").Append(outcome.Value.Outcome).Append('\n');
        }

        FiguresFile.Write("hostile-figures.txt", text.ToString());
    }
}
