using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;

namespace SpecClients.Runtime.Auth;

/// <summary>
/// An <see cref="ITokenCache"/> over an <see cref="IDistributedCache"/> (Redis, SQL Server, …), so that every process
/// using the same credentials shares one token. Each entry is a small JSON document that expires with its token.
/// </summary>
/// <remarks>
/// The entry holds the token and its refresh token: in plain text unless <see cref="TokenCacheOptions.Protector"/> is
/// set (<c>AddSpecClientsDistributedTokenCache</c> sets it when an <c>IDataProtectionProvider</c> is registered), so
/// secure the distributed cache accordingly. The JSON is written and read by hand (no reflection), so the cache is
/// trimming and AOT safe.
/// </remarks>
public sealed class DistributedTokenCache : ITokenCache
{
    /// <summary>The prefix put before every key unless another is given.</summary>
    public const string DefaultKeyPrefix = "SpecClients:token:";

    private const int FormatVersion = 1;

    private readonly IDistributedCache _cache;
    private readonly TimeProvider _clock;
    private readonly string _keyPrefix;
    private readonly IDataProtector? _protector;

    /// <summary>Creates a cache that reads the system clock and uses <see cref="DefaultKeyPrefix"/>.</summary>
    /// <param name="cache">The distributed cache.</param>
    public DistributedTokenCache(IDistributedCache cache)
        : this(cache, TimeProvider.System)
    {
    }

    /// <summary>Creates a cache.</summary>
    /// <param name="cache">The distributed cache.</param>
    /// <param name="timeProvider">The clock used to skip tokens that have already expired.</param>
    /// <param name="keyPrefix">Put before every key, to keep these entries apart from others in the same store.</param>
    public DistributedTokenCache(IDistributedCache cache, TimeProvider timeProvider, string keyPrefix = DefaultKeyPrefix)
    {
        _cache = cache ?? throw new ArgumentNullException(nameof(cache));
        _clock = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _keyPrefix = keyPrefix ?? throw new ArgumentNullException(nameof(keyPrefix));
    }

    /// <summary>Creates a cache with the given options (key prefix, clock, encryption at rest).</summary>
    /// <param name="cache">The distributed cache.</param>
    /// <param name="options">The options (read once: later changes have no effect).</param>
    public DistributedTokenCache(IDistributedCache cache, TokenCacheOptions options)
        : this(cache, (options ?? throw new ArgumentNullException(nameof(options))).TimeProvider, options.KeyPrefix)
    {
        _protector = options.Protector;
    }

    /// <inheritdoc />
    public async ValueTask<AccessToken?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var bytes = await _cache.GetAsync(FullKey(key), cancellationToken).ConfigureAwait(false);
        var token = TokenCacheEntry.Read(bytes, _protector);
        return token is null || token.IsExpired(_clock.GetUtcNow()) ? null : token;
    }

    /// <inheritdoc />
    public async ValueTask SetAsync(string key, AccessToken token, CancellationToken cancellationToken)
    {
        if (token is null)
        {
            throw new ArgumentNullException(nameof(token));
        }

        var fullKey = FullKey(key);
        if (token.IsExpired(_clock.GetUtcNow()))
        {
            await _cache.RemoveAsync(fullKey, cancellationToken).ConfigureAwait(false);
            return;
        }

        var options = new DistributedCacheEntryOptions { AbsoluteExpiration = token.ExpiresAt };
        await _cache.SetAsync(fullKey, TokenCacheEntry.Write(token, _protector), options, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RemoveAsync(string key, CancellationToken cancellationToken) =>
        await _cache.RemoveAsync(FullKey(key), cancellationToken).ConfigureAwait(false);

    /// <summary>Writes the entry: <c>{"v":1,"value":…,"iat":…,"exp":…,"rt":…}</c>.</summary>
    internal static byte[] Serialize(AccessToken token)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", FormatVersion);
            writer.WriteString("value", token.Value);
            writer.WriteString("iat", token.IssuedAt);
            if (token.ExpiresAt is { } expiresAt)
            {
                writer.WriteString("exp", expiresAt);
            }

            if (token.RefreshToken is { } refreshToken)
            {
                writer.WriteString("rt", refreshToken);
            }

            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Reads an entry; <see langword="null"/> for anything malformed or of another format version.</summary>
    internal static AccessToken? Deserialize(byte[] json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            int? version = null;
            string? value = null;
            string? refreshToken = null;
            DateTimeOffset? issuedAt = null;
            DateTimeOffset? expiresAt = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                if (!reader.Read())
                {
                    return null;
                }

                switch (name)
                {
                    case "v" when reader.TokenType == JsonTokenType.Number:
                        version = reader.GetInt32();
                        break;
                    case "value" when reader.TokenType == JsonTokenType.String:
                        value = reader.GetString();
                        break;
                    case "iat" when reader.TokenType == JsonTokenType.String:
                        issuedAt = reader.GetDateTimeOffset();
                        break;
                    case "exp" when reader.TokenType == JsonTokenType.String:
                        expiresAt = reader.GetDateTimeOffset();
                        break;
                    case "rt" when reader.TokenType == JsonTokenType.String:
                        refreshToken = reader.GetString();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || version != FormatVersion
                || string.IsNullOrEmpty(value) || issuedAt is null)
            {
                return null;
            }

            return new AccessToken(value!, expiresAt, refreshToken, issuedAt.Value);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private string FullKey(string key)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        return _keyPrefix + key;
    }
}
