using System;
using System.Threading.Tasks;
using Providers.Kitegateway;
using Shouldly;
using SpecClients.Client.Tests.Support;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Auth.Generated;
using SpecClients.Runtime.Http;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Client.Tests;

public sealed class KitegatewayWireTests
{
    private const string SecretKey = "kg-api-secret-5f9c";
    private const string Token = "JWT eyJhbGciOiJIUzI1NiJ9.kite-payload.kite-signature";

    private const string TokenResponseJson =
        """{"code":200,"status":"success","message":"Token generated","data":{"token":"JWT eyJhbGciOiJIUzI1NiJ9.kite-payload.kite-signature","expires":1622197906}}""";

    [Fact]
    public async Task KitegatewayTokenRequestSendsSecretKeyAndJsonBody()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, TokenResponseJson);
        var client = CreateClient(server);

        var response = await client.CreateAccessTokenAsync(new TokenRequest { ApiKey = "kg-api-key", ExpiresIn = 900 });

        var request = server.SingleRequest;
        request.Method.ShouldBe("POST");
        request.Path.ShouldBe("/v1/auth/token");
        request.Query.ShouldBe(string.Empty);
        request.Header("Secret-Key").ShouldBe(SecretKey);
        request.Header("Authorization").ShouldBeNull();
        request.Header("Content-Type").ShouldBe("application/json");
        request.Header("Accept").ShouldBe("application/json");
        request.BodyText.ShouldBe("""{"api_key":"kg-api-key","expires_in":900}""");

        response.Code.ShouldBe(200);
        response.Status.ShouldBe("success");
        response.Message.ShouldBe("Token generated");
        response.Data.ShouldNotBeNull();
        response.Data.Token.ShouldBe(Token);
        response.Data.Expires.ShouldBe(1622197906L);
        DateTimeOffset.FromUnixTimeSeconds(response.Data.Expires!.Value).ShouldBe(new DateTimeOffset(2021, 5, 28, 10, 31, 46, TimeSpan.Zero));
        response.AdditionalProperties.ShouldBeNull();
        response.ToString().ShouldNotContain("kite-signature");
    }

    [Fact]
    public async Task KitegatewayTokenRequestOmitsExpiresInWhenUnset()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, TokenResponseJson);
        var client = CreateClient(server);

        await client.CreateAccessTokenAsync(new TokenRequest { ApiKey = "kg-api-key" });

        server.SingleRequest.BodyText.ShouldBe("""{"api_key":"kg-api-key"}""");
    }

    [Fact]
    public async Task KitegatewaySuccessCodeSentAsStringStillReadsAsNumber()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, """{"code":"200","status":"success","data":{"token":"JWT t","expires":"1622197906"}}""");
        var client = CreateClient(server);

        var response = await client.CreateAccessTokenAsync(new TokenRequest { ApiKey = "kg-api-key" });

        response.Code.ShouldBe(200);
        response.Data!.Expires.ShouldBe(1622197906L);
    }

    [Fact]
    public async Task KitegatewayCallbackSendsTokenAsIsAndEscapesTheReference()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, """{"code":200,"status":"success","message":"Callback sent","data":{"queued":true}}""");
        var client = CreateClient(server, new ApiKeyAuthenticator("kitegatewayToken", ApiKeyLocation.Header, "Authorization", Token));

        var response = await client.SendTransactionCallbackAsync("KG 12/34?x#y");

        var request = server.SingleRequest;
        request.Method.ShouldBe("GET");
        request.Path.ShouldBe("/v1/transactions/send-callback/KG%2012%2F34%3Fx%23y");
        request.Query.ShouldBe(string.Empty);
        request.Header("Authorization").ShouldBe(Token);
        request.Header("Secret-Key").ShouldBeNull("the Secret-Key belongs to the token request only");
        request.Header("Content-Type").ShouldBeNull();
        request.Header("Accept").ShouldBe("application/json");
        request.Body.ShouldBeEmpty();

        response.Code.ShouldBe(200);
        response.Message.ShouldBe("Callback sent");
        response.Data.ShouldNotBeNull();
        response.Data["queued"].GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task KitegatewayCallbackWithoutTokenSchemeFailsBeforeSending()
    {
        await using var server = await RecordingServer.StartAsync();
        var client = CreateClient(server);

        var exception = await Wire.ThrowsAsync<InvalidOperationException>(() => client.SendTransactionCallbackAsync("KG-1"));

        exception.Message.ShouldContain("'sendTransactionCallback'");
        exception.Message.ShouldContain("kitegatewayToken");
        exception.Message.ShouldNotContain(SecretKey);
        server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task KitegatewayUnauthorizedGivesTypedErrorWithStringCode()
    {
        const string body = """{"code":"kitegateway_rest_term_invalid","status":"error","message":"Invalid api_key kg-api-key","data":{"status":401}}""";
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(401, body);
        var client = CreateClient(server);

        var exception = await Wire.ThrowsAsync<ApiException<ErrorResponse>>(() => client.CreateAccessTokenAsync(new TokenRequest { ApiKey = "kg-api-key" }));

        exception.StatusCode.ShouldBe(401);
        exception.ApiName.ShouldBe(KitegatewayClient.ApiName);
        exception.OperationId.ShouldBe("createAccessToken");
        exception.ResponseBody.ShouldBe(body);
        exception.Error.Code.ShouldBe("kitegateway_rest_term_invalid");
        exception.Error.Status.ShouldBe("error");
        exception.Error.Message.ShouldBe("Invalid api_key kg-api-key");
        exception.Error.Data!["status"].GetInt32().ShouldBe(401);
        exception.Message.ShouldBe("Kitegateway API operation 'createAccessToken' failed with HTTP 401 (Unauthorized).");
        server.Requests.Count.ShouldBe(1, "a static Secret-Key cannot be refreshed, so a 401 is not retried");
    }

    [Fact]
    public async Task KitegatewayErrorCodeSentAsNumberStillReadsAsString()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(400, """{"code":400,"status":"error","message":"Bad request"}""");
        var client = CreateClient(server);

        var exception = await Wire.ThrowsAsync<ApiException<ErrorResponse>>(() => client.CreateAccessTokenAsync(new TokenRequest { ApiKey = "kg-api-key" }));

        exception.StatusCode.ShouldBe(400);
        exception.Error.Code.ShouldBe("400");
        exception.Error.Message.ShouldBe("Bad request");
    }

    [Fact]
    public async Task KitegatewayHtmlErrorPageGivesPlainApiException()
    {
        const string html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        await using var server = await RecordingServer.StartAsync();
        server.Respond(500, "text/html; charset=utf-8", html);
        var client = CreateClient(server);

        var exception = await Wire.ThrowsAsync<ApiException>(() => client.CreateAccessTokenAsync(new TokenRequest { ApiKey = "kg-api-key" }));

        exception.GetType().ShouldBe(typeof(ApiException), "the declared error schema does not match an HTML page");
        exception.StatusCode.ShouldBe(500);
        exception.OperationId.ShouldBe("createAccessToken");
        exception.ResponseBody.ShouldBe(html);
    }

    [Fact]
    public async Task KitegatewayUndeclaredStatusGivesPlainApiException()
    {
        const string body = """{"code":"forbidden","status":"error","message":"Forbidden"}""";
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(403, body);
        var client = CreateClient(server);

        var exception = await Wire.ThrowsAsync<ApiException>(() => client.CreateAccessTokenAsync(new TokenRequest { ApiKey = "kg-api-key" }));

        exception.GetType().ShouldBe(typeof(ApiException), "the spec declares no body for 403");
        exception.StatusCode.ShouldBe(403);
        exception.ResponseBody.ShouldBe(body);
    }

    [Fact]
    public async Task KitegatewayTruncatedTokenResponseGivesFormatErrorWithoutTheToken()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, """{"code":200,"status":"success","data":{"token":"JWT kite-secret-token-9a""");
        var client = CreateClient(server);

        var exception = await Wire.ThrowsAsync<ApiResponseFormatException>(() => client.CreateAccessTokenAsync(new TokenRequest { ApiKey = "kg-api-key" }));

        exception.StatusCode.ShouldBe(200);
        exception.OperationId.ShouldBe("createAccessToken");
        exception.Message.ShouldStartWith("Kitegateway API operation 'createAccessToken' returned HTTP 200 with a body that could not be read: ");
        exception.ToString().ShouldNotContain("kite-secret-token-9a");
        exception.ResponseBody.ShouldBeNull();
    }

    [Fact]
    public async Task KitegatewayTokenDataOfWrongShapeNamesTheMemberWithoutItsValue()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, """{"code":200,"data":{"token":"JWT kite-secret-token-9a","expires":"tomorrow kite-secret-expiry"}}""");
        var client = CreateClient(server);

        var exception = await Wire.ThrowsAsync<ApiResponseFormatException>(() => client.CreateAccessTokenAsync(new TokenRequest { ApiKey = "kg-api-key" }));

        exception.Message.ShouldContain("'expires'");
        exception.Message.ShouldContain("'TokenData'");
        exception.ToString().ShouldNotContain("kite-secret");
    }

    [Fact]
    public async Task KitegatewayNotFoundWithEmptyBodyGivesPlainApiExceptionWithoutBody()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Respond(404, null, string.Empty);
        var client = CreateClient(server, new ApiKeyAuthenticator("kitegatewayToken", ApiKeyLocation.Header, "Authorization", Token));

        var exception = await Wire.ThrowsAsync<ApiException>(() => client.SendTransactionCallbackAsync("KG-404"));

        exception.GetType().ShouldBe(typeof(ApiException));
        exception.StatusCode.ShouldBe(404);
        exception.OperationId.ShouldBe("sendTransactionCallback");
        exception.ResponseBody.ShouldBeNull();
    }

    [Fact]
    public async Task KitegatewayTokenResponseWithUtf8ByteOrderMarkIsRead()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, "\uFEFF" + TokenResponseJson);
        var client = CreateClient(server);

        var response = await client.CreateAccessTokenAsync(new TokenRequest { ApiKey = "kg-api-key" });

        response.Data!.Token.ShouldBe(Token);
    }

    [Fact]
    public async Task KitegatewayTokenResponseFollowedByTrailingTextGivesFormatError()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, TokenResponseJson + "<br /><b>Warning</b>: debug output");
        var client = CreateClient(server);

        var exception = await Wire.ThrowsAsync<ApiResponseFormatException>(() => client.CreateAccessTokenAsync(new TokenRequest { ApiKey = "kg-api-key" }));

        exception.OperationId.ShouldBe("createAccessToken");
        exception.ToString().ShouldNotContain("kite-signature");
    }

    private static KitegatewayClient CreateClient(RecordingServer server, params IRequestAuthenticator[] authenticators) =>
        new(server.CreateHttpClient(), new KitegatewayClientOptions { BaseAddress = server.Uri, SecretKey = SecretKey }, authenticators);
}
