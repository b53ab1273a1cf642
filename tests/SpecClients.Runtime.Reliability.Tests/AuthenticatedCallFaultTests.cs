using System;
using System.Threading.Tasks;
using Shouldly;
using SpecClients.Runtime.Http;
using SpecClients.Runtime.Reliability.Tests.Support;
using Xunit;

namespace SpecClients.Runtime.Reliability.Tests;

/// <summary>
/// Faults of authenticated calls: Kitegateway's GET (idempotent: retried after 429/503 within the policy) and Torus's
/// POST (never repeated automatically, except after a 401 with a refreshed token). The token stays cached through
/// faults that are not about the token, and every fault ends in a defined way without leaking a secret.
/// </summary>
public sealed class AuthenticatedCallFaultTests
{
    private const string ErrorJson = """{"code":"kitegateway_server_error","status":"error","message":"Something went wrong.","data":{}}""";
    private const string CallbackJson = """{"code":200,"status":"success","message":"Callback sent","data":{"padding":"0123456789012345678901234567890123456789"}}""";

    [Fact]
    public async Task Http500FailsWithTypedApiExceptionAndKeepsTheToken()
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.KitegatewayCallback, Fault.Json(500, ErrorJson));

        var exception = await run.FailsAsync<ApiException<FaultProviders.Kitegateway.ErrorResponse>>(run.KitegatewayCall);

        exception.StatusCode.ShouldBe(500);
        exception.OperationId.ShouldBe("sendTransactionCallback");
        run.Server.Hits(Endpoint.KitegatewayCallback).ShouldBe(1);
        await run.RecoversAsync(run.KitegatewayCall);
        run.Server.Hits(Endpoint.KitegatewayToken).ShouldBe(1);
    }

    [Fact]
    public async Task IdempotentGetIsRetriedOnceAfter503WithRetryAfter()
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.KitegatewayCallback, Fault.Json(503, ErrorJson, retryAfter: "1"));

        await run.SucceedsAsync(run.KitegatewayCall);

        run.Server.Hits(Endpoint.KitegatewayCallback).ShouldBe(2);
        run.Server.Hits(Endpoint.KitegatewayToken).ShouldBe(1);
    }

    [Fact]
    public async Task PersistentHttp429OnAGetFailsAfterOneRetry()
    {
        await using var run = (await FaultRun.StartAsync()).Always(Endpoint.KitegatewayCallback, Fault.Status(429, retryAfter: "1"));

        var exception = await run.FailsAsync<ApiException>(run.KitegatewayCall);

        exception.StatusCode.ShouldBe(429);
        exception.RetryAfter.ShouldBe(TimeSpan.FromSeconds(1));
        run.Server.Hits(Endpoint.KitegatewayCallback).ShouldBe(2);
        await run.RecoversAsync(run.KitegatewayCall);
    }

    [Fact]
    public async Task NonIdempotentPostIsNotRetriedAfter503()
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.TorusFunds, Fault.Json(503, """{"status":"error","message":"busy"}""", retryAfter: "1"));

        var exception = await run.FailsAsync<ApiException>(run.TorusCall);

        exception.StatusCode.ShouldBe(503);
        exception.RetryAfter.ShouldBe(TimeSpan.FromSeconds(1));
        run.Server.Hits(Endpoint.TorusFunds).ShouldBe(1);
        await run.RecoversAsync(run.TorusCall);
    }

    [Fact]
    public async Task NonIdempotentPostIsNotRetriedAfter429()
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.TorusFunds, Fault.Status(429, retryAfter: "1"));

        var exception = await run.FailsAsync<ApiException>(run.TorusCall);

        exception.StatusCode.ShouldBe(429);
        run.Server.Hits(Endpoint.TorusFunds).ShouldBe(1);
        await run.RecoversAsync(run.TorusCall);
    }

    [Fact]
    public async Task RevokedTokenIsReplacedAndTheCallRetriedOnce()
    {
        await using var run = await FaultRun.StartAsync();
        await run.KitegatewayCall();
        run.Server.RevokeAllTokens();
        run.FaultName = "KitegatewayCallback: token revoked (401 once)";

        await run.SucceedsAsync(run.KitegatewayCall);

        run.Server.Hits(Endpoint.KitegatewayToken).ShouldBe(2);
        run.Server.Hits(Endpoint.KitegatewayCallback).ShouldBe(3);
    }

    [Fact]
    public async Task RevokedTokenOnAPostIsReplacedAndTheCallRetriedOnce()
    {
        await using var run = await FaultRun.StartAsync();
        await run.TorusCall();
        run.Server.RevokeAllTokens();
        run.FaultName = "TorusFunds: token revoked (401 once)";

        await run.SucceedsAsync(run.TorusCall);

        run.Server.Hits(Endpoint.TorusSession).ShouldBe(2);
        run.Server.Hits(Endpoint.TorusFunds).ShouldBe(3);
    }

    [Fact]
    public async Task Persistent401FailsAfterOneRefreshAndRecoversWhenTheServerDoes()
    {
        await using var run = (await FaultRun.StartAsync()).Always(Endpoint.KitegatewayCallback, Fault.Json(401, """{"code":"kitegateway_invalid_token","status":"error","message":"Invalid token.","data":{}}"""));

        var exception = await run.FailsAsync<ApiException>(run.KitegatewayCall);

        exception.StatusCode.ShouldBe(401);
        run.Server.Hits(Endpoint.KitegatewayCallback).ShouldBe(2);
        run.Server.Hits(Endpoint.KitegatewayToken).ShouldBe(2);
        await run.RecoversAsync(run.KitegatewayCall);
    }

    [Fact]
    public async Task ConnectionResetMidBodyFailsWithApiResponseFormatExceptionAndKeepsTheToken()
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.KitegatewayCallback, Fault.ResetMidBody(CallbackJson));

        var exception = await run.FailsAsync<ApiResponseFormatException>(run.KitegatewayCall);

        exception.OperationId.ShouldBe("sendTransactionCallback");
        await run.RecoversAsync(run.KitegatewayCall);
        run.Server.Hits(Endpoint.KitegatewayToken).ShouldBe(1);
    }

    [Fact]
    public async Task ConnectionResetBeforeHeadersOnAPostFailsWithoutRetry()
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.TorusFunds, Fault.ResetBeforeHeaders());

        await run.FailsAsync<System.Net.Http.HttpRequestException>(run.TorusCall);

        run.Server.Hits(Endpoint.TorusFunds).ShouldBe(1);
        await run.RecoversAsync(run.TorusCall);
    }

    [Fact]
    public async Task HtmlPageWithStatus200FailsWithApiResponseFormatException()
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.KitegatewayCallback, Fault.Raw("200 HTML page", 200, "text/html", "<html><body>Please log in</body></html>"));

        await run.FailsAsync<ApiResponseFormatException>(run.KitegatewayCall);

        await run.RecoversAsync(run.KitegatewayCall);
    }

    [Fact]
    public async Task TruncatedJsonFailsWithApiResponseFormatException()
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.TorusFunds, Fault.Raw("truncated JSON", 200, "application/json", """{"data":[{"limit_type":"CAP"""));

        await run.FailsAsync<ApiResponseFormatException>(run.TorusCall);

        await run.RecoversAsync(run.TorusCall);
    }

    [Fact]
    public async Task WrongJsonTypesFailWithApiResponseFormatException()
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.TorusFunds, Fault.Json(200, """{"data":"not a list","message":7,"status":["x"]}"""));

        await run.FailsAsync<ApiResponseFormatException>(run.TorusCall);

        await run.RecoversAsync(run.TorusCall);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task HugeBodyFailsAtTheSizeLimit(bool declareLength)
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.KitegatewayCallback, Fault.Huge(8 * 1024 * 1024, declareLength));

        var exception = await run.FailsAsync<ApiResponseFormatException>(run.KitegatewayCall, test: nameof(HugeBodyFailsAtTheSizeLimit) + "(" + (declareLength ? "Content-Length" : "chunked") + ")");

        exception.Message.ShouldContain("exceeds the limit");
        await run.RecoversAsync(run.KitegatewayCall);
    }

    [Fact]
    public async Task SlowDripBodyIsCutOffByHttpClientTimeout()
    {
        await using var run = (await FaultRun.StartAsync(httpTimeout: TimeSpan.FromSeconds(1.5))).Once(Endpoint.KitegatewayCallback, Fault.SlowDrip(CallbackJson, TimeSpan.FromMilliseconds(100)));

        var exception = await run.FailsAsync<TaskCanceledException>(run.KitegatewayCall, TimeSpan.FromSeconds(5));

        exception.InnerException.ShouldBeOfType<TimeoutException>();
        await run.RecoversAsync(run.KitegatewayCall);
    }

    [Fact]
    public async Task CallerCancellationWhileTheBodyDripsEndsTheCallWithTheCallersToken()
    {
        await using var run = (await FaultRun.StartAsync()).Once(Endpoint.KitegatewayCallback, Fault.SlowDrip(CallbackJson, TimeSpan.FromMilliseconds(100)));
        using var cancellation = new System.Threading.CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var exception = await run.FailsAsync<OperationCanceledException>(() => run.Clients.Kitegateway.SendTransactionCallbackAsync("KG-REF-1", cancellation.Token), TimeSpan.FromSeconds(3));

        exception.CancellationToken.ShouldBe(cancellation.Token);
        await run.RecoversAsync(run.KitegatewayCall);
    }

    [Fact]
    public async Task NoAnswerFailsWithTaskCanceledExceptionAtHttpClientTimeout()
    {
        await using var run = (await FaultRun.StartAsync(httpTimeout: TimeSpan.FromSeconds(1))).Once(Endpoint.TorusFunds, Fault.Hang());

        await run.FailsAsync<TaskCanceledException>(run.TorusCall, TimeSpan.FromSeconds(5));

        run.Server.Hits(Endpoint.TorusFunds).ShouldBe(1);
        await run.RecoversAsync(run.TorusCall);
    }
}
