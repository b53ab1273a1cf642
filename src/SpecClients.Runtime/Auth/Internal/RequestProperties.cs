using System.Collections.Generic;
using System.Net.Http;

namespace SpecClients.Runtime.Auth.Internal;

/// <summary>Per-request state: <c>HttpRequestMessage.Options</c> on .NET, <c>Properties</c> on .NET Standard.</summary>
internal static class RequestProperties
{
    public static void Set<T>(HttpRequestMessage request, string key, T value)
    {
#if NET
        request.Options.Set(new HttpRequestOptionsKey<T>(key), value);
#else
        request.Properties[key] = value;
#endif
    }

    public static bool TryGet<T>(HttpRequestMessage request, string key, out T value)
    {
#if NET
        if (request.Options.TryGetValue(new HttpRequestOptionsKey<T>(key), out var found))
        {
            value = found;
            return true;
        }
#else
        if (request.Properties.TryGetValue(key, out var found) && found is T typed)
        {
            value = typed;
            return true;
        }
#endif
        value = default!;
        return false;
    }

    public static int Count(HttpRequestMessage request)
    {
#if NET
        return ((ICollection<KeyValuePair<string, object?>>)request.Options).Count;
#else
        return request.Properties.Count;
#endif
    }

    public static List<KeyValuePair<string, object?>> Snapshot(HttpRequestMessage request)
    {
        var copy = new List<KeyValuePair<string, object?>>();
#if NET
        foreach (var entry in request.Options)
#else
        foreach (var entry in request.Properties)
#endif
        {
            copy.Add(new KeyValuePair<string, object?>(entry.Key, entry.Value));
        }

        return copy;
    }

    public static void Restore(HttpRequestMessage request, List<KeyValuePair<string, object?>> snapshot)
    {
#if NET
        IDictionary<string, object?> target = request.Options;
#else
        var target = request.Properties;
#endif
        foreach (var entry in snapshot)
        {
            target[entry.Key] = entry.Value!;
        }
    }
}
