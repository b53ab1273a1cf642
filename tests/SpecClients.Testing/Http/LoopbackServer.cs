using System;
using System.Linq;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace SpecClients.Testing;

/// <summary>
/// A real Kestrel server on 127.0.0.1 and a port the OS chooses, answering every request with one handler: the one
/// place the tests host HTTP. <see cref="RecordingServer"/> records what arrives; other tests pass their own handler.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri uri)
    {
        _app = app;
        Uri = uri;
    }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Uri { get; }

    /// <summary>Starts a server that listens on 127.0.0.1 only and answers with <paramref name="handler"/>.</summary>
    /// <param name="handler">Answers every request.</param>
    /// <param name="configure">Kestrel's options beyond the address, e.g. limits a fault needs lifted.</param>
    /// <param name="certificate">When given, the server speaks TLS with it (an <c>https://</c> <see cref="Uri"/>).</param>
    public static async Task<LoopbackServer> StartAsync(RequestDelegate handler, Action<KestrelServerOptions>? configure = null, X509Certificate2? certificate = null)
    {
        // The empty builder: no configuration files, no logging providers, nothing but Kestrel.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
            configure?.Invoke(options);
        });
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        var uri = new Uri(address.TrimEnd('/') + "/", UriKind.Absolute);
        if (!uri.IsLoopback)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException("A test server must listen on loopback only: " + uri);
        }

        return new LoopbackServer(app, uri);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            // A request held open on purpose (a hanging fault) keeps its connection; the server goes away regardless.
        }

        await _app.DisposeAsync();
    }
}
