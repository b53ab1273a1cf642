using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SpecClients.Runtime.Json;

namespace SpecClients.Runtime.Http;

/// <summary>A buffered response, read by generated code into its declared type or turned into an <see cref="ApiException"/>.</summary>
public sealed class ApiResponse
{
    private const int PooledChunk = 16 * 1024;

    private ApiResponse(string apiName, string operationId, int statusCode, string? contentType, byte[] body, TimeSpan? retryAfter)
    {
        ApiName = apiName;
        OperationId = operationId;
        StatusCode = statusCode;
        ContentType = contentType;
        Body = body;
        RetryAfter = retryAfter;
    }

    /// <summary>The API (spec) name.</summary>
    public string ApiName { get; }

    /// <summary>The operation's id in the spec.</summary>
    public string OperationId { get; }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The response's media type, if any.</summary>
    public string? ContentType { get; }

    /// <summary>The body bytes.</summary>
    public byte[] Body { get; }

    /// <summary>How long the server asked the client to wait (<c>Retry-After</c>, as seconds or a date), if it did.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Whether the status is 2xx.</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>Buffers <paramref name="response"/>'s body, refusing bodies over <paramref name="maxBytes"/>.</summary>
    /// <param name="response">The response.</param>
    /// <param name="apiName">The API (spec) name.</param>
    /// <param name="operationId">The operation's id.</param>
    /// <param name="maxBytes">The largest body accepted.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The buffered response.</returns>
    /// <exception cref="ApiResponseFormatException">The body exceeds <paramref name="maxBytes"/>, or the connection closed before the body was complete.</exception>
    public static async Task<ApiResponse> ReadAsync(HttpResponseMessage response, string apiName, string operationId, long maxBytes, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        byte[] body;
        if (response.Content is null)
        {
            body = Array.Empty<byte>();
        }
        else
        {
            if (response.Content.Headers.ContentLength is { } length && length > maxBytes)
            {
                throw TooLarge(apiName, operationId, status, maxBytes);
            }

#if NET5_0_OR_GREATER
            using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
            body = await ReadBodyAsync(stream, response.Content.Headers.ContentLength, apiName, operationId, status, maxBytes, cancellationToken).ConfigureAwait(false);
        }

        return new ApiResponse(apiName, operationId, status, response.Content?.Headers.ContentType?.MediaType, body, ReadRetryAfter(response));
    }

    /// <summary>The response's <c>Retry-After</c> as a wait from now: its seconds, or the time until its date (never negative).</summary>
    /// <param name="response">The response.</param>
    /// <returns>The wait, or null when the header is absent or unreadable.</returns>
    public static TimeSpan? ReadRetryAfter(HttpResponseMessage response)
    {
        if (response?.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>Reads the body as JSON with a generated reader.</summary>
    /// <typeparam name="T">The declared response type.</typeparam>
    /// <param name="read">The generated reader.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ApiResponseFormatException">The body is not valid JSON of that shape.</exception>
    public T ReadJson<T>(JsonReadFunc<T> read)
    {
        if (Body.Length == 0)
        {
            throw new ApiResponseFormatException(ApiName, OperationId, StatusCode, "the body is empty");
        }

        try
        {
            return JsonWrite.FromUtf8Bytes(Body, read);
        }
        catch (JsonException ex)
        {
            throw new ApiResponseFormatException(ApiName, OperationId, StatusCode, Describe(ex), ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new ApiResponseFormatException(ApiName, OperationId, StatusCode, "the JSON has an unexpected shape", ex);
        }
    }

    /// <summary>Reads the body as UTF-8 text.</summary>
    /// <returns>The text.</returns>
    public string ReadText() => Encoding.UTF8.GetString(Body);

    /// <summary>The exception for a non-success status with no declared error schema.</summary>
    /// <returns>The exception to throw.</returns>
    public ApiException CreateException() => new(ApiName, OperationId, StatusCode, BodyText()) { RetryAfter = RetryAfter };

    /// <summary>The exception for a non-success status with a declared error schema; falls back to <see cref="ApiException"/> when the body does not match it.</summary>
    /// <typeparam name="TError">The generated error type.</typeparam>
    /// <param name="read">The generated reader for the error type.</param>
    /// <returns>The exception to throw.</returns>
    public ApiException CreateException<TError>(JsonReadFunc<TError> read)
    {
        if (Body.Length > 0)
        {
            try
            {
                return new ApiException<TError>(ApiName, OperationId, StatusCode, BodyText(), JsonWrite.FromUtf8Bytes(Body, read)) { RetryAfter = RetryAfter };
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                // An HTML error page or another shape: the caller still gets the status and the body text.
            }
        }

        return CreateException();
    }

    private string? BodyText() => Body.Length == 0 ? null : ReadText();

    // Reads to the end. With a Content-Length, into an array of exactly that size, which becomes the body; without one
    // (or when the body runs past it), into buffers rented from the shared pool and copied out once at the end.
    private static async Task<byte[]> ReadBodyAsync(Stream stream, long? contentLength, string apiName, string operationId, int status, long maxBytes, CancellationToken cancellationToken)
    {
        if (contentLength is not { } declared || declared > int.MaxValue)
        {
            return await ReadPooledAsync(stream, ArrayPool<byte>.Shared.Rent(PooledChunk), 0, apiName, operationId, status, maxBytes, cancellationToken).ConfigureAwait(false);
        }

        var body = declared == 0 ? System.Array.Empty<byte>() : new byte[declared];
        var total = 0;
        while (total < body.Length)
        {
            var read = await ReadChunkAsync(stream, body, total, apiName, operationId, status, cancellationToken).ConfigureAwait(false);
            if (read <= 0)
            {
                return body.AsSpan(0, total).ToArray(); // shorter than declared, without a transport error
            }

            total += read;
        }

        // Exactly the declared length so far: one more read tells whether the body ends there, as it should.
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(PooledChunk, body.Length * 2));
        body.CopyTo(rented, 0);
        return await ReadPooledAsync(stream, rented, total, apiName, operationId, status, maxBytes, cancellationToken, whenNoMore: body).ConfigureAwait(false);
    }

    // Reads the rest into a rented buffer that already holds `total` bytes, growing it from the pool; returns the
    // buffer (cleared, since bodies may hold tokens) to the pool. Nothing more to read gives `whenNoMore`, if any.
    private static async Task<byte[]> ReadPooledAsync(Stream stream, byte[] buffer, int total, string apiName, string operationId, int status, long maxBytes, CancellationToken cancellationToken, byte[]? whenNoMore = null)
    {
        try
        {
            while (true)
            {
                if (total == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length <= int.MaxValue / 2 ? buffer.Length * 2 : int.MaxValue);
                    Buffer.BlockCopy(buffer, 0, larger, 0, total);
                    ReturnCleared(buffer, total);
                    buffer = larger;
                }

                var read = await ReadChunkAsync(stream, buffer, total, apiName, operationId, status, cancellationToken).ConfigureAwait(false);
                if (read <= 0)
                {
                    break;
                }

                if (total + (long)read > maxBytes)
                {
                    throw TooLarge(apiName, operationId, status, maxBytes);
                }

                total += read;
                whenNoMore = null;
            }

            return whenNoMore ?? buffer.AsSpan(0, total).ToArray();
        }
        finally
        {
            ReturnCleared(buffer, total);
        }
    }

    private static void ReturnCleared(byte[] buffer, int used)
    {
        buffer.AsSpan(0, Math.Min(used, buffer.Length)).Clear();
        ArrayPool<byte>.Shared.Return(buffer);
    }

    private static async ValueTask<int> ReadChunkAsync(Stream stream, byte[] buffer, int offset, string apiName, string operationId, int status, CancellationToken cancellationToken)
    {
        try
        {
#if NET5_0_OR_GREATER
            return await stream.ReadAsync(buffer.AsMemory(offset), cancellationToken).ConfigureAwait(false);
#else
            return await stream.ReadAsync(buffer, offset, buffer.Length - offset, cancellationToken).ConfigureAwait(false);
#endif
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            // The connection was reset or closed mid-body: say which call, and keep the transport error inside.
            throw new ApiResponseFormatException(apiName, operationId, status, $"the connection closed after {offset} bytes, before the body was complete", ex);
        }
    }

    private static ApiResponseFormatException TooLarge(string apiName, string operationId, int status, long maxBytes) =>
        new(apiName, operationId, status, $"the body exceeds the limit of {maxBytes} bytes");

    // Our own messages name members, never values; the reader's own messages may quote a character of the body.
    private static string Describe(JsonException ex) =>
        ex.Message.StartsWith("Member", StringComparison.Ordinal) || ex.Message.StartsWith("Required", StringComparison.Ordinal)
        || ex.Message.StartsWith("Expected", StringComparison.Ordinal) || ex.Message.StartsWith("Unexpected content", StringComparison.Ordinal)
        || ex.Message.StartsWith("The JSON text", StringComparison.Ordinal)
            ? ex.Message
            : $"malformed JSON at byte {ex.BytePositionInLine}";
}
