using System;
using System.IO;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Generator.Tests.Infrastructure;

/// <summary>
/// Compares text with a checked-in <c>*.verified.cs</c> file. On a mismatch it writes <c>*.received.cs</c> beside it and
/// fails; set <c>SPECCLIENTS_ACCEPT_SNAPSHOTS=1</c> to accept the new output instead.
/// </summary>
internal static class Snapshot
{
    public static void Verify(string name, string actual)
    {
        var folder = Path.Combine(RepositoryPaths.TestProject("SpecClients.Generator.Tests"), "Snapshots");
        var verified = Path.Combine(folder, name + ".verified.cs");
        var received = Path.Combine(folder, name + ".received.cs");
        actual = actual.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable("SPECCLIENTS_ACCEPT_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No snapshot {verified}; the output was written to {received}. Review it and rerun with SPECCLIENTS_ACCEPT_SNAPSHOTS=1 to accept."
            : $"Generated output differs from {verified}; see {received} (diff them). Rerun with SPECCLIENTS_ACCEPT_SNAPSHOTS=1 to accept.");
    }
}
