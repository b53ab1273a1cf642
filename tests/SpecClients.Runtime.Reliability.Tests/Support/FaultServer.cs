using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SpecClients.Testing;

namespace SpecClients.Runtime.Reliability.Tests.Support;

/// <summary>The four endpoints the fault server serves: two token endpoints and two authenticated calls.</summary>
internal enum Endpoint
{
    /// <summary>Kitegateway's POST /v1/auth/token (token in data.token, expiry in data.expires, Unix seconds).</summary>
    KitegatewayToken,

    /// <summary>Kitegateway's GET /v1/transactions/send-callback/{reference}, needing the token.</summary>
    KitegatewayCallback,

    /// <summary>Torus's POST /api/v1/session/generate (token in AccessToken, no expiry: the client's lifetime applies).</summary>
    TorusSession,

    /// <summary>Torus's POST /api/v1/funds/, needing the token.</summary>
    TorusFunds,
}

/// <summary>
/// A Kestrel server on 127.0.0.1 that behaves like Kitegateway and Torus — issues tokens with a lifetime, checks every
/// authenticated request's token (known, not expired) and counts — until told to misbehave: each endpoint takes a queue
/// of one-off faults and a standing fault. It never sends a secret back.
/// </summary>
internal sealed class FaultServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Endpoint, ConcurrentQueue<Fault>> _queued = new();
    private readonly ConcurrentDictionary<Endpoint, Fault> _standing = new();
    private readonly ConcurrentDictionary<Endpoint, int> _hits = new();
    private readonly ConcurrentQueue<(string Prefix, DateTimeOffset At)> _issued = new();
    private LoopbackServer? _server;
    private int _tokenCounter;
    private int _expiredSeen;
    private int _unknownSeen;

    private FaultServer()
    {
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Uri => _server!.Uri;

    /// <summary>How long Kitegateway tokens live; the response's data.expires is the issue time plus this, rounded up to a second.</summary>
    public TimeSpan KitegatewayLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long Torus tokens live on the server (the response says nothing; the client assumes its DefaultLifetime).</summary>
    public TimeSpan TorusLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Requests that carried a token the server had issued but that had expired (the client should never send one).</summary>
    public int ExpiredTokensSeen => Volatile.Read(ref _expiredSeen);

    /// <summary>Requests that carried no token or one the server never issued.</summary>
    public int UnknownTokensSeen => Volatile.Read(ref _unknownSeen);

    /// <summary>When each token whose value starts with <paramref name="prefix"/> was issued, in order.</summary>
    public DateTimeOffset[] IssueTimes(string prefix) => _issued.Where(i => i.Prefix == prefix).Select(i => i.At).ToArray();

    public static async Task<FaultServer> StartAsync()
    {
        var server = new FaultServer();
        server._server = await LoopbackServer.StartAsync(
            server.HandleAsync,
            options => options.Limits.MinResponseDataRate = null); // slow-drip faults drip on purpose
        return server;
    }

    /// <summary>How many requests reached <paramref name="endpoint"/>.</summary>
    public int Hits(Endpoint endpoint) => _hits.TryGetValue(endpoint, out var hits) ? hits : 0;

    /// <summary>Answers the next request to <paramref name="endpoint"/> with <paramref name="fault"/>, then behaves again.</summary>
    public FaultServer Once(Endpoint endpoint, Fault fault)
    {
        _queued.GetOrAdd(endpoint, _ => new ConcurrentQueue<Fault>()).Enqueue(fault);
        return this;
    }

    /// <summary>Answers every request to <paramref name="endpoint"/> with <paramref name="fault"/> until <see cref="Heal"/>.</summary>
    public FaultServer Always(Endpoint endpoint, Fault fault)
    {
        _standing[endpoint] = fault;
        return this;
    }

    /// <summary>Drops every fault: the server behaves from now on.</summary>
    public void Heal()
    {
        _queued.Clear();
        _standing.Clear();
    }

    /// <summary>Forgets every token issued so far (as a server restart would): they are rejected with 401 from now on.</summary>
    public void RevokeAllTokens() => _tokens.Clear();

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        Endpoint? endpoint = path switch
        {
            "/v1/auth/token" => Endpoint.KitegatewayToken,
            _ when path.StartsWith("/v1/transactions/send-callback/", StringComparison.Ordinal) => Endpoint.KitegatewayCallback,
            "/api/v1/session/generate" => Endpoint.TorusSession,
            "/api/v1/funds/" => Endpoint.TorusFunds,
            _ => null,
        };
        if (endpoint is not { } which)
        {
            context.Response.StatusCode = 404;
            return;
        }

        _hits.AddOrUpdate(which, 1, (_, n) => n + 1);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        if (_queued.TryGetValue(which, out var queue) && queue.TryDequeue(out var once))
        {
            await once.Apply(context, this);
            return;
        }

        if (_standing.TryGetValue(which, out var standing))
        {
            await standing.Apply(context, this);
            return;
        }

        await BehaveAsync(context, which, body.ToArray());
    }

    private async Task BehaveAsync(HttpContext context, Endpoint endpoint, byte[] body)
    {
        switch (endpoint)
        {
            case Endpoint.KitegatewayToken:
                if (context.Request.Headers["Secret-Key"] != Secrets.KitegatewaySecretKey || !Encoding.UTF8.GetString(body).Contains(Secrets.KitegatewayApiKey, StringComparison.Ordinal))
                {
                    await WriteJsonAsync(context, 401, """{"code":"kitegateway_invalid_credentials","status":"error","message":"Invalid api_key or Secret-Key.","data":{}}""");
                    return;
                }

                var (token, expiresAt) = Issue("JWT kg-", KitegatewayLifetime, roundUpToSecond: true);
                await WriteJsonAsync(context, 200, JsonSerializer.Serialize(new { code = 200, status = "success", message = "Token generated", data = new { token, expires = expiresAt.ToUnixTimeSeconds() } }));
                return;
            case Endpoint.TorusSession:
                var session = JsonDocument.Parse(body).RootElement;
                if (context.Request.Headers["Token"] != Secrets.TorusRequestToken
                    || session.GetProperty("API_KEY").GetString() != Secrets.TorusApiKey || session.GetProperty("API_SECRET").GetString() != Secrets.TorusApiSecret)
                {
                    await WriteJsonAsync(context, 401, """{"status":"error","message":"Invalid session request."}""");
                    return;
                }

                var (accessToken, _) = Issue("torus-", TorusLifetime, roundUpToSecond: false);
                await WriteJsonAsync(context, 200, JsonSerializer.Serialize(new { AccessToken = accessToken }));
                return;
            case Endpoint.KitegatewayCallback:
                if (await CheckTokenAsync(context, context.Request.Headers.Authorization.ToString(), "JWT "))
                {
                    await WriteJsonAsync(context, 200, """{"code":200,"status":"success","message":"Callback sent","data":{}}""");
                }

                return;
            case Endpoint.TorusFunds:
                if (await CheckTokenAsync(context, context.Request.Headers.Authorization.ToString(), "Bearer "))
                {
                    await WriteJsonAsync(context, 200, """{"data":[{"limit_type":"CAPITAL","available_balance":1070511.46}],"message":"Success","status":"success"}""");
                }

                return;
        }
    }

    private (string Token, DateTimeOffset ExpiresAt) Issue(string prefix, TimeSpan lifetime, bool roundUpToSecond)
    {
        var now = DateTimeOffset.UtcNow;
        var expiresAt = now + lifetime;
        if (roundUpToSecond)
        {
            expiresAt = DateTimeOffset.FromUnixTimeSeconds((long)Math.Ceiling(expiresAt.ToUnixTimeMilliseconds() / 1000.0));
        }

        var token = prefix + "TOKEN-" + Secrets.Marker + "-" + Interlocked.Increment(ref _tokenCounter).ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
        _tokens[token] = expiresAt;
        _issued.Enqueue((prefix, now));
        return (token, expiresAt);
    }

    /// <summary>Registers a token issued by a fault (say, one that expired in the past), so the authenticated endpoints know it.</summary>
    public string RegisterToken(string prefix, DateTimeOffset expiresAt)
    {
        var token = prefix + "TOKEN-" + Secrets.Marker + "-" + Interlocked.Increment(ref _tokenCounter).ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
        _tokens[token] = expiresAt;
        _issued.Enqueue((prefix, DateTimeOffset.UtcNow));
        return token;
    }

    private async Task<bool> CheckTokenAsync(HttpContext context, string authorization, string scheme)
    {
        // Kitegateway's tokens start with "JWT " themselves and are sent as they are; Torus's follow "Bearer ".
        var token = scheme == "Bearer " && authorization.StartsWith(scheme, StringComparison.Ordinal) ? authorization.Substring(scheme.Length) : authorization;

        if (!_tokens.TryGetValue(token, out var expiresAt))
        {
            Interlocked.Increment(ref _unknownSeen);
            await WriteJsonAsync(context, 401, """{"code":"kitegateway_invalid_token","status":"error","message":"Invalid token.","data":{}}""");
            return false;
        }

        if (DateTimeOffset.UtcNow >= expiresAt)
        {
            Interlocked.Increment(ref _expiredSeen);
            await WriteJsonAsync(context, 401, """{"code":"kitegateway_expired_token","status":"error","message":"Expired token.","data":{}}""");
            return false;
        }

        return true;
    }

    internal static async Task WriteJsonAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
