using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using SpecClients.Runtime.Auth.Internal;
using SpecClients.Runtime.Http;

namespace SpecClients.Runtime.Auth.Generated;

/// <summary>
/// Turns the members a spec names for a token (<c>x-token</c> pointers, or RFC 6749 members) into an
/// <see cref="AccessToken"/>. Generated token sources call these with whatever C# type the response schema gave the
/// member: strings, numbers, numeric strings (Faspay's <c>"expired_in":"36000"</c>) or unknown JSON members.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TokenResponseValues
{
    /// <summary>A text value as is.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text, or null.</returns>
    public static string? Text(string? value) => value;

    /// <summary>A numeric token (some servers send ids as numbers) as text.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text, or null.</returns>
    public static string? Text(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>A numeric token as text.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text, or null.</returns>
    public static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>A numeric token as text.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text, or null.</returns>
    public static string? Text(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A numeric token as text.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text, or null.</returns>
    public static string? Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>A JSON value as text: strings unquoted, numbers as written; null for null or absent.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text, or null.</returns>
    public static string? Text(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.String => value.Value.GetString(),
        JsonValueKind.Number => value.Value.GetRawText(),
        _ => null,
    };

    /// <summary>An unknown member of a response record, by its JSON name.</summary>
    /// <param name="members">The record's unknown members.</param>
    /// <param name="jsonName">The member's name on the wire.</param>
    /// <returns>The member, or null.</returns>
    public static JsonElement? Member(IReadOnlyDictionary<string, JsonElement>? members, string jsonName) =>
        members is not null && members.TryGetValue(jsonName, out var value) ? value : null;

    /// <summary>A number of seconds.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The seconds, or null.</returns>
    public static long? Seconds(long? value) => value;

    /// <summary>A number of seconds.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The seconds, or null.</returns>
    public static long? Seconds(int? value) => value;

    /// <summary>A number of seconds, rounded down.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The seconds, or null.</returns>
    public static long? Seconds(double? value) => value is { } v && !double.IsNaN(v) && !double.IsInfinity(v) && Math.Abs(v) < long.MaxValue / 2 ? (long)v : null;

    /// <summary>A number of seconds, rounded down.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The seconds, or null.</returns>
    public static long? Seconds(decimal? value) => value is { } v && Math.Abs(v) < long.MaxValue / 2 ? (long)v : null;

    /// <summary>A number of seconds sent as text; null when it is not a number.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The seconds, or null.</returns>
    public static long? Seconds(string? value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? seconds
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) ? Seconds(real)
        : null;

    /// <summary>A number of seconds as a JSON number or numeric string.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The seconds, or null.</returns>
    public static long? Seconds(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.Number => value.Value.TryGetInt64(out var seconds) ? seconds : Seconds(value.Value.GetDouble()),
        JsonValueKind.String => Seconds(value.Value.GetString()),
        _ => null,
    };

    /// <summary>Builds the token, or explains which member was missing.</summary>
    /// <param name="apiName">The API name, for the error.</param>
    /// <param name="operationId">The token operation, for the error.</param>
    /// <param name="tokenMember">Where the token should have been (a JSON pointer or member name), for the error.</param>
    /// <param name="context">The request context (its clock stamps the token).</param>
    /// <param name="token">The token value read from the response.</param>
    /// <param name="expiresAt">An absolute expiry in Unix seconds, if the spec names one.</param>
    /// <param name="expiresIn">A lifetime in seconds, if the spec names one.</param>
    /// <param name="refreshToken">A refresh token, if any.</param>
    /// <returns>The token.</returns>
    /// <exception cref="TokenResponseException">The response holds no token.</exception>
    public static AccessToken CreateToken(string apiName, string operationId, string tokenMember, TokenRequestContext context, string? token, long? expiresAt, long? expiresIn, string? refreshToken) =>
        CreateToken(apiName, operationId, tokenMember, context, token, expiresAt, expiresIn, refreshToken, response: null);

    /// <summary>
    /// Builds the token, or, when the response holds none, throws a <see cref="TokenResponseException"/> that carries the
    /// response: a server that refuses a token request with a success status (Faspay SendMe: HTTP 200 with
    /// <c>"status":"9"</c>) says why in its other members, and the caller must see them.
    /// </summary>
    /// <param name="apiName">The API name, for the error.</param>
    /// <param name="operationId">The token operation, for the error.</param>
    /// <param name="tokenMember">Where the token should have been (a JSON pointer or member name), for the error.</param>
    /// <param name="context">The request context (its clock stamps the token).</param>
    /// <param name="token">The token value read from the response.</param>
    /// <param name="expiresAt">An absolute expiry in Unix seconds, if the spec names one.</param>
    /// <param name="expiresIn">A lifetime in seconds, if the spec names one.</param>
    /// <param name="refreshToken">A refresh token, if any.</param>
    /// <param name="response">
    /// The typed response the values were read from: a generated record, whose <c>ToString()</c> never prints a sensitive
    /// member. Put into <see cref="TokenResponseException.Response"/> and its message when it holds no token.
    /// </param>
    /// <returns>The token.</returns>
    /// <exception cref="TokenResponseException">The response holds no token.</exception>
    public static AccessToken CreateToken(string apiName, string operationId, string tokenMember, TokenRequestContext context, string? token, long? expiresAt, long? expiresIn, string? refreshToken, object? response)
    {
        if (context is null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        if (string.IsNullOrWhiteSpace(token))
        {
            var said = response is null ? "." : "; it answered " + response + ".";
            throw new TokenResponseException(apiName, operationId, $"{apiName} operation '{operationId}' succeeded but its response holds no token at '{tokenMember}'{said}", response);
        }

        // A token that cannot go into a header must not be cached: every call would fail with it until it expired.
        if (token!.IndexOfAny(new[] { '\r', '\n', '\0' }) >= 0)
        {
            throw new TokenResponseException(apiName, operationId, $"{apiName} operation '{operationId}' returned a token at '{tokenMember}' that contains line breaks or NUL characters, which no header can carry.");
        }

        var expiry = expiresAt is not null ? TokenExpiry.FromUnixSeconds(expiresAt)
            : expiresIn is not null ? TokenExpiry.FromRelativeSeconds(expiresIn, context.Clock)
            : null;
        return context.CreateToken(token!, expiry, string.IsNullOrEmpty(refreshToken) ? null : refreshToken);
    }
}
