using System;
using System.Threading;
using System.Threading.Tasks;
using Providers.Kitegateway;
using Providers.Torus;
using Shouldly;
using SpecClients.Client.Tests.Support;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Client.Tests;

public sealed class CancellationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AlreadyCancelledTokenSendsNothingAndThrows()
    {
        await using var server = await RecordingServer.StartAsync();
        var client = new KitegatewayClient(server.CreateHttpClient(), new KitegatewayClientOptions { BaseAddress = server.Uri, SecretKey = "s" });
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var exception = await Wire.ThrowsAsync<OperationCanceledException>(() => client.CreateAccessTokenAsync(new Providers.Kitegateway.TokenRequest { ApiKey = "k" }, cancellation.Token));

        exception.CancellationToken.ShouldBe(cancellation.Token);
        server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task CancellingWhileWaitingForTheResponseCancelsTheCall()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Respond(200, "application/json", """{"AccessToken":"a"}""", ResponseHold.BeforeHeaders);
        var client = new TorusClient(server.CreateHttpClient(), new TorusClientOptions { BaseAddress = server.Uri, RequestToken = "t" });
        using var cancellation = new CancellationTokenSource();

        var call = client.GenerateSessionAsync(new SessionRequest { ApiKey = "k", ApiSecret = "s" }, cancellation.Token);
        await server.FirstRequest.WaitAsync(Patience);
        cancellation.Cancel();

        var exception = await Wire.ThrowsAsync<OperationCanceledException>(() => call.WaitAsync(Patience));
        exception.ShouldBeOfType<TaskCanceledException>();
        exception.CancellationToken.ShouldBe(cancellation.Token);
    }

    [Fact]
    public async Task CancellingWhileReadingTheBodyCancelsTheCall()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Respond(200, "application/json", """{"AccessToken":"torus-access-token-slow","padding":"0123456789"}""", ResponseHold.AfterPartialBody);
        var client = new TorusClient(server.CreateHttpClient(), new TorusClientOptions { BaseAddress = server.Uri, RequestToken = "t" });
        using var cancellation = new CancellationTokenSource();

        var call = client.GenerateSessionAsync(new SessionRequest { ApiKey = "k", ApiSecret = "s" }, cancellation.Token);
        await server.PartialBodySent.WaitAsync(Patience);
        await Task.Delay(100); // lets the client get past the headers into the body; the call must cancel either way
        cancellation.Cancel();

        var exception = await Wire.ThrowsAsync<OperationCanceledException>(() => call.WaitAsync(Patience));
        exception.CancellationToken.ShouldBe(cancellation.Token);
    }
}
