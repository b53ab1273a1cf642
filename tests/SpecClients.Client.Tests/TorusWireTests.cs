using System;
using System.Text.Json;
using System.Threading.Tasks;
using Providers.Torus;
using Shouldly;
using SpecClients.Client.Tests.Support;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Auth.Generated;
using SpecClients.Runtime.Http;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Client.Tests;

public sealed class TorusWireTests
{
    private const string RequestToken = "torus-request-token-86c9";
    private const string SessionToken = "torus-access-token-a0934";

    [Fact]
    public async Task TorusSessionRequestSendsTokenHeaderAndUppercaseMembers()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, """{"AccessToken":"torus-access-token-a0934"}""");
        var client = CreateClient(server);

        var response = await client.GenerateSessionAsync(new SessionRequest { ApiKey = "torus-api-key", ApiSecret = "torus-api-secret" });

        var request = server.SingleRequest;
        request.Method.ShouldBe("POST");
        request.Path.ShouldBe("/api/v1/session/generate");
        request.Query.ShouldBe(string.Empty);
        request.Header("Token").ShouldBe(RequestToken);
        request.Header("Authorization").ShouldBeNull();
        request.Header("Content-Type").ShouldBe("application/json");
        request.Header("Accept").ShouldBe("application/json");
        request.BodyText.ShouldBe("""{"API_KEY":"torus-api-key","API_SECRET":"torus-api-secret"}""");

        response.AccessToken.ShouldBe(SessionToken);
        response.AdditionalProperties.ShouldBeNull();
        response.ToString().ShouldNotContain(SessionToken);
    }

    [Fact]
    public async Task TorusSessionBodyEscapesQuotesBackslashesAndNonAscii()
    {
        const string secret = "se\"cr\\et+<é>&\n";
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, """{"AccessToken":"t"}""");
        var client = CreateClient(server);

        await client.GenerateSessionAsync(new SessionRequest { ApiKey = "torus-api-key", ApiSecret = secret });

        var body = server.SingleRequest.BodyText;
        // Minimal escaping: only what JSON requires (the body is not embedded in HTML).
        body.ShouldBe("""{"API_KEY":"torus-api-key","API_SECRET":"se\"cr\\et+<é>&\n"}""");
        using var document = JsonDocument.Parse(body);
        document.RootElement.GetProperty("API_SECRET").GetString().ShouldBe(secret);
    }

    [Fact]
    public async Task TorusFundsSendsBearerTokenToTheTrailingSlashPathAndReadsLimits()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, """{"data":[{"limit_type":"CASH","segment":"EQ","available_balance":125000.5,"total_balance":"130000.25","mtm_combined":-42}],"message":"Success","status":"success"}""");
        var client = CreateClient(server, new BearerAuthenticator("torusAccessToken", SessionToken));

        var response = await client.GetFundsAsync(new FundsRequest { Source = "N" });

        var request = server.SingleRequest;
        request.Method.ShouldBe("POST");
        request.Path.ShouldBe("/api/v1/funds/");
        request.Header("Authorization").ShouldBe("Bearer " + SessionToken);
        request.Header("Token").ShouldBeNull("the request token belongs to generateSession only");
        request.Header("Content-Type").ShouldBe("application/json");
        request.BodyText.ShouldBe("""{"source":"N"}""");

        response.Status.ShouldBe("success");
        response.Message.ShouldBe("Success");
        var limit = response.Data.ShouldHaveSingleItem();
        limit.LimitType.ShouldBe("CASH");
        limit.Segment.ShouldBe("EQ");
        limit.AvailableBalance.ShouldBe(125000.5);
        limit.TotalBalance.ShouldBe(130000.25);
        limit.MtmCombined.ShouldBe(-42d);
        limit.LimitSod.ShouldBeNull();
    }

    [Fact]
    public async Task TorusErrorGivesTypedErrorBody()
    {
        const string body = """{"status":"error","message":"Invalid session","request_id":"r-1"}""";
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(401, body);
        var client = CreateClient(server, new BearerAuthenticator("torusAccessToken", SessionToken));

        var exception = await Wire.ThrowsAsync<ApiException<ErrorResponse>>(() => client.GetFundsAsync(new FundsRequest { Source = "N" }));

        exception.StatusCode.ShouldBe(401);
        exception.OperationId.ShouldBe("getFunds");
        exception.ResponseBody.ShouldBe(body);
        exception.Error.Status.ShouldBe("error");
        exception.Error.Message.ShouldBe("Invalid session");
        exception.Error.AdditionalProperties!["request_id"].GetString().ShouldBe("r-1");
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task TorusEmptySuccessBodyGivesFormatError()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Respond(200, "application/json", string.Empty);
        var client = CreateClient(server);

        var exception = await Wire.ThrowsAsync<ApiResponseFormatException>(() => client.GenerateSessionAsync(new SessionRequest { ApiKey = "k", ApiSecret = "s" }));

        exception.Message.ShouldEndWith("could not be read: the body is empty");
        exception.OperationId.ShouldBe("generateSession");
    }

    [Fact]
    public async Task TorusResponseOverMaxResponseBytesIsRefused()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, """{"AccessToken":"torus-access-token-a0934","padding":"0123456789012345678901234567890123456789"}""");
        var client = new TorusClient(server.CreateHttpClient(), new TorusClientOptions { BaseAddress = server.Uri, RequestToken = RequestToken, MaxResponseBytes = 64 });

        var exception = await Wire.ThrowsAsync<ApiResponseFormatException>(() => client.GenerateSessionAsync(new SessionRequest { ApiKey = "k", ApiSecret = "s" }));

        exception.Message.ShouldContain("exceeds the limit of 64 bytes");
        exception.ToString().ShouldNotContain(SessionToken);
    }

    [Fact]
    public async Task TorusSessionWithoutBodyThrowsBeforeSending()
    {
        await using var server = await RecordingServer.StartAsync();
        var client = CreateClient(server);

        var exception = await Wire.ThrowsAsync<ArgumentNullException>(() => client.GenerateSessionAsync(null!));

        exception.ParamName.ShouldBe("body");
        server.Requests.ShouldBeEmpty();
    }

    private static TorusClient CreateClient(RecordingServer server, params IRequestAuthenticator[] authenticators) =>
        new(server.CreateHttpClient(), new TorusClientOptions { BaseAddress = server.Uri, RequestToken = RequestToken }, authenticators);
}
