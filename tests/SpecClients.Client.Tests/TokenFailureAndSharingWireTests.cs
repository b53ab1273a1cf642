using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Providers.Kitegateway;
using Providers.SecuritySchemes;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Http;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Client.Tests;

/// <summary>
/// Issue 12 points 6 and 7 with generated clients on the wire: a refused token operation is a
/// <see cref="TokenAcquisitionException"/>, and clients created with <c>new</c> and the same credentials send one token
/// request between them (different credentials never share).
/// </summary>
public sealed class TokenFailureAndSharingWireTests
{
    private const int Clients = 12;

    [Fact]
    public async Task RefusedTokenOperationIsATokenAcquisitionExceptionAroundTheTypedError()
    {
        const string body = """{"code":"kitegateway_rest_term_invalid","status":"error","message":"Invalid api_key","data":{"status":401}}""";
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(401, body);
        var options = new KitegatewayClientOptions
        {
            BaseAddress = server.Uri,
            SecretKey = "kg-secret-key-3e1f",
            KitegatewayTokenRequest = new TokenRequest { ApiKey = "kg-api-key-77d0" },
        };
        var client = new KitegatewayClient(server.CreateHttpClient(), options);

        var error = await Should.ThrowAsync<TokenAcquisitionException>(() => client.SendTransactionCallbackAsync("KG-1"));

        error.SchemeName.ShouldBe("kitegatewayToken");
        error.StatusCode.ShouldBe(401);
        error.OperationId.ShouldBe("createAccessToken");
        error.InnerException.ShouldBeOfType<ApiException<ErrorResponse>>().Error.Code.ShouldBe("kitegateway_rest_term_invalid");
        error.Message.ShouldNotContain("kg-secret-key-3e1f");
        error.Message.ShouldNotContain("kg-api-key-77d0");

        (await Should.ThrowAsync<TokenAcquisitionException>(() => client.SendTransactionCallbackAsync("KG-2"))).RetryNotBefore.ShouldNotBeNull();
        server.Requests.Count.ShouldBe(1, "within the back-off the second call fails fast instead of asking again");
    }

    [Fact]
    public async Task ClientsCreatedWithNewAndTheSameCredentialsSendOneTokenRequest()
    {
        await using var server = await TokenServer.StartAsync(expectedTokenRequests: Clients);

        var calls = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            var client = new SecuritySchemesClient(NewHttpClient(), server.Options("shared-client", "shared-secret-0a9e"));
            await client.GetAsMachineAsync();
        })).ToArray();
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));

        server.TokenRequests.ShouldBe(1);
        server.Bearers.Count.ShouldBe(Clients);
        server.Bearers.Distinct().ShouldHaveSingleItem().ShouldBe("Bearer " + TokenServer.TokenFor("shared-client", "shared-secret-0a9e"));
    }

    [Fact]
    public async Task ClientsWithDifferentSecretsGetDifferentTokens()
    {
        await using var server = await TokenServer.StartAsync(expectedTokenRequests: 2);
        var first = new SecuritySchemesClient(NewHttpClient(), server.Options("client", "secret-one-71c2"));
        var second = new SecuritySchemesClient(NewHttpClient(), server.Options("client", "secret-two-09b4"));

        await Task.WhenAll(first.GetAsMachineAsync(), second.GetAsMachineAsync()).WaitAsync(TimeSpan.FromSeconds(30));

        server.TokenRequests.ShouldBe(2);
        server.Bearers.OrderBy(b => b).ShouldBe(new[]
        {
            "Bearer " + TokenServer.TokenFor("client", "secret-one-71c2"),
            "Bearer " + TokenServer.TokenFor("client", "secret-two-09b4"),
        }.OrderBy(b => b));
    }

    // What a user writes: a new HttpClient per client (without a proxy, which would not reach 127.0.0.1 here).
    private static HttpClient NewHttpClient() => new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });

    /// <summary>
    /// An authorization server for the client-credentials scheme of TestSpecs/security-schemes.yaml: counts token
    /// requests, issues a token derived from the client's credentials, and records the bearer every API call carries.
    /// It holds token answers until the expected number of requests arrived (or 3 s passed), so that clients that would
    /// each send their own request do so before any token exists.
    /// </summary>
    private sealed class TokenServer : IAsyncDisposable
    {
        private readonly int _expected;
        private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _tokenRequests;
        private LoopbackServer? _server;

        private TokenServer(int expected) => _expected = expected;

        public int TokenRequests => Volatile.Read(ref _tokenRequests);

        public ConcurrentQueue<string> Bearers { get; } = new();

        public static async Task<TokenServer> StartAsync(int expectedTokenRequests)
        {
            var server = new TokenServer(expectedTokenRequests);
            server._server = await LoopbackServer.StartAsync(server.HandleAsync);
            return server;
        }

        public static string TokenFor(string clientId, string secret) =>
            "tok-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(clientId + "\n" + secret)))[..16];

        public SecuritySchemesClientOptions Options(string clientId, string secret) => new()
        {
            BaseAddress = new Uri(_server!.Uri, "v1/"),
            ClientCredentialsClientId = clientId,
            ClientCredentialsClientSecret = secret,
            ClientCredentialsScope = "read",
        };

        public ValueTask DisposeAsync() => _server!.DisposeAsync();

        private async Task HandleAsync(HttpContext context)
        {
            if (context.Request.Path == "/oauth2/token")
            {
                if (Interlocked.Increment(ref _tokenRequests) >= _expected)
                {
                    _allArrived.TrySetResult();
                }

                await Task.WhenAny(_allArrived.Task, Task.Delay(TimeSpan.FromSeconds(3)));
                var basic = Encoding.UTF8.GetString(Convert.FromBase64String(context.Request.Headers.Authorization.ToString()["Basic ".Length..]));
                var colon = basic.IndexOf(':');
                var token = TokenFor(Uri.UnescapeDataString(basic[..colon]), Uri.UnescapeDataString(basic[(colon + 1)..]));
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
                return;
            }

            Bearers.Enqueue(context.Request.Headers.Authorization.ToString());
            context.Response.StatusCode = 204;
        }
    }
}
