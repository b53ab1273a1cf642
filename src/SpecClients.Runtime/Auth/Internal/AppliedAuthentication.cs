using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SpecClients.Runtime.Auth.Generated;

namespace SpecClients.Runtime.Auth.Internal;

/// <summary>What <see cref="RequestAuthorizer.ApplyAsync"/> put on a request.</summary>
internal sealed class AppliedAuthentication
{
    internal AppliedAuthentication(SecurityRequirement? requirement, IReadOnlyList<IRequestAuthenticator> authenticators)
    {
        Requirement = requirement;
        Authenticators = authenticators;
    }

    /// <summary>Nothing applied: the operation needs no authentication.</summary>
    public static AppliedAuthentication None { get; } = new(null, Array.Empty<IRequestAuthenticator>());

    /// <summary>The alternative that was applied; <see langword="null"/> when the operation has no security.</summary>
    public SecurityRequirement? Requirement { get; }

    /// <summary>The authenticators applied, in the order they ran.</summary>
    public IReadOnlyList<IRequestAuthenticator> Authenticators { get; }

    /// <summary>
    /// Whether a success response says, by an applied authenticator's <see cref="CredentialRejection"/>, that the server
    /// refused the credential; such a response is handled as a 401.
    /// </summary>
    /// <param name="body">The response body.</param>
    /// <returns>The rule the body matched, or <see langword="null"/>.</returns>
    public CredentialRejection? FindRejection(byte[] body)
    {
        foreach (var authenticator in Authenticators)
        {
            if (authenticator is ICredentialRejecting { RejectedWhen: { } rule } && rule.Matches(body))
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>
    /// Tells every applied authenticator that the server answered 401; <see langword="true"/> if any says one retry is
    /// worthwhile. Every authenticator is told (no short-circuit), so each token scheme drops its token.
    /// </summary>
    /// <param name="request">The rejected request.</param>
    /// <param name="cancellationToken">Cancels the reactions.</param>
    /// <returns>Whether to retry once.</returns>
    public async ValueTask<bool> OnUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var retry = false;
        foreach (var authenticator in Authenticators)
        {
            retry |= await authenticator.OnUnauthorizedAsync(request, cancellationToken).ConfigureAwait(false);
        }

        return retry;
    }
}
