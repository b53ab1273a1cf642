using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using Microsoft.AspNetCore.Http;

namespace SpecClients.Samples.Sandbox;

/// <summary>Everything the endpoint classes share: options, clock, token store, counters.</summary>
internal sealed class SandboxState
{
    private int _fincartRevoked;

    public SandboxState(SandboxOptions options)
    {
        Options = options;
        Tokens = new TokenStore(options.TimeProvider);
    }

    public SandboxOptions Options { get; }

    public TokenStore Tokens { get; }

    public SandboxCounters Counters { get; } = new();

    public DateTimeOffset Now => Tokens.Now;

    /// <summary>Set once <see cref="ProviderSandbox.RevokeAllTokens"/> ran for Fincart: its portal token is then refused.</summary>
    public bool FincartTokenRevoked
    {
        get => Volatile.Read(ref _fincartRevoked) != 0;
        set => Volatile.Write(ref _fincartRevoked, value ? 1 : 0);
    }
}

/// <summary>Small helpers for the endpoint classes.</summary>
internal static class SandboxHttp
{
    /// <summary>Property names are written exactly as declared (no camel-casing): they are the providers' own names.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = null };

    public static IResult Json(object body, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(body, JsonOptions, contentType: "application/json", statusCode: statusCode);

    /// <summary>Whether a <c>Content-Type</c> or <c>Accept</c> value is <c>application/json</c> (parameters ignored).</summary>
    public static bool IsJsonMediaType(string? value) =>
        value is not null && value.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Compares two secrets in constant time (for the length of the shorter one).</summary>
    public static bool SecretEquals(string? actual, string expected) =>
        actual is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(actual), Encoding.UTF8.GetBytes(expected));

    /// <summary>The single value of a request header, or null when it is absent or repeated.</summary>
    public static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;

    /// <summary>The token of an <c>Authorization: &lt;scheme&gt; &lt;token&gt;</c> header (scheme case-insensitive), or null.</summary>
    public static string? SchemeToken(HttpRequest request, string scheme)
    {
        string? value = Header(request, "Authorization");
        if (value is null || value.Length <= scheme.Length + 1 ||
            !value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || value[scheme.Length] != ' ')
        {
            return null;
        }

        return value.Substring(scheme.Length + 1).Trim();
    }

    /// <summary>The request path as the provider sees it: without the <c>/{provider}</c> prefix.</summary>
    public static string ProviderPath(HttpRequest request, string provider)
    {
        PathString full = request.PathBase.Add(request.Path);
        return full.StartsWithSegments("/" + provider, StringComparison.OrdinalIgnoreCase, out PathString rest)
            ? rest.Value ?? "/"
            : full.Value ?? "/";
    }

    /// <summary>Reads the body as a JSON object; null when it is empty, not JSON or not an object.</summary>
    public static async System.Threading.Tasks.Task<JsonElement?> ReadJsonObjectAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            using JsonDocument document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct).ConfigureAwait(false);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A string property of a JSON object, or null when absent or not a string.</summary>
    public static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
