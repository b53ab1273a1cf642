using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using SpecClients.Testing;

namespace SpecClients.Runtime.Reliability.Tests.Support;

/// <summary>Each fault injected and its outcome, written to TestResults/runtime-figures.txt for docs/reliability.md.</summary>
internal static class RuntimeFigures
{
    private static readonly ConcurrentDictionary<string, string> s_faults = new(StringComparer.Ordinal);

    public static string Folder => Path.Combine(RepositoryPaths.TestProject("SpecClients.Runtime.Reliability.Tests"), "TestResults");

    public static void RecordFault(string test, string fault, string outcome, TimeSpan elapsed)
    {
        s_faults[test] = $"{fault} -> {outcome} ({elapsed.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)} ms)";
        Write("runtime-faults.txt", "Faults injected: " + s_faults.Count + "\n" + string.Join("\n", s_faults.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => "  " + f.Key + ": " + f.Value)) + "\n");
    }

    public static void Write(string name, string text)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, name), text);
    }
}
