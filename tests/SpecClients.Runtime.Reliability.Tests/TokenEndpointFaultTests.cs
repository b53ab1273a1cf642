using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Http;
using SpecClients.Runtime.Reliability.Tests.Support;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Runtime.Reliability.Tests;

/// <summary>
/// Faults of the token endpoint (Kitegateway's POST /v1/auth/token, Torus's POST /api/v1/session/generate), seen
/// through an authenticated call that needs the token. Each ends in a defined way within its time limit, leaks no
/// secret into the exception or the logs, and leaves nothing behind: once the server heals, the next call succeeds.
/// </summary>
public sealed class TokenEndpointFaultTests
{
    private const string ErrorJson = """{"code":"kitegateway_server_error","status":"error","message":"Something went wrong.","data":{}}""";

    [Fact]
    public async Task Http500WithErrorBodyFailsWithTypedApiExceptionAndIsNotRetried()
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.KitegatewayToken, Fault.Json(500, ErrorJson));

        var exception = await run.TokenFailsAsync<ApiException<FaultProviders.Kitegateway.ErrorResponse>>(run.KitegatewayCall);

        exception.StatusCode.ShouldBe(500);
        exception.OperationId.ShouldBe("createAccessToken");
        exception.Error.Code.ShouldBe("kitegateway_server_error");
        run.Server.Hits(Endpoint.KitegatewayToken).ShouldBe(1);
        run.Server.Hits(Endpoint.KitegatewayCallback).ShouldBe(0);
        await run.RecoversAsync(run.KitegatewayCall);
    }

    [Fact]
    public async Task HtmlErrorPageFailsWithApiExceptionKeepingTheBody()
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.KitegatewayToken, Fault.Html(502));

        var exception = await run.TokenFailsAsync<ApiException>(run.KitegatewayCall);

        exception.ShouldNotBeOfType<ApiException<FaultProviders.Kitegateway.ErrorResponse>>();
        exception.StatusCode.ShouldBe(502);
        exception.ResponseBody!.ShouldContain("Bad Gateway");
        exception.Message.ShouldNotContain("<html", Case.Insensitive);
        await run.RecoversAsync(run.KitegatewayCall);
    }

    [Fact]
    public async Task Http503WithRetryAfterIsRetriedOnceAndSucceeds()
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.KitegatewayToken, Fault.Status(503, retryAfter: "1"));

        await run.SucceedsAsync(run.KitegatewayCall);

        run.Server.Hits(Endpoint.KitegatewayToken).ShouldBe(2);
        await run.RecoversAsync(run.KitegatewayCall);
    }

    [Fact]
    public async Task Http503WithoutRetryAfterIsRetriedOnceAfterTheDefaultDelay()
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.KitegatewayToken, Fault.Status(503));

        await run.SucceedsAsync(run.KitegatewayCall);

        run.Server.Hits(Endpoint.KitegatewayToken).ShouldBe(2);
    }

    [Fact]
    public async Task PersistentHttp503FailsAfterExactlyOneRetry()
    {
        await using var run = (await FaultRun.StartAsync()).Always(Endpoint.KitegatewayToken, Fault.Status(503, retryAfter: "1"));

        var exception = await run.TokenFailsAsync<ApiException>(run.KitegatewayCall);

        exception.StatusCode.ShouldBe(503);
        exception.RetryAfter.ShouldBe(TimeSpan.FromSeconds(1));
        run.Server.Hits(Endpoint.KitegatewayToken).ShouldBe(2);
        await run.RecoversAsync(run.KitegatewayCall);
    }

    [Fact]
    public async Task Http429WithShortRetryAfterIsRetriedOnceAndSucceeds()
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.KitegatewayToken, Fault.Json(429, """{"message":"slow down"}""", retryAfter: "1"));

        await run.SucceedsAsync(run.KitegatewayCall);

        run.Server.Hits(Endpoint.KitegatewayToken).ShouldBe(2);
    }

    [Fact]
    public async Task Http429WithRetryAfterAsHttpDateIsRetried()
    {
        var date = DateTimeOffset.UtcNow.AddSeconds(2).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.KitegatewayToken, Fault.Status(429, retryAfter: date));

        await run.SucceedsAsync(run.KitegatewayCall);

        run.Server.Hits(Endpoint.KitegatewayToken).ShouldBe(2);
    }

    [Fact]
    public async Task Http429WithAnHourLongRetryAfterFailsAtOnceSayingHowLongToWait()
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.KitegatewayToken, Fault.Status(429, retryAfter: "3600"));

        var exception = await run.TokenFailsAsync<ApiException>(run.KitegatewayCall, TimeSpan.FromSeconds(3));

        exception.StatusCode.ShouldBe(429);
        exception.RetryAfter.ShouldBe(TimeSpan.FromHours(1));
        run.Server.Hits(Endpoint.KitegatewayToken).ShouldBe(1);
        await run.RecoversAsync(run.KitegatewayCall);
    }

    [Fact]
    public async Task TorusSessionPostIsRetriedAfter503BecauseItOnlyObtainsAToken()
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.TorusSession, Fault.Status(503, retryAfter: "1"));

        await run.SucceedsAsync(run.TorusCall);

        run.Server.Hits(Endpoint.TorusSession).ShouldBe(2);
        run.Server.Hits(Endpoint.TorusFunds).ShouldBe(1);
    }

    [Fact]
    public async Task DirectCallOfTheTokenOperationIsNotRetriedAfter503()
    {
        // Called by the user, POST /v1/auth/token is an ordinary POST: only the client's own token requests are retried.
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.KitegatewayToken, Fault.Status(503, retryAfter: "1"));

        var exception = await run.FailsAsync<ApiException>(() => run.Clients.Kitegateway.CreateAccessTokenAsync(new FaultProviders.Kitegateway.TokenRequest { ApiKey = Secrets.KitegatewayApiKey }));

        exception.StatusCode.ShouldBe(503);
        run.Server.Hits(Endpoint.KitegatewayToken).ShouldBe(1);
    }

    [Fact]
    public async Task NoAnswerWithinHttpClientTimeoutFailsWithATimeoutInside()
    {
        await using var run = (await FaultRun.StartAsync(httpTimeout: TimeSpan.FromSeconds(1))).Once(Endpoint.KitegatewayToken, Fault.Hang());

        await run.TokenFailsAsync<TimeoutException>(run.KitegatewayCall, TimeSpan.FromSeconds(5));

        await run.RecoversAsync(run.KitegatewayCall);
    }

    [Fact]
    public async Task NoAnswerWithinTokenRequestTimeoutFailsWithTimeoutException()
    {
        await using var run = (await FaultRun.StartAsync(tokens: t => t.TokenRequestTimeout = TimeSpan.FromSeconds(1))).Once(Endpoint.KitegatewayToken, Fault.Hang());

        await run.TokenFailsAsync<TimeoutException>(run.KitegatewayCall, TimeSpan.FromSeconds(5));

        await run.RecoversAsync(run.KitegatewayCall);
    }

    [Fact]
    public async Task DeadTokenEndpointFailsLaterCallersFastUntilTheBackoffEnds()
    {
        // Issue 12 point 6: without the back-off, each of these calls waited out its own TokenRequestTimeout.
        var backoff = TimeSpan.FromSeconds(2);
        // 3 s, not 1 s: the healed endpoint's answer at the end must arrive within it on a loaded CI machine.
        await using var run = (await FaultRun.StartAsync(tokens: t => t.TokenRequestTimeout = TimeSpan.FromSeconds(3), failureBackoff: backoff))
            .Always(Endpoint.KitegatewayToken, Fault.Hang());
        await run.TokenFailsAsync<TimeoutException>(run.KitegatewayCall, TimeSpan.FromSeconds(10));

        var fast = new TokenAcquisitionException[20];
        for (var i = 0; i < fast.Length; i++)
        {
            fast[i] = await run.FailsAsync<TokenAcquisitionException>(run.KitegatewayCall, TimeSpan.FromSeconds(5));
        }

        fast.ShouldAllBe(e => e.RetryNotBefore != null && e.InnerException is TimeoutException);
        run.Server.Hits(Endpoint.KitegatewayToken).ShouldBe(1);

        // Once the window has passed, the next caller asks again (and the healed server answers).
        run.Server.Heal();
        var waitUntil = fast[^1].RetryNotBefore!.Value;
        // A timer may fire a little before the wall clock reaches the instant it was set for: wait until it has passed.
        while (DateTimeOffset.UtcNow <= waitUntil)
        {
            await Task.Delay(waitUntil - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(20));
        }
        await run.RecoversAsync(run.KitegatewayCall);
        run.Server.Hits(Endpoint.KitegatewayToken).ShouldBe(2);
    }

    [Fact]
    public async Task CallerCancellationWhileTheTokenEndpointHangsEndsTheCallAtOnce()
    {
        await using var run = (await FaultRun.StartAsync(tokens: t => t.TokenRequestTimeout = TimeSpan.FromSeconds(3))).Once(Endpoint.KitegatewayToken, Fault.Hang());
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var exception = await run.FailsAsync<OperationCanceledException>(() => run.Clients.Kitegateway.SendTransactionCallbackAsync("KG-REF-1", cancellation.Token), TimeSpan.FromSeconds(2));

        exception.CancellationToken.ShouldBe(cancellation.Token);

        // The shared token request goes on and times out on its own. Waiting for its failure to be logged, not for a
        // fixed 3 s: its clock starts when the request does, and on a loaded machine the recovery call below would
        // otherwise join the request still in flight and fail with its timeout.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (run.Clients.Logs.WithEvent(EventIds.TokenRequestFailed).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        run.Clients.Logs.WithEvent(EventIds.TokenRequestFailed).ShouldNotBeEmpty("the hung token request never timed out");
        await Task.Delay(200); // the failure is logged just before the request's flight ends
        await run.RecoversAsync(run.KitegatewayCall);
    }

    [Fact]
    public async Task ConnectionResetBeforeHeadersFailsWithHttpRequestException()
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.KitegatewayToken, Fault.ResetBeforeHeaders());

        await run.TokenFailsAsync<HttpRequestException>(run.KitegatewayCall);

        await run.RecoversAsync(run.KitegatewayCall);
    }

    [Fact]
    public async Task ConnectionResetMidBodyFailsWithApiResponseFormatException()
    {
        var json = """{"code":200,"status":"success","message":"Token generated","data":{"token":"JWT kg-TOKEN-SECRET-cut-short-0123456789","expires":4102444800}}""";
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.KitegatewayToken, Fault.ResetMidBody(json));

        var exception = await run.TokenFailsAsync<ApiResponseFormatException>(run.KitegatewayCall);

        exception.Message.ShouldContain("connection closed");
        exception.OperationId.ShouldBe("createAccessToken");
        await run.RecoversAsync(run.KitegatewayCall);
    }

    [Fact]
    public async Task TruncatedJsonFailsWithApiResponseFormatException()
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.KitegatewayToken, Fault.Raw("truncated JSON", 200, "application/json", """{"code":200,"status":"success","data":{"token":"JWT kg-TOKEN-SECRET-trunc"""));

        await run.TokenFailsAsync<ApiResponseFormatException>(run.KitegatewayCall);

        await run.RecoversAsync(run.KitegatewayCall);
    }

    [Fact]
    public async Task HtmlPageWithStatus200FailsWithApiResponseFormatException()
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.KitegatewayToken, Fault.Raw("200 HTML page", 200, "text/html", "<html><body>Maintenance</body></html>"));

        await run.TokenFailsAsync<ApiResponseFormatException>(run.KitegatewayCall);

        await run.RecoversAsync(run.KitegatewayCall);
    }

    [Fact]
    public async Task EmptyBodyWithStatus200FailsWithApiResponseFormatException()
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.KitegatewayToken, Fault.Raw("200 empty body", 200, "application/json", string.Empty));

        var exception = await run.TokenFailsAsync<ApiResponseFormatException>(run.KitegatewayCall);

        exception.Message.ShouldContain("empty");
        await run.RecoversAsync(run.KitegatewayCall);
    }

    [Fact]
    public async Task WrongJsonTypesFailWithApiResponseFormatExceptionNamingTheMember()
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.KitegatewayToken, Fault.KitegatewayTokenData("token is an object", """{"token":{"value":"JWT kg-TOKEN-SECRET-nested"},"expires":4102444800}"""));

        var exception = await run.TokenFailsAsync<ApiResponseFormatException>(run.KitegatewayCall);

        exception.Message.ShouldContain("token", Case.Insensitive);
        await run.RecoversAsync(run.KitegatewayCall);
    }

    [Fact]
    public async Task ExpiryOfTheWrongTypeFailsWithApiResponseFormatException()
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.KitegatewayToken, Fault.KitegatewayTokenData("expires is text", """{"token":"JWT kg-TOKEN-SECRET-typed","expires":"tomorrow"}"""));

        await run.TokenFailsAsync<ApiResponseFormatException>(run.KitegatewayCall);

        await run.RecoversAsync(run.KitegatewayCall);
    }

    [Theory]
    [InlineData("missing token", """{"expires":4102444800}""")]
    [InlineData("empty token", """{"token":"","expires":4102444800}""")]
    [InlineData("whitespace token", """{"token":"   ","expires":4102444800}""")]
    [InlineData("null token", """{"token":null,"expires":4102444800}""")]
    [InlineData("null data", "null")]
    public async Task MissingOrEmptyTokenFailsWithTokenResponseException(string name, string data)
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.KitegatewayToken, Fault.KitegatewayTokenData(name, data));

        var exception = await run.TokenFailsAsync<TokenResponseException>(run.KitegatewayCall, test: nameof(MissingOrEmptyTokenFailsWithTokenResponseException) + "(" + name + ")");

        exception.Message.ShouldContain("/data/token");
        await run.RecoversAsync(run.KitegatewayCall);
    }

    [Fact]
    public async Task TokenWithALineBreakIsRefusedAndNotCachedSoTheNextCallRecovers()
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.KitegatewayToken, Fault.KitegatewayTokenData("token with CR/LF", """{"token":"JWT kg-TOKEN-SECRET\r\nX-Injected: 1","expires":4102444800}"""));

        var exception = await run.TokenFailsAsync<SpecClients.Runtime.Auth.TokenResponseException>(run.KitegatewayCall);

        exception.Message.ShouldContain("line breaks");
        exception.Message.ShouldNotContain("kg-TOKEN-SECRET");
        run.Server.Hits(Endpoint.KitegatewayCallback).ShouldBe(0);

        // The unusable token was never cached: once the server heals, the next call obtains a good one.
        run.Server.Heal();
        await run.RecoversAsync(run.KitegatewayCall);
        run.Server.Hits(Endpoint.KitegatewayToken).ShouldBe(2);
    }

    [Fact]
    public async Task TokenThatExpiredInThePastIsUsedOnceAndNotCached()
    {
        // The server issues a token it says expired a minute ago but still accepts: the client uses it for this call
        // and asks for a new one on the next.
        await using var run = await FaultRun.StartAsync();
        run.Once(Endpoint.KitegatewayToken, Fault.KitegatewayTokenExpiring("expiry in the past", now => (now.AddMinutes(5), now.AddMinutes(-1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture))));

        await run.SucceedsAsync(run.KitegatewayCall);
        await run.RecoversAsync(run.KitegatewayCall);

        run.Server.Hits(Endpoint.KitegatewayToken).ShouldBe(2);
    }

    [Theory]
    [InlineData("year 9999", "253402300799")]
    [InlineData("beyond DateTimeOffset", "9223372036854775807")]
    [InlineData("fractional and huge", "1e300")]
    [InlineData("negative", "-5")]
    [InlineData("zero", "0")]
    public async Task AbsurdExpiryNeitherBreaksTheCallNorPoisonsTheCache(string name, string expires)
    {
        await using var run = await FaultRun.StartAsync();
        run.Once(Endpoint.KitegatewayToken, Fault.KitegatewayTokenExpiring("expiry " + name, now => (now.AddMinutes(5), expires)));

        var (exception, _) = await Observe(run.KitegatewayCall);
        // Either the value is read (far expiries are clamped to MaximumLifetime, past ones used once) or refused as a
        // format error; both are defined, and the next call works.
        if (exception is not null)
        {
            exception.ShouldBeAssignableTo<TokenAcquisitionException>(exception.ToString())!
                .InnerException.ShouldBeAssignableTo<ApiResponseFormatException>(exception.ToString());
        }

        Support.RuntimeFigures.RecordFault(nameof(AbsurdExpiryNeitherBreaksTheCallNorPoisonsTheCache) + "(" + name + ")", "KitegatewayToken: expires " + expires, exception is null ? "succeeded" : exception.GetType().Name + ": " + exception.Message, TimeSpan.Zero);
        exception?.ToString().ShouldNotContain(Secrets.Marker);
        await run.RecoversAsync(run.KitegatewayCall);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task HugeTokenResponseFailsAtTheSizeLimit(bool declareLength)
    {
        await using var run = (await FaultRun.StartAsync(maxResponseBytes: 1024 * 1024)).Once(Endpoint.KitegatewayToken, Fault.Huge(8 * 1024 * 1024, declareLength));

        var exception = await run.TokenFailsAsync<ApiResponseFormatException>(run.KitegatewayCall, test: nameof(HugeTokenResponseFailsAtTheSizeLimit) + "(" + (declareLength ? "Content-Length" : "chunked") + ")");

        exception.Message.ShouldContain("exceeds the limit of 1048576 bytes");
        await run.RecoversAsync(run.KitegatewayCall);
    }

    [Fact]
    public async Task SlowDripTokenResponseIsCutOffByHttpClientTimeout()
    {
        var json = """{"code":200,"status":"success","message":"Token generated","data":{"token":"JWT kg-TOKEN-SECRET-drip","expires":4102444800}}""";
        await using var run = (await FaultRun.StartAsync(httpTimeout: TimeSpan.FromSeconds(1.5))).Once(Endpoint.KitegatewayToken, Fault.SlowDrip(json, TimeSpan.FromMilliseconds(100)));

        await run.TokenFailsAsync<TimeoutException>(run.KitegatewayCall, TimeSpan.FromSeconds(5));

        await run.RecoversAsync(run.KitegatewayCall);
    }

    [Fact]
    public async Task WrongCredentialsFailWith401WithoutRetryLoops()
    {
        await using var run = await FaultRun.StartAsync(kitegatewaySecretKey: "sk-SECRET-wrong-key");
        run.FaultName = "KitegatewayToken: wrong Secret-Key, 401 from the server";

        var exception = await run.TokenFailsAsync<ApiException>(run.KitegatewayCall);

        exception.StatusCode.ShouldBe(401);
        exception.OperationId.ShouldBe("createAccessToken");
        run.Server.Hits(Endpoint.KitegatewayToken).ShouldBe(1);
        run.Clients.Logs.AllText().ShouldNotContain(Secrets.Marker);
    }

    private static async Task<(Exception? Exception, TimeSpan Elapsed)> Observe(Func<Task> call)
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var task = call();
        (await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(10)))).ShouldBe(task, "the call hung");
        try
        {
            await task;
            return (null, stopwatch.Elapsed);
        }
        catch (Exception ex)
        {
            return (ex, stopwatch.Elapsed);
        }
    }
}
