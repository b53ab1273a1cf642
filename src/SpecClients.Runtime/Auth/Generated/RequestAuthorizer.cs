using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SpecClients.Runtime.Auth.Internal;

namespace SpecClients.Runtime.Auth.Generated;

/// <summary>
/// Chooses and applies one of an operation's security alternatives: the first whose schemes are all configured.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RequestAuthorizer
{
    // Generated clients pass the same static requirements on every call: each one is resolved once per authorizer.
    // Bounded, so that callers who build a requirement per request cannot grow it.
    private const int MaxResolved = 64;

    private readonly Dictionary<string, IRequestAuthenticator> _authenticators;

    // Copied on write; read without a lock. A lost race only means a requirement is resolved twice.
    private Resolved[] _resolved = Array.Empty<Resolved>();

    /// <summary>Creates an authorizer over authenticators keyed by their <see cref="IRequestAuthenticator.SchemeName"/>.</summary>
    /// <param name="authenticators">The configured schemes; names must be unique.</param>
    /// <exception cref="ArgumentException">Two authenticators have the same scheme name.</exception>
    public RequestAuthorizer(IEnumerable<IRequestAuthenticator> authenticators)
    {
        if (authenticators is null)
        {
            throw new ArgumentNullException(nameof(authenticators));
        }

        _authenticators = new Dictionary<string, IRequestAuthenticator>(StringComparer.Ordinal);
        foreach (var authenticator in authenticators)
        {
            if (authenticator is null)
            {
                throw new ArgumentException("An authenticator must not be null.", nameof(authenticators));
            }

            if (_authenticators.ContainsKey(authenticator.SchemeName))
            {
                throw new ArgumentException("The security scheme '" + authenticator.SchemeName + "' is configured twice.", nameof(authenticators));
            }

            _authenticators.Add(authenticator.SchemeName, authenticator);
        }
    }

    /// <summary>Creates an authorizer over a map of scheme names to authenticators.</summary>
    /// <param name="authenticators">The configured schemes.</param>
    public RequestAuthorizer(IReadOnlyDictionary<string, IRequestAuthenticator> authenticators)
    {
        if (authenticators is null)
        {
            throw new ArgumentNullException(nameof(authenticators));
        }

        _authenticators = new Dictionary<string, IRequestAuthenticator>(StringComparer.Ordinal);
        foreach (var entry in authenticators)
        {
            _authenticators[entry.Key] = entry.Value ?? throw new ArgumentException("The authenticator of scheme '" + entry.Key + "' is null.", nameof(authenticators));
        }
    }

    /// <summary>The names of the configured schemes.</summary>
    public IReadOnlyCollection<string> ConfiguredSchemes => _authenticators.Keys;

    /// <summary>Whether a scheme is configured.</summary>
    /// <param name="schemeName">The scheme's name.</param>
    /// <returns><see langword="true"/> if an authenticator is configured for it.</returns>
    public bool IsConfigured(string schemeName) => schemeName is not null && _authenticators.ContainsKey(schemeName);

    /// <summary>
    /// Applies the first alternative whose schemes are all configured (signing schemes last), and marks the request
    /// as authenticated. An empty list means the operation needs no authentication: nothing is sent.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="alternatives">The operation's security alternatives, in specification order.</param>
    /// <param name="cancellationToken">Cancels obtaining credentials.</param>
    /// <returns>What was applied, for a reaction to a 401.</returns>
    /// <exception cref="InvalidOperationException">No alternative is fully configured; the message names the missing schemes.</exception>
    internal async ValueTask<AppliedAuthentication> ApplyAsync(
        HttpRequestMessage request,
        IReadOnlyList<SecurityRequirement> alternatives,
        CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        if (alternatives is null)
        {
            throw new ArgumentNullException(nameof(alternatives));
        }

        if (alternatives.Count == 0)
        {
            AuthRequestOptions.MarkAuthenticated(request);
            return AppliedAuthentication.None;
        }

        for (var i = 0; i < alternatives.Count; i++)
        {
            var chosen = Resolve(alternatives[i]);
            if (chosen is null)
            {
                continue;
            }

            // Token authenticators read the alternative's scopes from the request.
            AuthRequestOptions.SetRequirement(request, alternatives[i]);
            var authenticators = chosen.Authenticators;
            for (var j = 0; j < authenticators.Count; j++)
            {
                await authenticators[j].ApplyAsync(request, cancellationToken).ConfigureAwait(false);
            }

            AuthRequestOptions.MarkAuthenticated(request);
            return chosen;
        }

        throw new InvalidOperationException(DescribeMissing(request, alternatives));
    }

    /// <summary>What applying <paramref name="alternative"/> means: its authenticators, signers last; null if one is not configured.</summary>
    private AppliedAuthentication? Resolve(SecurityRequirement alternative)
    {
        var resolved = Volatile.Read(ref _resolved);
        foreach (var entry in resolved)
        {
            if (ReferenceEquals(entry.Requirement, alternative))
            {
                return entry.Applied;
            }
        }

        var applied = ResolveUncached(alternative);
        if (resolved.Length < MaxResolved)
        {
            var grown = new Resolved[resolved.Length + 1];
            Array.Copy(resolved, grown, resolved.Length);
            grown[resolved.Length] = new Resolved(alternative, applied);
            Interlocked.CompareExchange(ref _resolved, grown, resolved);
        }

        return applied;
    }

    private AppliedAuthentication? ResolveUncached(SecurityRequirement alternative)
    {
        var ordered = new List<IRequestAuthenticator>(alternative.SchemeNames.Count);
        var signers = new List<IRequestAuthenticator>();
        foreach (var name in alternative.SchemeNames)
        {
            if (!_authenticators.TryGetValue(name, out var authenticator))
            {
                return null;
            }

            (authenticator is SigningAuthenticator ? signers : ordered).Add(authenticator);
        }

        ordered.AddRange(signers);
        return new AppliedAuthentication(alternative, ordered.ToArray());
    }

    private string DescribeMissing(HttpRequestMessage request, IReadOnlyList<SecurityRequirement> alternatives)
    {
        var operationId = AuthRequestOptions.GetOperationId(request);
        var text = new StringBuilder(operationId is null ? "The request" : "The operation '" + operationId + "'")
            .Append(" needs credentials that are not configured. Configure one of: ");
        for (var i = 0; i < alternatives.Count; i++)
        {
            var missing = new List<string>();
            foreach (var name in alternatives[i].SchemeNames)
            {
                if (!_authenticators.ContainsKey(name))
                {
                    missing.Add(name);
                }
            }

            text.Append(i == 0 ? string.Empty : "; ").Append(alternatives[i]).Append(" (missing: ").Append(string.Join(", ", missing)).Append(')');
        }

        text.Append(". Configured schemes: ")
            .Append(_authenticators.Count == 0 ? "none" : string.Join(", ", _authenticators.Keys))
            .Append('.');
        return text.ToString();
    }

    private sealed class Resolved
    {
        public Resolved(SecurityRequirement requirement, AppliedAuthentication? applied)
        {
            Requirement = requirement;
            Applied = applied;
        }

        public SecurityRequirement Requirement { get; }

        public AppliedAuthentication? Applied { get; }
    }
}
