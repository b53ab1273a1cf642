using System;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SpecClients.Samples.Sandbox.Providers;

/// <summary>
/// Fincart: no token endpoint (the token is copied from the merchant portal); every call carries it raw as
/// <c>Authorization: &lt;token&gt;</c>, no prefix (doc). A bad token gives HTTP 403 with the documented body.
/// </summary>
internal static class FincartEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, SandboxState state)
    {
        RouteGroupBuilder group = routes.MapGroup("/" + SandboxProviders.Fincart);
        group.MapGet("/v4/orders/{order_id}/logs", (HttpContext context, string order_id) => OrderLogs(context, order_id, state));
    }

    private static IResult OrderLogs(HttpContext context, string orderId, SandboxState state)
    {
        ProviderCounters counters = state.Counters.Fincart;
        string? token = SandboxHttp.Header(context.Request, "Authorization");
        if (state.FincartTokenRevoked || !SandboxHttp.SecretEquals(token, state.Options.FincartToken))
        {
            counters.CallRejected();
            return SandboxHttp.Json(
                new
                {
                    statusCode = 403,
                    timestamp = Iso(state.Now),
                    path = SandboxHttp.ProviderPath(context.Request, SandboxProviders.Fincart),
                    message = "User is not authorized",
                    errors = new[] { "User is not authorized" },
                },
                StatusCodes.Status403Forbidden);
        }

        counters.CallAccepted();
        DateTimeOffset now = state.Now;
        return SandboxHttp.Json(new
        {
            statusCode = 200,
            message = "Order logs fetched successfully",
            data = new
            {
                logs = new[]
                {
                    new { title = "Order Created", description = $"Order {orderId} was created", createdAt = Iso(now.AddHours(-3)), by = "merchant" },
                    new { title = "Order Shipped", description = $"Order {orderId} was handed to the courier", createdAt = Iso(now.AddHours(-1)), by = "system" },
                },
            },
        });
    }

    private static string Iso(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
