using System;
using System.Buffers;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text;
using System.Text.Json;

namespace SpecClients.Runtime.Json;

/// <summary>
/// The JSON member names of one generated object type, shared by its converter: looked up while reading (one hash probe
/// instead of a comparison per declared member), written pre-encoded, and named in errors. Holding them in one table per
/// type keeps the generated converters small, which is most of what a consumer's build pays for a large spec.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class JsonMembers
{
    private const int StackNameLength = 256;

    private readonly string[] _names;
    private readonly byte[][] _utf8;
    private readonly JsonEncodedText[] _encoded;
    private readonly int[] _required;
    private readonly int[] _buckets;
    private readonly int _bucketMask;

    /// <summary>Creates the table for a generated type.</summary>
    /// <param name="typeName">The generated type, for error messages.</param>
    /// <param name="names">The JSON member names, in the order the type declares them.</param>
    /// <param name="required">The positions in <paramref name="names"/> of the members a document must contain.</param>
    public JsonMembers(string typeName, string[] names, int[]? required = null)
    {
        TypeName = typeName ?? throw new ArgumentNullException(nameof(typeName));
        _names = names ?? throw new ArgumentNullException(nameof(names));
        _required = required ?? System.Array.Empty<int>();
        _utf8 = new byte[_names.Length][];
        _encoded = new JsonEncodedText[_names.Length];
        var size = 4;
        while (size < _names.Length * 2)
        {
            size *= 2;
        }

        _buckets = new int[size];
        _bucketMask = size - 1;
        for (var i = 0; i < _names.Length; i++)
        {
            _utf8[i] = Encoding.UTF8.GetBytes(_names[i]);
            _encoded[i] = JsonWrite.Name(_utf8[i]);
            var bucket = Hash(_utf8[i]) & _bucketMask;
            while (_buckets[bucket] != 0)
            {
                bucket = (bucket + 1) & _bucketMask;
            }

            // A later duplicate name (the spec cannot declare one) is never found, as in a chain of comparisons.
            _buckets[bucket] = i + 1;
        }

        foreach (var index in _required)
        {
            if ((uint)index >= (uint)_names.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(required), index, "A required member's position is outside the names.");
            }
        }
    }

    /// <summary>The generated type the names belong to.</summary>
    public string TypeName { get; }

    /// <summary>The number of declared members.</summary>
    public int Count => _names.Length;

    /// <summary>A member's name, encoded once for writing.</summary>
    /// <param name="index">The member's position.</param>
    /// <returns>The encoded name.</returns>
    public JsonEncodedText this[int index] => _encoded[index];

    /// <summary>
    /// Moves to the next member of the object being read. For a declared member, <paramref name="index"/> is its
    /// position, it is recorded in <paramref name="seen"/> and the reader is left at its value; for any other member,
    /// <paramref name="index"/> is -1 and the reader is left at its name.
    /// </summary>
    /// <param name="reader">The reader, inside the object.</param>
    /// <param name="seen">The declared members read so far.</param>
    /// <param name="index">The member's position, or -1.</param>
    /// <returns>False at the end of the object.</returns>
    public bool Next(ref Utf8JsonReader reader, ref JsonMemberSet seen, out int index)
    {
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndObject)
        {
            index = -1;
            return false;
        }

        index = IndexOf(ref reader);
        if (index >= 0)
        {
            seen.Add(index);
            reader.Read();
        }

        return true;
    }

    /// <summary>
    /// Moves to the next declared member of the object being read, as
    /// <see cref="Next(ref Utf8JsonReader, ref JsonMemberSet, out int)"/> does, reading every other member on the way into
    /// <paramref name="additional"/> (created at the first), so that a generated reader holds no code for them.
    /// </summary>
    /// <param name="reader">The reader, inside the object.</param>
    /// <param name="seen">The declared members read so far.</param>
    /// <param name="additional">The members the type does not declare, by name; null until there is one.</param>
    /// <param name="index">The declared member's position, or -1 at the end.</param>
    /// <returns>False at the end of the object.</returns>
    public bool Next(ref Utf8JsonReader reader, ref JsonMemberSet seen, ref Dictionary<string, JsonElement>? additional, out int index)
    {
        while (Next(ref reader, ref seen, out index))
        {
            if (index >= 0)
            {
                return true;
            }

            var name = reader.GetString()!;
            reader.Read();
            additional ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            additional[name] = JsonRead.Element(ref reader);
        }

        return false;
    }

    /// <summary>Throws for the first required member that <paramref name="seen"/> does not hold.</summary>
    /// <param name="seen">The declared members read.</param>
    public void EnsureRequired(in JsonMemberSet seen)
    {
        foreach (var index in _required)
        {
            if (!seen.Contains(index))
            {
                throw JsonRead.MissingMember(TypeName, _names[index]);
            }
        }
    }

    /// <summary>The error for a null in a member that does not allow it.</summary>
    /// <param name="index">The member's position.</param>
    /// <returns>The exception to throw.</returns>
    public JsonException NullMember(int index) => JsonRead.NullMember(TypeName, _names[index]);

    /// <summary>The position of the member whose name the reader is at, or -1.</summary>
    private int IndexOf(ref Utf8JsonReader reader)
    {
        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            return Find(reader.ValueSpan);
        }

        // An escaped or split name: compare its unescaped bytes, as Utf8JsonReader.ValueTextEquals does.
        var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        byte[]? rented = null;
        Span<byte> buffer = length <= StackNameLength ? stackalloc byte[StackNameLength] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = reader.CopyString(buffer);
            return Find(buffer.Slice(0, written));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private int Find(ReadOnlySpan<byte> name)
    {
        var bucket = Hash(name) & _bucketMask;
        while (true)
        {
            var entry = _buckets[bucket];
            if (entry == 0)
            {
                return -1;
            }

            if (name.SequenceEqual(_utf8[entry - 1]))
            {
                return entry - 1;
            }

            bucket = (bucket + 1) & _bucketMask;
        }
    }

    // FNV-1a: member names are short, and the table is built from names the spec declares, not from input.
    private static int Hash(ReadOnlySpan<byte> name)
    {
        var hash = 2166136261u;
        foreach (var b in name)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash & 0x7FFFFFFF);
    }
}

/// <summary>Which declared members of an object have been read (see <see cref="JsonMembers.Next(ref Utf8JsonReader, ref JsonMemberSet, out int)"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct JsonMemberSet
{
    private ulong _first;
    private ulong[]? _rest;

    internal void Add(int index)
    {
        if (index < 64)
        {
            _first |= 1UL << index;
            return;
        }

        var word = (index / 64) - 1;
        if (_rest is null || _rest.Length <= word)
        {
            System.Array.Resize(ref _rest, word + 1);
        }

        _rest[word] |= 1UL << (index % 64);
    }

    internal readonly bool Contains(int index)
    {
        if (index < 64)
        {
            return (_first & (1UL << index)) != 0;
        }

        var word = (index / 64) - 1;
        return _rest is not null && word < _rest.Length && (_rest[word] & (1UL << (index % 64))) != 0;
    }
}
