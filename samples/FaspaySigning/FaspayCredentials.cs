using System;

namespace SpecClients.Samples.Faspay;

/// <summary>
/// The seven credentials a Faspay SendMe merchant receives. Only <see cref="FaspayKey"/> is ever sent as is
/// (in the <c>faspay-key</c> header); the others only feed the <c>faspay-authorization</c> and
/// <c>faspay-signature</c> headers computed by <see cref="FaspaySignature"/>.
/// </summary>
/// <remarks><see cref="ToString"/> shows the Faspay key only, never a secret.</remarks>
public sealed class FaspayCredentials
{
    /// <summary>Creates a set of credentials; every value must be non-empty.</summary>
    /// <param name="faspayKey">The Faspay Key, sent in the <c>faspay-key</c> header.</param>
    /// <param name="faspaySecret">The Faspay Secret: its SHA-256 is the AES key.</param>
    /// <param name="appKey">The App Key (first half of the authorization text).</param>
    /// <param name="appSecret">The App Secret (second half of the authorization text).</param>
    /// <param name="clientKey">The Client Key (first part of the token part).</param>
    /// <param name="clientSecret">The Client Secret (second part of the token part).</param>
    /// <param name="iv">The IV credential, hashed with the Faspay Secret into the AES IV.</param>
    /// <exception cref="ArgumentException">A value is null or empty.</exception>
    public FaspayCredentials(
        string faspayKey,
        string faspaySecret,
        string appKey,
        string appSecret,
        string clientKey,
        string clientSecret,
        string iv)
    {
        ArgumentException.ThrowIfNullOrEmpty(faspayKey);
        ArgumentException.ThrowIfNullOrEmpty(faspaySecret);
        ArgumentException.ThrowIfNullOrEmpty(appKey);
        ArgumentException.ThrowIfNullOrEmpty(appSecret);
        ArgumentException.ThrowIfNullOrEmpty(clientKey);
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        ArgumentException.ThrowIfNullOrEmpty(iv);
        FaspayKey = faspayKey;
        FaspaySecret = faspaySecret;
        AppKey = appKey;
        AppSecret = appSecret;
        ClientKey = clientKey;
        ClientSecret = clientSecret;
        Iv = iv;
    }

    /// <summary>The Faspay Key, sent as is in the <c>faspay-key</c> header.</summary>
    public string FaspayKey { get; }

    /// <summary>The Faspay Secret; SHA-256 of it is the AES-256 key.</summary>
    public string FaspaySecret { get; }

    /// <summary>The App Key, part of <c>APP_KEY:APP_SECRET</c>.</summary>
    public string AppKey { get; }

    /// <summary>The App Secret, part of <c>APP_KEY:APP_SECRET</c>.</summary>
    public string AppSecret { get; }

    /// <summary>The Client Key, part of the token part.</summary>
    public string ClientKey { get; }

    /// <summary>The Client Secret, part of the token part.</summary>
    public string ClientSecret { get; }

    /// <summary>The IV credential: the AES IV is the last 16 characters of hex MD5(FaspaySecret + Iv).</summary>
    public string Iv { get; }

    /// <summary>Describes the credentials by their Faspay key; every other value is redacted.</summary>
    /// <returns>For example <c>FaspayCredentials { FaspayKey = 31932, secrets redacted }</c>.</returns>
    public override string ToString() => $"FaspayCredentials {{ FaspayKey = {FaspayKey}, secrets redacted }}";
}
