using System;
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
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while (true)
            {
                try
                {
                    read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
                {
                    // The connection was reset or closed mid-body: say which call, and keep the transport error inside.
                    throw new ApiResponseFormatException(apiName, operationId, status, $"the connection closed after {buffer.Length} bytes, before the body was complete", ex);
                }

                if (read <= 0)
                {
                    break;
                }

                if (buffer.Length + read > maxBytes)
                {
                    throw TooLarge(apiName, operationId, status, maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }

            body = buffer.ToArray();
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
