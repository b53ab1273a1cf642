using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Auth.Generated;
using SpecClients.Runtime.Tests.Support;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Runtime.Tests.Auth;

public sealed class AuthenticationHandlerTests
{
    private readonly FakeTimeProvider _clock = TestClock.Create();

    [Fact]
    public async Task UnauthorizedIsRetriedExactlyOnceWithANewTokenAndIdenticalBodyBytes()
    {
        await using var server = await RecordingServer.StartAsync(r => r.Authorization == "Bearer token-1" ? 401 : 200);
        var source = new TestTokenSource();
        using var client = CreateClient(new TokenAuthenticator("oauth", Providers.Create(source, _clock)));
        var body = RandomBytes(64 * 1024);

        // A non-seekable stream: re-sending it is only possible because the handler buffered it.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Uri, "payments?x=1"))
        {
            Content = new StreamContent(new ForwardOnlyStream(body)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        server.Requests.Count.ShouldBe(2);
        server.Requests.Select(r => r.Authorization).ShouldBe(new[] { "Bearer token-1", "Bearer token-2" });
        server.Requests.ShouldAllBe(r => r.Body.SequenceEqual(body));
        server.Requests.ShouldAllBe(r => r.ContentType == "application/octet-stream" && r.PathAndQuery == "/payments?x=1");
        source.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task UnauthorizedAgainAfterTheRetryIsReturnedWithoutLooping()
    {
        // 401 twice, then 200: a handler that tried a third time would get the 200.
        var answered = 0;
        await using var server = await RecordingServer.StartAsync(_ => Interlocked.Increment(ref answered) <= 2 ? 401 : 200);
        var source = new TestTokenSource();
        using var client = CreateClient(new TokenAuthenticator("oauth", Providers.Create(source, _clock)));

        var body = "{\"a\":1}"u8.ToArray();
        using var response = await client.PostAsync(server.Uri, new ByteArrayContent(body));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        server.Requests.Count.ShouldBe(2);
        server.Requests.ShouldAllBe(r => r.Body.SequenceEqual(body));
    }

    [Fact]
    public async Task StaticCredentialsAreNotRetried()
    {
        await using var server = await RecordingServer.StartAsync(_ => 401);
        using var client = CreateClient(new BasicAuthenticator("basicAuth", "shop", "pw"));

        using var response = await client.GetAsync(server.Uri);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        server.Requests.Count.ShouldBe(1);
        server.Requests[0].Authorization.ShouldStartWith("Basic ");
    }

    [Fact]
    public async Task RequestsAlreadyMarkedAuthenticatedPassThroughUntouched()
    {
        await using var server = await RecordingServer.StartAsync(_ => 401);
        var source = new TestTokenSource();
        using var client = CreateClient(new TokenAuthenticator("oauth", Providers.Create(source, _clock)));
        using var request = new HttpRequestMessage(HttpMethod.Get, server.Uri);
        AuthRequestOptions.MarkAuthenticated(request);

        using var response = await client.SendAsync(request);

        server.Requests.Single().Authorization.ShouldBeNull();
        source.Calls.ShouldBe(0);
    }

    [Fact]
    public void SynchronousSendIsRefusedRatherThanSentUnauthenticated()
    {
        using var client = new HttpClient(new AuthenticationHandler(new BearerAuthenticator("bearer", "t")) { InnerHandler = new HttpClientHandler() });
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:9/");

        Should.Throw<NotSupportedException>(() => client.Send(request));
    }

    // The timeout turns a retry loop into a failure instead of a hang.
    private static HttpClient CreateClient(IRequestAuthenticator authenticator) =>
        new(new AuthenticationHandler(authenticator) { InnerHandler = new SocketsHttpHandler() }) { Timeout = TimeSpan.FromSeconds(10) };

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(42).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A stream that can be read once, front to back.</summary>
    private sealed class ForwardOnlyStream : ReadOnlyForwardStream
    {
        private readonly MemoryStream _inner;

        public ForwardOnlyStream(byte[] bytes) => _inner = new MemoryStream(bytes, writable: false);

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
    }
}
