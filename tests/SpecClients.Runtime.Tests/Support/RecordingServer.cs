using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SpecClients.Runtime.Tests.Support;

/// <summary>What the server received, byte for byte.</summary>
internal sealed record RecordedRequest(string Method, string PathAndQuery, string? Authorization, string? ContentType, byte[] Body);

/// <summary>A real Kestrel server on 127.0.0.1 (port chosen by the OS) that records requests and answers with a chosen status.</summary>
internal sealed class RecordingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private RecordingServer(Func<RecordedRequest, int> statusFor, Func<RecordedRequest, Uri?>? locationFor)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var recorded = new RecordedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.Authorization.FirstOrDefault(),
                context.Request.ContentType,
                body.ToArray());
            _requests.Enqueue(recorded);
            context.Response.StatusCode = statusFor(recorded);
            if (locationFor?.Invoke(recorded) is { } location)
            {
                context.Response.Headers.Location = location.IsAbsoluteUri ? location.AbsoluteUri : location.OriginalString;
            }

            await context.Response.WriteAsync("status " + context.Response.StatusCode);
        });
    }

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Starts a server; <paramref name="locationFor"/> gives a <c>Location</c> header to answer with, for redirects.</summary>
    public static async Task<RecordingServer> StartAsync(Func<RecordedRequest, int> statusFor, Func<RecordedRequest, Uri?>? locationFor = null)
    {
        var server = new RecordingServer(statusFor, locationFor);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseAddress = new Uri(address + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
