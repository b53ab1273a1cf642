using System;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SpecClients.Runtime.Reliability.Tests.Support;

/// <summary>One way for the fault server to misbehave on one request.</summary>
internal sealed class Fault
{
    private readonly Func<HttpContext, FaultServer, Task> _apply;

    private Fault(string name, Func<HttpContext, FaultServer, Task> apply)
    {
        Name = name;
        _apply = apply;
    }

    public string Name { get; }

    public Task Apply(HttpContext context, FaultServer server) => _apply(context, server);

    public override string ToString() => Name;

    /// <summary>A status with a JSON body, and optionally a Retry-After header.</summary>
    public static Fault Json(int status, string json, string? retryAfter = null) => new($"{status} JSON" + (retryAfter is null ? string.Empty : " Retry-After: " + retryAfter), async (context, _) =>
    {
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        await FaultServer.WriteJsonAsync(context, status, json);
    });

    /// <summary>A status with no body, and optionally a Retry-After header.</summary>
    public static Fault Status(int status, string? retryAfter = null) => new($"{status}" + (retryAfter is null ? string.Empty : " Retry-After: " + retryAfter), (context, _) =>
    {
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        context.Response.StatusCode = status;
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    });

    /// <summary>An HTML error page, as a proxy or a load balancer sends it.</summary>
    public static Fault Html(int status) => Raw($"{status} HTML page", status, "text/html; charset=utf-8", "<!DOCTYPE html><html><head><title>" + status + "</title></head><body><h1>Bad Gateway</h1><p>nginx</p></body></html>");

    /// <summary>Any body with any media type.</summary>
    public static Fault Raw(string name, int status, string? contentType, string body) => new(name, async (context, _) =>
    {
        context.Response.StatusCode = status;
        if (contentType is not null)
        {
            context.Response.ContentType = contentType;
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    });

    /// <summary>Closes the connection before sending anything.</summary>
    public static Fault ResetBeforeHeaders() => new("connection reset before headers", (context, _) =>
    {
        context.Abort();
        return Task.CompletedTask;
    });

    /// <summary>Sends the headers (with the full Content-Length) and part of the body, then resets the connection.</summary>
    public static Fault ResetMidBody(string json) => new("connection reset mid-body", async (context, _) =>
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        await Task.Delay(100);
        context.Abort();
    });

    /// <summary>Never answers, until the client goes away.</summary>
    public static Fault Hang() => new("no answer", async (context, _) =>
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up.
        }
    });

    /// <summary>A correct body, sent one byte every <paramref name="interval"/>.</summary>
    public static Fault SlowDrip(string json, TimeSpan interval) => new($"slow drip (1 byte per {interval.TotalMilliseconds:F0} ms)", async (context, _) =>
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        try
        {
            foreach (var b in bytes)
            {
                await context.Response.Body.WriteAsync(new[] { b }, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(interval, context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The client gave up.
        }
    });

    /// <summary>A JSON body of <paramref name="bytes"/> bytes, with or without a Content-Length.</summary>
    public static Fault Huge(int bytes, bool declareLength) => new($"huge body ({bytes / (1024 * 1024)} MiB, {(declareLength ? "Content-Length" : "chunked")})", async (context, _) =>
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        if (declareLength)
        {
            context.Response.ContentLength = bytes;
        }

        var prefix = Encoding.UTF8.GetBytes("{\"padding\":\"");
        var chunk = Encoding.UTF8.GetBytes(new string('x', 64 * 1024));
        try
        {
            await context.Response.Body.WriteAsync(prefix, context.RequestAborted);
            var written = prefix.Length;
            while (written < bytes - 2)
            {
                var length = Math.Min(chunk.Length, bytes - 2 - written);
                await context.Response.Body.WriteAsync(chunk.AsMemory(0, length), context.RequestAborted);
                written += length;
            }

            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("\"}"), context.RequestAborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.IO.IOException or InvalidOperationException)
        {
            // The client stopped reading at its limit.
        }
    });

    /// <summary>A Kitegateway token response with the given data object (raw JSON).</summary>
    public static Fault KitegatewayTokenData(string name, string dataJson)
    {
        var json = Json(200, """{"code":200,"status":"success","message":"Token generated","data":""" + dataJson + "}");
        return new Fault(name, json.Apply);
    }

    /// <summary>A Kitegateway token that the server knows, with the given expiry (Unix seconds as JSON).</summary>
    public static Fault KitegatewayTokenExpiring(string name, Func<DateTimeOffset, (DateTimeOffset ServerExpiry, string ExpiresJson)> expiry) => new(name, async (context, server) =>
    {
        var (serverExpiry, expiresJson) = expiry(DateTimeOffset.UtcNow);
        var token = server.RegisterToken("JWT kg-", serverExpiry);
        await FaultServer.WriteJsonAsync(context, 200, """{"code":200,"status":"success","message":"Token generated","data":{"token":""" + System.Text.Json.JsonSerializer.Serialize(token) + ""","expires":""" + expiresJson + "}}");
    });

    internal static string Seconds(TimeSpan value) => ((long)value.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
