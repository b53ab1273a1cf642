using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SpecClients.Samples.Faspay;

/// <summary>
/// The Faspay SendMe header algorithm as Faspay's own PHP and Python SDKs implement it (the docs say "HMAC",
/// both SDKs use AES):
/// <list type="bullet">
/// <item><c>aes(text)</c> = base64 of AES-256-CBC with PKCS#7 padding, key = SHA-256(faspay_secret) as 32 raw bytes,
/// IV = the last 16 characters of the lowercase hex MD5 of (faspay_secret + iv), as 16 ASCII bytes;</item>
/// <item><c>faspay-authorization</c> = aes(<c>APP_KEY:APP_SECRET</c>);</item>
/// <item>token part = base64(<c>CLIENT_KEY:CLIENT_SECRET</c>) for the token request,
/// base64(<c>CLIENT_KEY:CLIENT_SECRET:ACCESS_TOKEN</c>) for every later call;</item>
/// <item><c>faspay-signature</c> = aes(<c>METHOD:PATH:TIMESTAMP:TOKEN_PART:</c>) (the body part is empty, so the
/// text ends with <c>:</c>);</item>
/// <item><c>faspay-timestamp</c> = <c>yyyy-MM-dd HH:mm:ss</c> in Indonesian western time, UTC+7.</item>
/// </list>
/// </summary>
public static class FaspaySignature
{
    /// <summary>The format of the <c>faspay-timestamp</c> header.</summary>
    public const string TimestampFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>The offset of the <c>faspay-timestamp</c> header: UTC+7 (Western Indonesian Time).</summary>
    public static readonly TimeSpan TimestampOffset = TimeSpan.FromHours(7);

    /// <summary>Computes <c>aes(text)</c>: base64 of AES-256-CBC/PKCS#7 of the UTF-8 text.</summary>
    /// <param name="plainText">The text to encrypt.</param>
    /// <param name="faspaySecret">The Faspay Secret (its SHA-256 is the key).</param>
    /// <param name="iv">The IV credential (mixed with the secret into the AES IV).</param>
    /// <returns>The ciphertext, base64 with padding.</returns>
    public static string Encrypt(string plainText, string faspaySecret, string iv)
    {
        ArgumentNullException.ThrowIfNull(plainText);
        using Aes aes = CreateAes(faspaySecret, iv, out byte[] ivBytes);
        byte[] cipher = aes.EncryptCbc(Encoding.UTF8.GetBytes(plainText), ivBytes, PaddingMode.PKCS7);
        return Convert.ToBase64String(cipher);
    }

    /// <summary>Computes <c>aes(text)</c> with the secret and IV of <paramref name="credentials"/>.</summary>
    /// <param name="plainText">The text to encrypt.</param>
    /// <param name="credentials">The credentials whose Faspay Secret and IV are used.</param>
    /// <returns>The ciphertext, base64 with padding.</returns>
    public static string Encrypt(string plainText, FaspayCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return Encrypt(plainText, credentials.FaspaySecret, credentials.Iv);
    }

    /// <summary>
    /// Reverses <see cref="Encrypt(string, string, string)"/>; a server (such as the samples' sandbox) uses it to read
    /// which path and token part a signature covers before recomputing it.
    /// </summary>
    /// <param name="cipherText">Base64 ciphertext.</param>
    /// <param name="faspaySecret">The Faspay Secret.</param>
    /// <param name="iv">The IV credential.</param>
    /// <param name="plainText">The decrypted text, or <see langword="null"/>.</param>
    /// <returns><see langword="false"/> when the text is not base64 or does not decrypt with these credentials.</returns>
    public static bool TryDecrypt(string? cipherText, string faspaySecret, string iv, out string? plainText)
    {
        plainText = null;
        if (string.IsNullOrEmpty(cipherText))
        {
            return false;
        }

        byte[] cipher;
        try
        {
            cipher = Convert.FromBase64String(cipherText);
        }
        catch (FormatException)
        {
            return false;
        }

        if (cipher.Length == 0 || cipher.Length % 16 != 0)
        {
            return false;
        }

        using Aes aes = CreateAes(faspaySecret, iv, out byte[] ivBytes);
        try
        {
            byte[] plain = aes.DecryptCbc(cipher, ivBytes, PaddingMode.PKCS7);
            plainText = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(plain);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            // Invalid UTF-8.
            return false;
        }
    }

    /// <summary>Computes the <c>faspay-authorization</c> header: aes(<c>APP_KEY:APP_SECRET</c>).</summary>
    /// <param name="credentials">The merchant's credentials.</param>
    /// <returns>The header value.</returns>
    public static string Authorization(FaspayCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return Encrypt(credentials.AppKey + ":" + credentials.AppSecret, credentials);
    }

    /// <summary>
    /// Computes the token part of the signature: base64(<c>CLIENT_KEY:CLIENT_SECRET</c>) for the token request
    /// (<paramref name="accessToken"/> null), base64(<c>CLIENT_KEY:CLIENT_SECRET:ACCESS_TOKEN</c>) for later calls.
    /// </summary>
    /// <param name="credentials">The merchant's credentials.</param>
    /// <param name="accessToken">The access token from <c>/account/api/tokens</c>, or null for the token request itself.</param>
    /// <returns>The token part, base64 of the UTF-8 text.</returns>
    public static string TokenPart(FaspayCredentials credentials, string? accessToken = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        string text = credentials.ClientKey + ":" + credentials.ClientSecret;
        if (accessToken is not null)
        {
            text += ":" + accessToken;
        }

        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Computes the <c>faspay-signature</c> header: aes(<c>METHOD:PATH:TIMESTAMP:TOKEN_PART:</c>).</summary>
    /// <param name="credentials">The merchant's credentials.</param>
    /// <param name="method">The HTTP method, upper case, e.g. <c>GET</c>.</param>
    /// <param name="path">
    /// The request path as the provider sees it, e.g. <c>/account/api/balance_inquiry/9920000028</c>. For the token
    /// request the SDKs sign the path of the service the token is for (e.g. <c>/account/api/balance_inquiry</c>);
    /// <c>/account/api/tokens</c> is the other reading of the docs.
    /// </param>
    /// <param name="timestamp">The <c>faspay-timestamp</c> header value, see <see cref="FormatTimestamp"/>.</param>
    /// <param name="tokenPart">The token part, see <see cref="TokenPart"/>.</param>
    /// <returns>The header value.</returns>
    public static string Signature(FaspayCredentials credentials, string method, string path, string timestamp, string tokenPart)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(tokenPart);
        return Encrypt(method + ":" + path + ":" + timestamp + ":" + tokenPart + ":", credentials);
    }

    /// <summary>The path of the token endpoint, <c>/account/api/tokens</c>.</summary>
    public const string TokensPath = "/account/api/tokens";

    /// <summary>
    /// The path of the service an operation belongs to, as the SDKs sign it on the token request: the operation's path
    /// template up to its first parameter, without a trailing <c>/</c>. <c>/account/api/balance_inquiry/{virtual_account}</c>
    /// gives <c>/account/api/balance_inquiry</c>, the path of providers.md's test vector.
    /// </summary>
    /// <param name="pathTemplate">The operation's path as the spec writes it.</param>
    /// <returns>The service path.</returns>
    public static string ServicePath(string pathTemplate)
    {
        ArgumentNullException.ThrowIfNull(pathTemplate);
        int parameter = pathTemplate.IndexOf('{', StringComparison.Ordinal);
        string literal = parameter < 0 ? pathTemplate : pathTemplate.Substring(0, parameter);
        return literal.Length > 1 ? literal.TrimEnd('/') : literal;
    }

    /// <summary>Formats an instant as the <c>faspay-timestamp</c> header: <c>yyyy-MM-dd HH:mm:ss</c> in UTC+7.</summary>
    /// <param name="instant">The instant, in any offset.</param>
    /// <returns>For example <c>2024-01-02 10:04:05</c> for 2024-01-02T03:04:05Z.</returns>
    public static string FormatTimestamp(DateTimeOffset instant) =>
        instant.ToOffset(TimestampOffset).ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>Parses a <c>faspay-timestamp</c> header value (<c>yyyy-MM-dd HH:mm:ss</c>, UTC+7).</summary>
    /// <param name="value">The header value.</param>
    /// <param name="instant">The instant, with offset +07:00.</param>
    /// <returns><see langword="false"/> when the value does not have exactly that format.</returns>
    public static bool TryParseTimestamp(string? value, out DateTimeOffset instant)
    {
        instant = default;
        if (!DateTime.TryParseExact(value, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local))
        {
            return false;
        }

        instant = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimestampOffset);
        return true;
    }

    private static Aes CreateAes(string faspaySecret, string iv, out byte[] ivBytes)
    {
        ArgumentNullException.ThrowIfNull(faspaySecret);
        ArgumentNullException.ThrowIfNull(iv);
        byte[] key = SHA256.HashData(Encoding.UTF8.GetBytes(faspaySecret));

        // Faspay's SDKs: substr(md5(secret . iv), -16), used as 16 ASCII bytes. MD5 is their choice, not ours.
        string md5Hex = Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(faspaySecret + iv))).ToLowerInvariant();
        ivBytes = Encoding.ASCII.GetBytes(md5Hex.Substring(md5Hex.Length - 16));

        Aes aes = Aes.Create();
        aes.Key = key;
        return aes;
    }
}
