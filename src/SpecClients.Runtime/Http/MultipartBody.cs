using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Text;
using System.Text.Json;
using SpecClients.Runtime.Json;

namespace SpecClients.Runtime.Http;

/// <summary>
/// The parts of a <c>multipart/form-data</c> body (RFC 7578), filled by generated code in the order the schema lists
/// its properties and handed to <see cref="ApiRequest.SetMultipartBody"/>. Default media types follow OpenAPI 3:
/// <c>text/plain</c> for primitives, <c>application/json</c> for objects, <c>application/octet-stream</c> for files.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class MultipartBody
{
    /// <summary>The media type of a text part when the spec gives none.</summary>
    public const string DefaultTextContentType = "text/plain; charset=utf-8";

    /// <summary>The media type of a JSON part when the spec gives none.</summary>
    public const string DefaultJsonContentType = "application/json";

    /// <summary>The media type of a file part when neither the file nor the spec gives one.</summary>
    public const string DefaultFileContentType = "application/octet-stream";

    private static readonly byte[] CrLf = { (byte)'\r', (byte)'\n' };

    private readonly List<Part> _parts = new();

    /// <summary>The number of parts added so far.</summary>
    public int Count => _parts.Count;

    /// <summary>Adds a text part; a null value adds nothing.</summary>
    /// <param name="name">The part (form field) name.</param>
    /// <param name="value">The formatted value, or null to omit the part.</param>
    /// <param name="contentType">The media type from the spec's <c>encoding</c>, or null for <c>text/plain</c>.</param>
    public void AddText(string name, string? value, string? contentType = null)
    {
        if (value is not null)
        {
            _parts.Add(new Part(name, null, contentType ?? DefaultTextContentType, Encoding.UTF8.GetBytes(value)));
        }
    }

    /// <summary>Adds a JSON part written by a generated converter.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="name">The part (form field) name.</param>
    /// <param name="value">The value.</param>
    /// <param name="write">The converter's writer.</param>
    /// <param name="contentType">The media type from the spec's <c>encoding</c>, or null for <c>application/json</c>.</param>
    public void AddJson<T>(string name, T value, JsonWriteAction<T> write, string? contentType = null) =>
        _parts.Add(new Part(name, null, contentType ?? DefaultJsonContentType, JsonWrite.ToUtf8Bytes(value, write)));

    /// <summary>Adds a JSON value of no fixed type (a union or an untyped schema): a string as text, anything else as JSON.</summary>
    /// <param name="name">The part (form field) name.</param>
    /// <param name="value">The value.</param>
    /// <param name="contentType">The media type from the spec's <c>encoding</c>, or null to choose by the value.</param>
    public void AddValue(string name, JsonElement value, string? contentType = null)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Undefined:
            case JsonValueKind.Null:
                return;
            case JsonValueKind.String:
                AddText(name, value.GetString(), contentType);
                return;
            default:
                _parts.Add(new Part(name, null, contentType ?? DefaultJsonContentType, Encoding.UTF8.GetBytes(value.GetRawText())));
                return;
        }
    }

    /// <summary>Adds a file part, reading a stream's content now; a null file adds nothing.</summary>
    /// <param name="name">The part (form field) name.</param>
    /// <param name="file">The file, or null to omit the part.</param>
    /// <param name="contentType">
    /// The media type from the spec, used when <paramref name="file"/> has none; null for <c>application/octet-stream</c>.
    /// </param>
    public void AddFile(string name, FilePart? file, string? contentType = null)
    {
        if (file is not null)
        {
            _parts.Add(new Part(name, file.FileName, file.ContentType ?? contentType ?? DefaultFileContentType, file.ReadContent()));
        }
    }

    /// <summary>Writes the body: each part with its <c>Content-Disposition</c> and <c>Content-Type</c>, then the closing delimiter.</summary>
    /// <param name="boundary">The boundary, which no part may contain.</param>
    /// <returns>The body bytes.</returns>
    internal byte[] ToBytes(string boundary)
    {
        using var body = new MemoryStream();
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        foreach (var part in _parts)
        {
            Write(body, delimiter);
            Write(body, CrLf);
            var disposition = "Content-Disposition: form-data; name=\"" + Quote(part.Name) + "\""
                + (part.FileName is null ? string.Empty : "; filename=\"" + Quote(part.FileName) + "\"");
            Write(body, Encoding.UTF8.GetBytes(disposition + "\r\nContent-Type: " + HeaderValue(part.ContentType) + "\r\n\r\n"));
            Write(body, part.Content);
            Write(body, CrLf);
        }

        Write(body, delimiter);
        Write(body, Encoding.ASCII.GetBytes("--\r\n"));
        return body.ToArray();
    }

    /// <summary>A boundary that the parts do not contain (RFC 2046 allows at most 70 characters).</summary>
    internal string NewBoundary()
    {
        while (true)
        {
            var boundary = "----SpecClients" + Guid.NewGuid().ToString("N");
            var bytes = Encoding.ASCII.GetBytes(boundary);
            if (!_parts.Exists(p => Contains(p.Content, bytes)))
            {
                return boundary;
            }
        }
    }

    // RFC 7578 4.2 forbids filename*; as browsers do, names are UTF-8 in a quoted string with '"', CR and LF percent-encoded.
    private static string Quote(string value) => value.Replace("\"", "%22").Replace("\r", "%0D").Replace("\n", "%0A");

    private static string HeaderValue(string value) => value.Replace("\r", string.Empty).Replace("\n", string.Empty);

    private static void Write(Stream stream, byte[] bytes) => stream.Write(bytes, 0, bytes.Length);

    private static bool Contains(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            var j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j])
            {
                j++;
            }

            if (j == needle.Length)
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Part
    {
        public Part(string name, string? fileName, string contentType, byte[] content)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            FileName = fileName;
            ContentType = contentType;
            Content = content;
        }

        public string Name { get; }

        public string? FileName { get; }

        public string ContentType { get; }

        public byte[] Content { get; }
    }
}
