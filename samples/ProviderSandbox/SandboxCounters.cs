using System.Collections.Generic;
using System.Threading;

namespace SpecClients.Samples.Sandbox;

/// <summary>Per-provider request counters, safe to read while requests run.</summary>
public sealed class SandboxCounters
{
    private readonly Dictionary<string, ProviderCounters> _byName = [];

    internal SandboxCounters()
    {
        foreach (string name in SandboxProviders.All)
        {
            _byName[name] = new ProviderCounters(name);
        }
    }

    /// <summary>The counters of one provider (name matched case-insensitively, see <see cref="SandboxProviders"/>).</summary>
    /// <param name="provider">A provider name such as <c>kitegateway</c>.</param>
    public ProviderCounters this[string provider] => _byName[SandboxProviders.Normalize(provider)];

    /// <summary>Fincart's counters (it has no token endpoint: <see cref="ProviderCounters.TokenRequests"/> stays 0).</summary>
    public ProviderCounters Fincart => _byName[SandboxProviders.Fincart];

    /// <summary>Kitegateway's counters.</summary>
    public ProviderCounters Kitegateway => _byName[SandboxProviders.Kitegateway];

    /// <summary>FinCode's counters.</summary>
    public ProviderCounters FinCode => _byName[SandboxProviders.FinCode];

    /// <summary>Faspay's counters.</summary>
    public ProviderCounters Faspay => _byName[SandboxProviders.Faspay];

    /// <summary>Torus's counters.</summary>
    public ProviderCounters Torus => _byName[SandboxProviders.Torus];

    /// <summary>Sets every counter of every provider to zero.</summary>
    public void Reset()
    {
        foreach (ProviderCounters counters in _byName.Values)
        {
            counters.Reset();
        }
    }
}

/// <summary>The counters of one provider. Each counter is updated atomically.</summary>
public sealed class ProviderCounters
{
    private long _tokenRequests;
    private long _tokensIssued;
    private long _callsAccepted;
    private long _callsRejected;

    internal ProviderCounters(string provider) => Provider = provider;

    /// <summary>The provider these counters belong to.</summary>
    public string Provider { get; }

    /// <summary>Requests that reached the token endpoint, accepted or not (FinCode: both grant types).</summary>
    public long TokenRequests => Interlocked.Read(ref _tokenRequests);

    /// <summary>Token requests that were answered with a new token.</summary>
    public long TokensIssued => Interlocked.Read(ref _tokensIssued);

    /// <summary>Calls to the authenticated operation whose credentials were accepted.</summary>
    public long CallsAccepted => Interlocked.Read(ref _callsAccepted);

    /// <summary>Calls to the authenticated operation rejected for a missing, wrong, revoked or expired token.</summary>
    public long CallsRejected => Interlocked.Read(ref _callsRejected);

    /// <summary>Sets the four counters to zero.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _tokenRequests, 0);
        Interlocked.Exchange(ref _tokensIssued, 0);
        Interlocked.Exchange(ref _callsAccepted, 0);
        Interlocked.Exchange(ref _callsRejected, 0);
    }

    /// <summary>Describes the four counters.</summary>
    /// <returns>For example <c>kitegateway: 1 token requests, 1 issued, 3 accepted, 1 rejected</c>.</returns>
    public override string ToString() =>
        $"{Provider}: {TokenRequests} token requests, {TokensIssued} issued, {CallsAccepted} accepted, {CallsRejected} rejected";

    internal void TokenRequested() => Interlocked.Increment(ref _tokenRequests);

    internal void TokenIssued() => Interlocked.Increment(ref _tokensIssued);

    internal void CallAccepted() => Interlocked.Increment(ref _callsAccepted);

    internal void CallRejected() => Interlocked.Increment(ref _callsRejected);
}
