using System;
using System.Globalization;

namespace SpecClients.Runtime.Json;

/// <summary>Formats parameter and form values the way OpenAPI's simple and form styles expect: invariant culture, ISO 8601, lowercase booleans.</summary>
public static class ParameterFormat
{
    /// <summary>Formats a string (unchanged).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(string value) => value;

    /// <summary>Formats an integer.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats an integer.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a number in round-trip form.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Formats a number in round-trip form.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Formats a decimal.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a boolean as <c>true</c> or <c>false</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(bool value) => value ? "true" : "false";

    /// <summary>Formats a date-time as ISO 8601.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Formats a UUID.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(Guid value) => value.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>Formats bytes as base64.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(byte[] value) => Convert.ToBase64String(value);

    /// <summary>Formats a JSON value: strings unquoted, anything else as JSON text.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(System.Text.Json.JsonElement value) =>
        value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
