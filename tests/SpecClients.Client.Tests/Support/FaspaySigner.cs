using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SpecClients.Runtime.Auth;

namespace SpecClients.Client.Tests.Support;

/// <summary>
/// The signing hook a Faspay SendMe user supplies, written the way providers.md and the spec's x-signature describe
/// (AES-256-CBC as Faspay's own SDKs do it). It signs the path as the spec writes it and records each context it saw.
/// </summary>
public sealed class FaspaySigner : IRequestSigner
{
    /// <summary>The made-up credentials of the published test vector.</summary>
    public const string FaspayKey = "example-faspay-key";
    public const string FaspaySecret = "example-faspay-secret";
    public const string AppKey = "example-app-key";
    public const string AppSecret = "example-app-secret";
    public const string ClientKey = "example-client-key";
    public const string ClientSecret = "example-client-secret";
    public const string Iv = "example-iv";

    private readonly string? _accessToken;
    private readonly bool _tokensEndpointReading;
    private readonly ConcurrentQueue<RequestSigningContext> _contexts = new();

    /// <summary>Creates the signer.</summary>
    /// <param name="accessToken">The access token for calls after the token request; null for the token request.</param>
    /// <param name="tokensEndpointReading">
    /// Sign a token request made for an operation over <c>/account/api/tokens</c> (the docs' other reading) instead of
    /// the path of the service it is for (the SDKs' reading).
    /// </param>
    public FaspaySigner(string? accessToken = null, bool tokensEndpointReading = false)
    {
        _accessToken = accessToken;
        _tokensEndpointReading = tokensEndpointReading;
    }

    /// <summary>The contexts the client passed, in order.</summary>
    public IReadOnlyCollection<RequestSigningContext> Contexts => _contexts;

    /// <summary>Faspay's aes(text).</summary>
    public static string Aes(string text)
    {
        using var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = SHA256.HashData(Encoding.UTF8.GetBytes(FaspaySecret));
        var md5 = Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(FaspaySecret + Iv))).ToLowerInvariant();
        var iv = Encoding.ASCII.GetBytes(md5.Substring(md5.Length - 16));
        return Convert.ToBase64String(aes.EncryptCbc(Encoding.UTF8.GetBytes(text), iv, PaddingMode.PKCS7));
    }

    /// <summary>The token part of the signed string.</summary>
    public static string TokenPart(string? accessToken) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(ClientKey + ":" + ClientSecret + (accessToken is null ? string.Empty : ":" + accessToken)));

    /// <inheritdoc/>
    public ValueTask SignAsync(RequestSigningContext context, CancellationToken cancellationToken)
    {
        _contexts.Enqueue(context);
        var request = context.Request;
        var timestamp = context.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        // The SDKs sign a token request over the path of the service the token is for: the operation's path up to its
        // first parameter (/account/api/balance_inquiry/{virtual_account} -> /account/api/balance_inquiry).
        var path = context.TokenTarget is { } target && !_tokensEndpointReading
            ? target.Path.Substring(0, target.Path.IndexOf('{') is var brace and >= 0 ? brace : target.Path.Length).TrimEnd('/')
            : AuthRequestOptions.GetApiPath(request);
        var signed = request.Method.Method + ":" + path + ":" + timestamp + ":" + TokenPart(_accessToken ?? context.AccessToken) + ":";
        request.Headers.TryAddWithoutValidation("faspay-key", FaspayKey);
        request.Headers.TryAddWithoutValidation("faspay-timestamp", timestamp);
        request.Headers.TryAddWithoutValidation("faspay-signature", Aes(signed));
        request.Headers.TryAddWithoutValidation("faspay-authorization", Aes(AppKey + ":" + AppSecret));
        return default;
    }
}

/// <summary>
/// Stands for a scheme whose credential travels inside another scheme's signature (Faspay's faspayAccessToken,
/// <c>x-token.send: signature</c>): it satisfies the security requirement and adds nothing itself.
/// </summary>
public sealed class CarriedBySignatureAuthenticator : IRequestAuthenticator
{
    /// <summary>Creates the authenticator.</summary>
    public CarriedBySignatureAuthenticator(string schemeName) => SchemeName = schemeName;

    /// <inheritdoc/>
    public string SchemeName { get; }

    /// <inheritdoc/>
    public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken) => default;

    /// <inheritdoc/>
    public ValueTask<bool> OnUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken) => new(false);
}

/// <summary>A clock that moves only when told to.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now;

    /// <summary>Creates the clock.</summary>
    public ManualClock(DateTimeOffset now) => _now = now;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by) => _now += by;
}
