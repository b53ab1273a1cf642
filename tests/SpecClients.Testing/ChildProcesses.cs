using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace SpecClients.Testing;

/// <summary>Processes a test started itself (a server, a worker): stopped the same way everywhere.</summary>
public static class ChildProcesses
{
    /// <summary>Kills <paramref name="process"/> and its children if it still runs, waits for it and disposes it.</summary>
    /// <param name="process">A process this test started.</param>
    public static async Task StopAsync(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }
}
