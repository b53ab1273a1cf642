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
            var port = FreePort();
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "mock", "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), mode == PrismMode.Errors ? "--errors" : "--dynamic", specPath })
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("prism did not start.");
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
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

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Executable => Path.Combine(InstallFolder, "node_modules", ".bin", "prism");

    private static async Task<string> EnsureInstalledAsync()
    {
        if (File.Exists(Executable))
        {
            return Executable;
        }

        var npm = Find("npm") ?? throw new InvalidOperationException(
            "These tests need Stoplight Prism, installed with npm, and npm is not on the PATH. Install Node.js 18 or later "
            + "(Debian: apt-get install -y nodejs npm) and run the tests again.");

        // One installer per process, and one per machine: parallel test projects take the same file lock.
        await s_installInProcess.WaitAsync();
        try
        {
            Directory.CreateDirectory(InstallFolder);
            using var machineLock = await LockAsync(Path.Combine(InstallFolder, ".install.lock"));
            if (File.Exists(Executable))
            {
                return Executable;
            }

            await RunAsync(npm, InstallFolder, "install", "--prefix", InstallFolder, "--no-audit", "--no-fund",
                "--ignore-scripts", // the one install script is a usage report: not needed, and no internet here
                "@stoplight/prism-cli@" + Version);
            return File.Exists(Executable) ? Executable : throw new InvalidOperationException("npm installed Prism, yet " + Executable + " is missing.");
        }
        finally
        {
            s_installInProcess.Release();
        }
    }

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    private static async Task<FileStream> LockAsync(string path)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(200, timeout.Token); // another test process is installing
            }
        }
    }

    private static async Task RunAsync(string fileName, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(fileName + " did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {await output}{await error}");
        }
    }
}
