using System;
using System.Globalization;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SpecClients.Samples.Sandbox.Providers;

namespace SpecClients.Samples.Sandbox;

/// <summary>
/// An in-process HTTP server on 127.0.0.1 that behaves as the five providers do according to
/// <c>shared/providers.md</c>, each under its own path prefix: <c>/fincart/</c>, <c>/kitegateway/</c>,
/// <c>/fincode/</c>, <c>/faspay/</c> and <c>/torus/</c>. It only ever listens on the loopback address.
/// </summary>
public sealed class ProviderSandbox : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SandboxState _state;
    private int _disposed;

    private ProviderSandbox(WebApplication app, SandboxState state, Uri baseAddress)
    {
        _app = app;
        _state = state;
        BaseAddress = baseAddress;
    }

    /// <summary>The server's root, <c>http://127.0.0.1:PORT/</c>; providers live one segment below it.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Per-provider counts of token requests and of accepted and rejected authenticated calls.</summary>
    public SandboxCounters Counters => _state.Counters;

    /// <summary>Starts a sandbox on 127.0.0.1 with a port chosen by the operating system.</summary>
    /// <param name="options">Credentials, token lifetimes and clock; read on every request.</param>
    /// <param name="ct">Cancels the start.</param>
    /// <returns>The started sandbox; dispose it to stop the server.</returns>
    public static Task<ProviderSandbox> StartAsync(SandboxOptions options, CancellationToken ct = default) =>
        StartAsync(options, port: 0, console: false, ct);

    /// <summary>The base address of one provider, e.g. <c>http://127.0.0.1:PORT/kitegateway/</c>.</summary>
    /// <param name="provider">A name from <see cref="SandboxProviders"/>, matched case-insensitively.</param>
    /// <returns>An absolute URI ending with <c>/</c>.</returns>
    public Uri For(string provider) => new(BaseAddress, SandboxProviders.Normalize(provider) + "/");

    /// <summary>
    /// Makes every token issued so far by <paramref name="provider"/> invalid, so the next authenticated call gets the
    /// provider's rejection (to test 401 → new token → retry). Fincart: the configured portal token is refused from now
    /// on. FinCode: access tokens only; refresh tokens stay valid, so either grant can be used to recover.
    /// </summary>
    /// <param name="provider">A name from <see cref="SandboxProviders"/>, matched case-insensitively.</param>
    public void RevokeAllTokens(string provider)
    {
        string name = SandboxProviders.Normalize(provider);
        if (name == SandboxProviders.Fincart)
        {
            _state.FincartTokenRevoked = true;
        }
        else
        {
            _state.Tokens.RevokeAll(name);
        }
    }

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes once the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the server when the process is asked to stop (Ctrl+C, SIGTERM).</summary>
    internal Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    internal static async Task<ProviderSandbox> StartAsync(SandboxOptions options, int port, bool console, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var state = new SandboxState(options);

        // The empty builder reads no configuration (no ASPNETCORE_URLS, no Kestrel section): the one Listen call below is
        // the only address, always the loopback one.
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ProviderSandbox).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Services.AddRoutingCore();
        if (console)
        {
            // Request lines only (method, path, status): no headers, so no credential or token is ever written.
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Information)
                .AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning)
                .AddFilter("Microsoft.AspNetCore.Http.Result", LogLevel.Warning);
        }
        else
        {
            // Inside a test process Ctrl+C must stay the process's business, not the sandbox's.
            builder.Services.AddSingleton<IHostLifetime, NoopLifetime>();
        }

        WebApplication app = builder.Build();
        FincartEndpoints.Map(app, state);
        KitegatewayEndpoints.Map(app, state);
        FinCodeEndpoints.Map(app, state);
        FaspayEndpoints.Map(app, state);
        TorusEndpoints.Map(app, state);

        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        int boundPort = port;
        foreach (string address in app.Urls)
        {
            boundPort = new Uri(address).Port;
        }

        var baseAddress = new Uri("http://127.0.0.1:" + boundPort.ToString(CultureInfo.InvariantCulture) + "/");
        return new ProviderSandbox(app, state, baseAddress);
    }

    private sealed class NoopLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
