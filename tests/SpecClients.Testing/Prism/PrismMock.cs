using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SpecClients.Testing.Prism;

/// <summary>How <c>prism mock</c> answers.</summary>
public enum PrismMode
{
    /// <summary><c>--errors</c>: a request that breaks the spec gets 422 (401 for missing credentials), a valid one the spec's example.</summary>
    Errors,

    /// <summary><c>--dynamic</c>: every answer is a body Prism generates at random from the response schema.</summary>
    Dynamic,
}

/// <summary>
/// Stoplight's Prism (<c>@stoplight/prism-cli</c>) mocking one spec on 127.0.0.1 and a free port, stopped on disposal.
/// Prism is installed with npm, the first time, into a folder of the user's cache keyed by its version
/// (<c>~/.cache/specclients/prism-cli-5.16.0</c>), under a lock that parallel test processes share; where npm is
/// missing <see cref="StartAsync"/> throws, saying so: a test that needs Prism fails loudly, it never passes without it.
/// </summary>
public sealed class PrismMock : IAsyncDisposable
{
    /// <summary>The Prism version the tests pin.</summary>
    public const string Version = "5.16.0";

    private static readonly SemaphoreSlim s_installInProcess = new(1, 1);
    private readonly Process _process;
    private readonly StringBuilder _output;

    private PrismMock(Process process, StringBuilder output, int port)
    {
        _process = process;
        _output = output;
        BaseAddress = new Uri("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + "/");
    }

    /// <summary>Where the mock listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>What Prism has logged so far (its own view of each request, violations included).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The folder Prism is installed in (its <c>node_modules</c> lives there).</summary>
    public static string InstallFolder =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "specclients", "prism-cli-" + Version);

    /// <summary>Installs Prism if needed and starts <c>prism mock</c> on <paramref name="specPath"/>.</summary>
    /// <param name="specPath">The OpenAPI document to mock.</param>
    /// <param name="mode">Whether Prism checks requests (<c>--errors</c>) or generates responses (<c>--dynamic</c>).</param>
    public static async Task<PrismMock> StartAsync(string specPath, PrismMode mode)
    {
        var executable = await EnsureInstalledAsync();
        Exception? last = null;

        // A port found free can be taken before Prism binds it: try a few.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = ChildProcesses.FreeLoopbackPort();
            var start = new ProcessStartInfo(executable);
            foreach (var argument in new[] { "mock", "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), mode == PrismMode.Errors ? "--errors" : "--dynamic", specPath })
            {
                start.ArgumentList.Add(argument);
            }

            var output = new StringBuilder();
            var process = ChildProcesses.StartCapturing(start, output);
            var mock = new PrismMock(process, output, port);
            try
            {
                await mock.WaitUntilListeningAsync(port);
                return mock;
            }
            catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
            {
                await mock.DisposeAsync();
                last = new InvalidOperationException("prism did not listen on port " + port + ": " + mock.Output, ex);
            }
        }

        throw last!;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(ChildProcesses.StopAsync(_process));

    private async Task WaitUntilListeningAsync(int port)
    {
        // Prism reads and dereferences the spec before it binds: a second or two on a small spec.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("prism exited with code " + _process.ExitCode + ".");
            }

            if (Output.Contains("Prism is listening", StringComparison.Ordinal))
            {
                using var client = new TcpClient();
                try
                {
                    await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                    return;
                }
                catch (SocketException)
                {
                    // Logged before the socket accepts.
                }
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    private static string Executable => Path.Combine(InstallFolder, "node_modules", ".bin", "prism");

    private static async Task<string> EnsureInstalledAsync()
    {
        if (File.Exists(Executable))
        {
            return Executable;
        }

        var npm = ChildProcesses.Find("npm") ?? throw new InvalidOperationException(
            "These tests need Stoplight Prism, installed with npm, and npm is not on the PATH. Install Node.js 18 or later "
            + "(Debian: apt-get install -y nodejs npm) and run the tests again.");

        // One installer per process, and one per machine: parallel test projects take the same file lock.
        await s_installInProcess.WaitAsync();
        try
        {
            Directory.CreateDirectory(InstallFolder);
            using var machineLock = await ChildProcesses.LockFileAsync(Path.Combine(InstallFolder, ".install.lock"));
            if (File.Exists(Executable))
            {
                return Executable;
            }

            await ChildProcesses.RunAsync(npm, ["install", "--prefix", InstallFolder, "--no-audit", "--no-fund",
                "--ignore-scripts", // the one install script is a usage report: not needed, and no internet here
                "@stoplight/prism-cli@" + Version]);
            return File.Exists(Executable) ? Executable : throw new InvalidOperationException("npm installed Prism, yet " + Executable + " is missing.");
        }
        finally
        {
            s_installInProcess.Release();
        }
    }
}
