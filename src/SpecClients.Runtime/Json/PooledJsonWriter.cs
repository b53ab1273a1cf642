using System;
using System.Buffers;
using System.Text.Json;

namespace SpecClients.Runtime.Json;

/// <summary>
/// A <see cref="Utf8JsonWriter"/> over a buffer rented from <see cref="ArrayPool{T}.Shared"/>, kept one per thread, so
/// that serializing a value allocates only its result. The buffer goes back to the pool (cleared: request bodies may hold
/// secrets) when the writer is returned; a nested use on the same thread gets a writer of its own.
/// </summary>
internal sealed class PooledJsonWriter : IBufferWriter<byte>
{
    private const int InitialSize = 1024;

    [ThreadStatic]
    private static PooledJsonWriter? t_cached;

    private readonly Utf8JsonWriter _writer;
    private byte[] _buffer = Array.Empty<byte>();
    private int _written;

    private PooledJsonWriter(JsonWriterOptions options)
    {
        _writer = new Utf8JsonWriter(this, options);
    }

    /// <summary>The JSON writer; valid until <see cref="Return"/>.</summary>
    public Utf8JsonWriter Writer => _writer;

    /// <summary>Takes this thread's writer (or a new one, when it is in use), reset to write a new value.</summary>
    public static PooledJsonWriter Rent(JsonWriterOptions options)
    {
        var pooled = t_cached;
        if (pooled is null)
        {
            return new PooledJsonWriter(options);
        }

        t_cached = null;
        return pooled;
    }

    /// <summary>Flushes the JSON writer and returns what it wrote (valid until <see cref="Return"/>).</summary>
    public ArraySegment<byte> Complete()
    {
        _writer.Flush();
        return new ArraySegment<byte>(_buffer, 0, _written);
    }

    /// <summary>Clears and returns the buffer, resets the writer and keeps it for the next use on this thread.</summary>
    public void Return()
    {
        if (_buffer.Length > 0)
        {
            _buffer.AsSpan(0, _written).Clear();
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = Array.Empty<byte>();
        _written = 0;
        _writer.Reset(this);
        t_cached = this;
    }

    /// <inheritdoc />
    public void Advance(int count)
    {
        if (count < 0 || _written + count > _buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _written += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Ensure(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        var size = Math.Max(Math.Max(InitialSize, _buffer.Length * 2), checked(_written + needed));
        var grown = ArrayPool<byte>.Shared.Rent(size);
        if (_buffer.Length > 0)
        {
            _buffer.AsSpan(0, _written).CopyTo(grown);
            _buffer.AsSpan(0, _written).Clear();
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = grown;
    }
}
