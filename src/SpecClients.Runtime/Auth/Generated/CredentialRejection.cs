using System;
using System.ComponentModel;
using System.Text.Json;

namespace SpecClients.Runtime.Auth.Generated;

/// <summary>
/// How a server that answers a refused credential with a success status says so in the body (<c>x-token</c>
/// <c>rejected-when</c>; Faspay SendMe: HTTP 200 with <c>"status": "9"</c>): the value at a JSON pointer equals a given
/// text. A response that matches is treated as a 401: the token is dropped and the request retried once.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CredentialRejection
{
    private readonly string[] _segments;

    /// <summary>Creates the rule.</summary>
    /// <param name="pointer">A JSON pointer into the response body, e.g. <c>/status</c>.</param>
    /// <param name="value">The text the value must equal: a string's value, or a number's or boolean's JSON text.</param>
    public CredentialRejection(string pointer, string value)
    {
        Pointer = pointer ?? throw new ArgumentNullException(nameof(pointer));
        Value = value ?? throw new ArgumentNullException(nameof(value));
        if (pointer.Length == 0 || pointer[0] != '/')
        {
            throw new ArgumentException("A JSON pointer into the body starts with '/'.", nameof(pointer));
        }

        _segments = pointer.Substring(1).Split('/');
        for (var i = 0; i < _segments.Length; i++)
        {
            _segments[i] = _segments[i].Replace("~1", "/").Replace("~0", "~");
        }
    }

    /// <summary>The JSON pointer into the response body.</summary>
    public string Pointer { get; }

    /// <summary>The text that means "rejected".</summary>
    public string Value { get; }

    /// <summary>Whether a response body says the credential was rejected; a body that is not JSON never does.</summary>
    /// <param name="body">The response body.</param>
    /// <returns><see langword="true"/> when the value at <see cref="Pointer"/> equals <see cref="Value"/>.</returns>
    public bool Matches(byte[] body)
    {
        if (body is null || body.Length == 0)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var element = document.RootElement;
            foreach (var segment in _segments)
            {
                if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(segment, out var member))
                {
                    element = member;
                }
                else if (element.ValueKind == JsonValueKind.Array && int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < element.GetArrayLength())
                {
                    element = element[index];
                }
                else
                {
                    return false;
                }
            }

            return element.ValueKind switch
            {
                JsonValueKind.String => string.Equals(element.GetString(), Value, StringComparison.Ordinal),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => string.Equals(element.GetRawText(), Value, StringComparison.Ordinal),
                _ => false,
            };
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Describes the rule (it holds no secret).</summary>
    /// <returns>The pointer and the value.</returns>
    public override string ToString() => Pointer + " = \"" + Value + "\"";
}
