using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Auth.Generated;
using SpecClients.Runtime.Json;

namespace SpecClients.Runtime.Http;

/// <summary>
/// One call of an operation, built by generated code and turned into an <see cref="HttpRequestMessage"/> as often as
/// needed: the body is kept as bytes, so a retry after a refreshed token re-sends it intact.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ApiRequest
{
    private static readonly IReadOnlyList<SecurityRequirement> NoSecurity = Array.Empty<SecurityRequirement>();

    private readonly StringBuilder _path;
    private readonly StringBuilder _query = new();
    private readonly List<KeyValuePair<string, string>> _headers = new();
    private string? _bodylessContentType;
    private readonly List<string> _cookies = new();
    private byte[]? _body;
    private string? _contentType;

    /// <summary>Starts a request.</summary>
    /// <param name="operationId">The operation's id in the spec.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="pathTemplate">The path as the spec writes it, e.g. <c>/v4/orders/{order_id}/logs</c>.</param>
    public ApiRequest(string operationId, HttpMethod method, string pathTemplate)
    {
        OperationId = operationId;
        Method = method;
        _path = new StringBuilder(pathTemplate);
        PathTemplate = pathTemplate;
    }

    /// <summary>The operation's id in the spec.</summary>
    public string OperationId { get; }

    /// <summary>The HTTP method.</summary>
    public HttpMethod Method { get; }

    /// <summary>The security requirement alternatives of the operation; empty means no authentication.</summary>
    public IReadOnlyList<SecurityRequirement> Security { get; set; } = NoSecurity;

    /// <summary>Operation- or path-level server URLs, which take precedence over the client's server unless a base address is set.</summary>
    public IReadOnlyList<string>? Servers { get; set; }

    /// <summary>The body bytes, if any.</summary>
    public byte[]? Body => _body;

    /// <summary>The path as the spec writes it, parameters unfilled, e.g. <c>/account/api/balance_inquiry/{virtual_account}</c>.</summary>
    public string PathTemplate { get; }

    /// <summary>The path with parameters substituted.</summary>
    public string Path => _path.ToString();

    /// <summary>The query string including '?', or empty.</summary>
    public string Query => _query.ToString();

    /// <summary>Substitutes a path parameter (percent-encoded).</summary>
    /// <param name="name">The parameter name as in the template.</param>
    /// <param name="value">The formatted value.</param>
    /// <exception cref="ArgumentException">The value is <c>.</c> or <c>..</c>, which URI normalisation would turn into another path.</exception>
    public void SetPathParameter(string name, string value)
    {
        if (value is "." or "..")
        {
            throw new ArgumentException($"Path parameter '{name}' cannot be '{value}': it would address a different resource.", nameof(value));
        }

        _path.Replace("{" + name + "}", Uri.EscapeDataString(value));
    }

    /// <summary>Adds a query parameter; null values are omitted.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">The formatted value.</param>
    public void AddQuery(string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        _query.Append(_query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
    }

    /// <summary>Adds an array query parameter: repeated when exploded (<c>a=1&amp;a=2</c>), else comma-separated.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="values">The formatted values, or null to omit.</param>
    /// <param name="explode">Whether the spec's style explodes arrays.</param>
    public void AddQuery(string name, IEnumerable<string>? values, bool explode)
    {
        if (values is null)
        {
            return;
        }

        if (explode)
        {
            foreach (var value in values)
            {
                AddQuery(name, value);
            }
        }
        else
        {
            AddQuery(name, string.Join(",", values));
        }
    }

    /// <summary>Adds a header; null values are omitted.</summary>
    /// <param name="name">The header name.</param>
    /// <param name="value">The formatted value.</param>
    public void AddHeader(string name, string? value)
    {
        if (value is not null)
        {
            _headers.Add(new KeyValuePair<string, string>(name, value));
        }
    }

    /// <summary>Adds a cookie; null values are omitted.</summary>
    /// <param name="name">The cookie name.</param>
    /// <param name="value">The formatted value.</param>
    public void AddCookie(string name, string? value)
    {
        if (value is not null)
        {
            _cookies.Add(Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value));
        }
    }

    /// <summary>Sets a JSON body written by a generated converter.</summary>
    /// <typeparam name="T">The body type.</typeparam>
    /// <param name="value">The body.</param>
    /// <param name="write">The converter's writer.</param>
    /// <param name="mediaType">The media type from the spec.</param>
    public void SetJsonBody<T>(T value, JsonWriteAction<T> write, string mediaType = "application/json")
    {
        _body = JsonWrite.ToUtf8Bytes(value, write);
        _contentType = mediaType;
    }

    /// <summary>Sets an <c>application/x-www-form-urlencoded</c> body; null values are omitted.</summary>
    /// <param name="fields">The fields, formatted.</param>
    public void SetFormBody(IEnumerable<KeyValuePair<string, string?>> fields)
    {
        var builder = new StringBuilder();
        foreach (var field in fields)
        {
            if (field.Value is null)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(FormEncode(field.Key)).Append('=').Append(FormEncode(field.Value));
        }

        _body = Encoding.UTF8.GetBytes(builder.ToString());
        _contentType = "application/x-www-form-urlencoded";
    }

    /// <summary>
    /// Sets a <c>multipart/form-data</c> body from its parts, written now (files included) so that a retry re-sends the
    /// same bytes; the content type carries a fresh boundary.
    /// </summary>
    /// <param name="parts">The parts.</param>
    public void SetMultipartBody(MultipartBody parts)
    {
        if (parts is null)
        {
            throw new ArgumentNullException(nameof(parts));
        }

        var boundary = parts.NewBoundary();
        _body = parts.ToBytes(boundary);
        _contentType = "multipart/form-data; boundary=" + boundary;
    }

    /// <summary>Sets a text body.</summary>
    /// <param name="text">The text.</param>
    /// <param name="mediaType">The media type from the spec.</param>
    public void SetTextBody(string text, string mediaType)
    {
        _body = Encoding.UTF8.GetBytes(text);
        _contentType = mediaType;
    }

    /// <summary>Sets a raw body; the stream is read to the end now so that a retry can re-send it.</summary>
    /// <param name="content">The content.</param>
    /// <param name="mediaType">The media type from the spec.</param>
    public void SetBinaryBody(System.IO.Stream content, string mediaType)
    {
        using var buffer = new System.IO.MemoryStream();
        content.CopyTo(buffer);
        _body = buffer.ToArray();
        _contentType = mediaType;
    }

    /// <summary>
    /// Sends <c>Content-Type</c> on a request without a body, as an operation that declares a Content-Type header
    /// parameter with a single value asks (Faspay SendMe's GETs); the request then carries empty content. A body set
    /// later keeps its own media type.
    /// </summary>
    /// <param name="mediaType">The media type, e.g. <c>application/json</c>.</param>
    public void SetBodylessContentType(string mediaType) =>
        _bodylessContentType = mediaType ?? throw new ArgumentNullException(nameof(mediaType));

    /// <summary>Builds a fresh message against <paramref name="baseAddress"/>, keeping the base address's own path.</summary>
    /// <param name="baseAddress">The server URL.</param>
    /// <returns>The message.</returns>
    public HttpRequestMessage ToHttpRequestMessage(Uri baseAddress)
    {
        var uri = new Uri(baseAddress.AbsoluteUri.TrimEnd('/') + Path + Query, UriKind.Absolute);
        var message = new HttpRequestMessage(Method, uri);
        foreach (var header in _headers)
        {
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (_cookies.Count > 0)
        {
            message.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", _cookies));
        }

        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (_body is not null)
        {
            message.Content = new ByteArrayContent(_body);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", _contentType);
        }
        else if (_bodylessContentType is not null)
        {
            message.Content = new ByteArrayContent(Array.Empty<byte>());
            message.Content.Headers.TryAddWithoutValidation("Content-Type", _bodylessContentType);
        }

        return message;
    }

    private static string FormEncode(string value) => Uri.EscapeDataString(value).Replace("%20", "+");
}
