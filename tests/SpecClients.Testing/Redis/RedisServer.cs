using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SpecClients.Testing;

/// <summary>
/// A real <c>redis-server</c> on 127.0.0.1 and a free port, without persistence, stopped on disposal. Installs Debian's
/// <c>redis-server</c> package first if it is missing (once per machine, under a lock that parallel test projects share);
/// where that is impossible (not root, no apt-get) <see cref="StartAsync"/> throws, saying why: a test that needs Redis
/// fails loudly, it never passes without it.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const string InstallLockPath = "/tmp/specclients-redis-install.lock";
    private static readonly SemaphoreSlim s_installInProcess = new(1, 1);

    // Non-interactive; RUNLEVEL=1 keeps the package's own service (port 6379) from starting where an init system would.
    private static readonly Dictionary<string, string> s_aptEnvironment = new() { ["DEBIAN_FRONTEND"] = "noninteractive", ["RUNLEVEL"] = "1" };

    private readonly Process _process;
    private readonly string _directory;

    private RedisServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string, e.g. <c>127.0.0.1:41234</c>.</summary>
    public string Configuration => "127.0.0.1:" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Installs <c>redis-server</c> if needed and starts one.</summary>
    public static async Task<RedisServer> StartAsync()
    {
        var executable = await EnsureInstalledAsync();
        Exception? last = null;

        // A port found free can be taken before redis-server binds it: try a few.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = ChildProcesses.FreeLoopbackPort();
            var directory = Directory.CreateTempSubdirectory("specclients-redis-").FullName;
            var start = new ProcessStartInfo(executable);
            foreach (var argument in new[]
            {
                "--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--save", string.Empty, "--appendonly", "no", "--dir", directory, "--daemonize", "no", "--loglevel", "warning",
            })
            {
                start.ArgumentList.Add(argument);
            }

            var output = new StringBuilder();
            var process = ChildProcesses.StartCapturing(start, output);
            var server = new RedisServer(process, directory, port);
            try
            {
                await server.WaitUntilAnsweringAsync();
                return server;
            }
            catch (Exception ex)
            {
                await server.DisposeAsync();
                lock (output)
                {
                    last = new InvalidOperationException("redis-server did not answer on port " + port + ": " + output, ex);
                }
            }
        }

        throw last!;
    }

    /// <summary>Sends one command (RESP inline) and returns the raw reply, e.g. <c>+OK</c>: for tests that look at what is stored.</summary>
    /// <param name="arguments">The command and its arguments.</param>
    public async Task<string> CommandAsync(params string[] arguments)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        var request = new StringBuilder().Append('*').Append(arguments.Length).Append("\r\n");
        foreach (var argument in arguments)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(argument)).Append("\r\n").Append(argument).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
        var buffer = new byte[64 * 1024];
        var read = await stream.ReadAsync(buffer);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await ChildProcesses.StopAsync(_process);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("redis-server exited with code " + _process.ExitCode + ".");
            }

            try
            {
                if ((await CommandAsync("PING")).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (SocketException)
            {
                // Not listening yet.
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    private static string? Find() => ChildProcesses.Find("redis-server", "/usr/bin", "/usr/sbin", "/usr/local/bin");

    private static async Task<string> EnsureInstalledAsync()
    {
        if (Find() is { } found)
        {
            return found;
        }

        if (!OperatingSystem.IsLinux() || geteuid() != 0 || !File.Exists("/usr/bin/apt-get"))
        {
            throw new InvalidOperationException(
                "These tests need a real redis-server, which is not installed and cannot be installed here (installing needs "
                + "Linux, root and apt-get). Install it (Debian: apt-get install -y redis-server) and run the tests again.");
        }

        // One installer per process, and one per machine: parallel test projects take the same file lock.
        await s_installInProcess.WaitAsync();
        try
        {
            using var machineLock = await ChildProcesses.LockFileAsync(InstallLockPath);
            if (Find() is { } installedMeanwhile)
            {
                return installedMeanwhile;
            }

            // Waits for apt's own lock rather than failing when another installer (not a Redis test) holds it.
            await ChildProcesses.RunAsync("/usr/bin/apt-get", ["-o", "DPkg::Lock::Timeout=600", "update"], s_aptEnvironment);
            await ChildProcesses.RunAsync(
                "/usr/bin/apt-get", ["-o", "DPkg::Lock::Timeout=600", "install", "-y", "--no-install-recommends", "redis-server"], s_aptEnvironment);
            return Find() ?? throw new InvalidOperationException("apt-get installed redis-server, yet it is not on the PATH.");
        }
        finally
        {
            s_installInProcess.Release();
        }
    }

    [DllImport("libc", SetLastError = false)]
    private static extern uint geteuid();
}
