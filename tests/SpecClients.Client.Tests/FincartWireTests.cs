using System;
using System.Threading.Tasks;
using Providers.Fincart;
using Shouldly;
using SpecClients.Client.Tests.Support;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Auth.Generated;
using SpecClients.Runtime.Http;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Client.Tests;

public sealed class FincartWireTests
{
    private const string MerchantToken = "fc-merchant-token-0d40";

    private const string LogsJson =
        """{"statusCode":200,"data":{"logs":[{"title":"Order Created","description":"Order placed by merchant","createdAt":"2024-03-01T10:15:30.000Z","by":"merchant"},{"title":"Picked Up","description":"Courier collected","createdAt":"2024-03-02T08:00:00+05:30","by":"courier"}]}}""";

    [Fact]
    public async Task FincartOrderLogsSendsRawTokenAndReadsLogs()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, LogsJson);
        var client = CreateClient(server);

        var response = await client.GetOrderLogsAsync("ORD-1001");

        var request = server.SingleRequest;
        request.Method.ShouldBe("GET");
        request.Path.ShouldBe("/v4/orders/ORD-1001/logs");
        request.Query.ShouldBe(string.Empty);
        request.Header("Authorization").ShouldBe(MerchantToken, "Fincart takes the token raw, with no scheme prefix");
        request.Header("Accept").ShouldBe("application/json");
        request.Header("Content-Type").ShouldBeNull();
        request.Body.ShouldBeEmpty();

        response.StatusCode.ShouldBe(200);
        var logs = response.Data!.Logs!;
        logs.Count.ShouldBe(2);
        logs[0].Title.ShouldBe("Order Created");
        logs[0].Description.ShouldBe("Order placed by merchant");
        logs[0].CreatedAt.ShouldBe(new DateTimeOffset(2024, 3, 1, 10, 15, 30, TimeSpan.Zero));
        logs[0].By.ShouldBe("merchant");
        logs[1].CreatedAt.ShouldBe(new DateTimeOffset(2024, 3, 2, 8, 0, 0, TimeSpan.FromHours(5.5)));
        logs[1].By.ShouldBe("courier");
    }

    [Theory]
    [InlineData("ORD 1001", "/v4/orders/ORD%201001/logs")]
    [InlineData("ORD/1001", "/v4/orders/ORD%2F1001/logs")]
    [InlineData("a?b#c&d=e", "/v4/orders/a%3Fb%23c%26d%3De/logs")]
    [InlineData("50%+ü", "/v4/orders/50%25%2B%C3%BC/logs")]
    public async Task FincartOrderIdIsPercentEncodedIntoOnePathSegment(string orderId, string expectedPath)
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, LogsJson);
        var client = CreateClient(server);

        await client.GetOrderLogsAsync(orderId);

        server.SingleRequest.Path.ShouldBe(expectedPath);
        server.SingleRequest.Query.ShouldBe(string.Empty);
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    public async Task FincartDotSegmentOrderIdStaysInsideItsPathSegment(string orderId)
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, LogsJson);
        var client = CreateClient(server);

        var exception = await Record.ExceptionAsync(() => client.GetOrderLogsAsync(orderId));

        if (exception is null)
        {
            server.SingleRequest.Path.ShouldBe("/v4/orders/" + orderId.Replace(".", "%2E", StringComparison.Ordinal) + "/logs");
        }
        else
        {
            exception.ShouldBeOfType<ArgumentException>();
            server.Requests.ShouldBeEmpty("a value that cannot be sent as one path segment must not reach another endpoint");
        }
    }

    [Fact]
    public async Task FincartForbiddenGivesTypedErrorBody()
    {
        const string body = """{"statusCode":403,"timestamp":"2024-03-01T10:15:30.000Z","path":"/v4/orders/ORD-1001/logs","message":"User is not authorized","errors":["User is not authorized"]}""";
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(403, body);
        var client = CreateClient(server);

        var exception = await Wire.ThrowsAsync<ApiException<ErrorResponse>>(() => client.GetOrderLogsAsync("ORD-1001"));

        exception.StatusCode.ShouldBe(403);
        exception.OperationId.ShouldBe("getOrderLogs");
        exception.ResponseBody.ShouldBe(body);
        exception.Error.StatusCode.ShouldBe(403);
        exception.Error.Timestamp.ShouldBe(new DateTimeOffset(2024, 3, 1, 10, 15, 30, TimeSpan.Zero));
        exception.Error.Path.ShouldBe("/v4/orders/ORD-1001/logs");
        exception.Error.Message.ShouldBe("User is not authorized");
        exception.Error.Errors.ShouldBe(new[] { "User is not authorized" });
        exception.Message.ShouldNotContain("User is not authorized");
    }

    [Fact]
    public async Task FincartOtherErrorStatusUsesTheDefaultErrorBody()
    {
        const string body = """{"statusCode":404,"message":"Order not found","errors":["Order not found"]}""";
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(404, body);
        var client = CreateClient(server);

        var exception = await Wire.ThrowsAsync<ApiException<ErrorResponse>>(() => client.GetOrderLogsAsync("ORD-404"));

        exception.StatusCode.ShouldBe(404);
        exception.Error.Message.ShouldBe("Order not found");
        exception.Error.Timestamp.ShouldBeNull();
    }

    [Fact]
    public async Task FincartExplicitAuthenticatorReplacesTheOptionsCredential()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, LogsJson);
        var client = new FincartClient(
            server.CreateHttpClient(),
            new FincartClientOptions { BaseAddress = server.Uri, FincartToken = MerchantToken },
            new IRequestAuthenticator[] { new ApiKeyAuthenticator("fincartToken", ApiKeyLocation.Query, "access token", "a b&c=d") });

        await client.GetOrderLogsAsync("ORD-1001");

        var request = server.SingleRequest;
        request.Path.ShouldBe("/v4/orders/ORD-1001/logs");
        request.Query.ShouldBe("?access%20token=a%20b%26c%3Dd");
        request.Header("Authorization").ShouldBeNull();
    }

    private static FincartClient CreateClient(RecordingServer server) =>
        new(server.CreateHttpClient(), new FincartClientOptions { BaseAddress = server.Uri, FincartToken = MerchantToken });
}
