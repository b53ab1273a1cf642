using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SpecClients.Samples.Sandbox;

namespace SpecClients.EndToEnd.Tests.Support;

/// <summary>
/// A sandbox on 127.0.0.1 and a container with the five clients, one fake clock for both, every log entry (Trace
/// included) and every request recorded. Dispose it at the end of the test.
/// </summary>
public sealed class Harness : IAsyncDisposable
{
    private readonly List<ServiceProvider> _containers = [];

    private Harness(FakeTimeProvider clock, SandboxOptions options, ProviderSandbox sandbox)
    {
        Clock = clock;
        SandboxOptions = options;
        Sandbox = sandbox;
    }

    /// <summary>The clock of the sandbox and of every container.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>The sandbox's options: its credentials, which the clients use unless told otherwise.</summary>
    public SandboxOptions SandboxOptions { get; }

    /// <summary>The sandbox.</summary>
    public ProviderSandbox Sandbox { get; }

    /// <summary>Every log entry of the main container.</summary>
    public FakeLogCollector Logs { get; } = new();

    /// <summary>Every request of the main container.</summary>
    public WireLog Wire { get; } = new();

    /// <summary>The main container.</summary>
    public IServiceProvider Services { get; private set; } = null!;

    /// <summary>Starts a sandbox and builds the main container.</summary>
    /// <param name="sandbox">Changes the sandbox's options (credentials, lifetimes, Faspay's rejection status).</param>
    /// <param name="services">Registers more services before the clients.</param>
    /// <returns>The harness.</returns>
    public static async Task<Harness> StartAsync(Action<SandboxOptions>? sandbox = null, Action<IServiceCollection>? services = null)
    {
        // 2030-01-01 08:00: in the real future, so a distributed cache accepts the absolute expiries computed from it.
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 8, 0, 0, TimeSpan.Zero));
        var options = new SandboxOptions { TimeProvider = clock };
        sandbox?.Invoke(options);
        var harness = new Harness(clock, options, await ProviderSandbox.StartAsync(options));
        harness.Services = harness.BuildContainer(harness.Logs, harness.Wire, services);
        return harness;
    }

    /// <summary>
    /// Builds a further container against the same sandbox and clock (disposed with the harness): the fake clock is
    /// registered as the TimeProvider, logging goes to <paramref name="logs"/> at Trace level.
    /// </summary>
    /// <param name="logs">Receives the container's log entries.</param>
    /// <param name="wire">Records the container's requests.</param>
    /// <param name="configure">Registers more services before the clients (e.g. an ITokenCache).</param>
    /// <param name="credentials">The clients' credentials; the sandbox's own when null.</param>
    /// <returns>The container.</returns>
    public ServiceProvider BuildContainer(FakeLogCollector logs, WireLog wire, Action<IServiceCollection>? configure = null, SandboxOptions? credentials = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        configure?.Invoke(services);
        services.AddSandboxClients(Sandbox, credentials ?? SandboxOptions, wire);
        var container = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _containers.Add(container);
        return container;
    }

    /// <summary>One authenticated call through the main container; see <see cref="Clients.CallAsync"/>.</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>A description of the answer.</returns>
    public Task<string> CallAsync(string provider) => Clients.CallAsync(Services, provider);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var container in _containers)
        {
            await container.DisposeAsync();
        }

        await Sandbox.DisposeAsync();
    }
}
