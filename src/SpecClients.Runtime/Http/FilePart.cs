using System;
using System.IO;

namespace SpecClients.Runtime.Http;

/// <summary>
/// A file sent as one part of a <c>multipart/form-data</c> body: its content, the file name the server sees, and
/// optionally its media type (which wins over the spec's <c>encoding</c> and the <c>application/octet-stream</c>
/// default). A stream is read from its current position when the request is built and is not disposed.
/// </summary>
public sealed class FilePart
{
    private readonly Stream? _stream;
    private readonly byte[]? _bytes;

    /// <summary>A file part read from a stream.</summary>
    /// <param name="content">The content; read to the end when the request is built, left open.</param>
    /// <param name="fileName">The file name sent in the part's <c>Content-Disposition</c>.</param>
    /// <param name="contentType">The part's media type, or null for the one the spec gives.</param>
    public FilePart(Stream content, string fileName, string? contentType = null)
    {
        _stream = content ?? throw new ArgumentNullException(nameof(content));
        FileName = fileName ?? throw new ArgumentNullException(nameof(fileName));
        ContentType = contentType;
    }

    /// <summary>A file part from bytes in memory.</summary>
    /// <param name="content">The content.</param>
    /// <param name="fileName">The file name sent in the part's <c>Content-Disposition</c>.</param>
    /// <param name="contentType">The part's media type, or null for the one the spec gives.</param>
    public FilePart(byte[] content, string fileName, string? contentType = null)
    {
        _bytes = content ?? throw new ArgumentNullException(nameof(content));
        FileName = fileName ?? throw new ArgumentNullException(nameof(fileName));
        ContentType = contentType;
    }

    /// <summary>The file name sent in the part's <c>Content-Disposition</c>.</summary>
    public string FileName { get; }

    /// <summary>The part's media type, or null for the one the spec gives.</summary>
    public string? ContentType { get; }

    /// <summary>The file name and media type; never the content.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => FileName + (ContentType is null ? string.Empty : " (" + ContentType + ")");

    /// <summary>The content: the bytes given, or the stream read from its current position to the end.</summary>
    internal byte[] ReadContent()
    {
        if (_bytes is not null)
        {
            return _bytes;
        }

        using var buffer = new MemoryStream();
        _stream!.CopyTo(buffer);
        return buffer.ToArray();
    }
}
