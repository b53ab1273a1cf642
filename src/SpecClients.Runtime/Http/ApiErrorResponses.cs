using System;
using System.ComponentModel;
using SpecClients.Runtime.Json;

namespace SpecClients.Runtime.Http;

/// <summary>
/// The error responses one operation declares, as the exceptions their statuses become: an exact status
/// (<c>404</c>) first, then a range (<c>4XX</c>), then the spec's <c>default</c>; each typed as
/// <see cref="ApiException{TError}"/> with the declared body, and any status with no declared body an untyped
/// <see cref="ApiException"/>. Immutable: a generated client builds one per distinct set of error responses once, in a
/// static field that its operations share, instead of a status switch in every method.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ApiErrorResponses
{
    private readonly Entry[] _entries;

    private ApiErrorResponses(Entry[] entries) => _entries = entries;

    /// <summary>No declared error bodies: every unsuccessful status becomes an untyped <see cref="ApiException"/>.</summary>
    public static ApiErrorResponses Untyped { get; } = new(Array.Empty<Entry>());

    /// <summary>A copy that reads the body of <paramref name="status"/> as <typeparamref name="TError"/>.</summary>
    /// <typeparam name="TError">The declared error type.</typeparam>
    /// <param name="status">The HTTP status, 100 to 599.</param>
    /// <param name="read">The generated reader of the error type.</param>
    /// <returns>The extended set.</returns>
    public ApiErrorResponses Status<TError>(int status, JsonReadFunc<TError> read)
    {
        if (status is < 100 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "An HTTP status is between 100 and 599.");
        }

        return With(new Entry(EntryKind.Exact, status, Reader(read)));
    }

    /// <summary>A copy that reads the body of every status <c>nXX</c> as <typeparamref name="TError"/>, where an exact status does not apply.</summary>
    /// <typeparam name="TError">The declared error type.</typeparam>
    /// <param name="hundreds">The range's first digit: 4 for <c>4XX</c>, 1 to 5.</param>
    /// <param name="read">The generated reader of the error type.</param>
    /// <returns>The extended set.</returns>
    public ApiErrorResponses Range<TError>(int hundreds, JsonReadFunc<TError> read)
    {
        if (hundreds is < 1 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(hundreds), hundreds, "A status range is 1XX to 5XX.");
        }

        return With(new Entry(EntryKind.Range, hundreds, Reader(read)));
    }

    /// <summary>A copy that reads the body of any other unsuccessful status as <typeparamref name="TError"/> (the spec's <c>default</c> response).</summary>
    /// <typeparam name="TError">The declared error type.</typeparam>
    /// <param name="read">The generated reader of the error type.</param>
    /// <returns>The extended set.</returns>
    public ApiErrorResponses Otherwise<TError>(JsonReadFunc<TError> read) => With(new Entry(EntryKind.Otherwise, 0, Reader(read)));

    /// <summary>The exception an unsuccessful response becomes.</summary>
    /// <param name="response">The response.</param>
    /// <returns>The exception to throw: typed when a declared error body applies and the body reads as it.</returns>
    public ApiException CreateException(ApiResponse response)
    {
        if (response is null)
        {
            throw new ArgumentNullException(nameof(response));
        }

        var status = response.StatusCode;
        return (Find(EntryKind.Exact, status) ?? Find(EntryKind.Range, status / 100) ?? Find(EntryKind.Otherwise, 0))?.Invoke(response)
            ?? response.CreateException();
    }

    /// <summary>The response when its status is a success; else throws what <see cref="CreateException"/> makes of it.</summary>
    internal ApiResponse EnsureSuccess(ApiResponse response) => response.IsSuccess ? response : throw CreateException(response);

    private static Func<ApiResponse, ApiException> Reader<TError>(JsonReadFunc<TError> read)
    {
        if (read is null)
        {
            throw new ArgumentNullException(nameof(read));
        }

        return response => response.CreateException(read);
    }

    private Func<ApiResponse, ApiException>? Find(EntryKind kind, int value)
    {
        foreach (var entry in _entries)
        {
            if (entry.Kind == kind && entry.Value == value)
            {
                return entry.Create;
            }
        }

        return null;
    }

    private ApiErrorResponses With(Entry entry)
    {
        var entries = new Entry[_entries.Length + 1];
        _entries.CopyTo(entries, 0);
        entries[_entries.Length] = entry;
        return new ApiErrorResponses(entries);
    }

    private enum EntryKind
    {
        Exact,
        Range,
        Otherwise,
    }

    private readonly struct Entry
    {
        public Entry(EntryKind kind, int value, Func<ApiResponse, ApiException> create) => (Kind, Value, Create) = (kind, value, create);

        public EntryKind Kind { get; }

        public int Value { get; }

        public Func<ApiResponse, ApiException> Create { get; }
    }
}
