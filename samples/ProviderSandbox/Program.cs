using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace SpecClients.Samples.Sandbox;

/// <summary>
/// <c>dotnet run --project samples/ProviderSandbox [-- --port N]</c>: serves the five providers on
/// <c>http://127.0.0.1:5080/</c> (or port N) with the default <see cref="SandboxOptions"/> until Ctrl+C.
/// </summary>
internal static class Program
{
    private const int DefaultPort = 5080;

    private static async Task<int> Main(string[] args)
    {
        int port = DefaultPort;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--port" && i + 1 < args.Length &&
                int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed is > 0 and < 65536)
            {
                port = parsed;
                i++;
            }
            else
            {
                await Console.Error.WriteLineAsync("usage: ProviderSandbox [--port N]   (default port 5080, always 127.0.0.1)").ConfigureAwait(false);
                return 2;
            }
        }

        await using ProviderSandbox sandbox = await ProviderSandbox.StartAsync(new SandboxOptions(), port, console: true, CancellationToken.None)
            .ConfigureAwait(false);
        Console.WriteLine($"Provider sandbox on {sandbox.BaseAddress}");
        foreach (string provider in SandboxProviders.All)
        {
            Console.WriteLine($"  {provider,-12} {sandbox.For(provider)}");
        }

        Console.WriteLine("Credentials: the defaults of SandboxOptions (made-up values). Ctrl+C to stop.");
        await sandbox.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }
}
