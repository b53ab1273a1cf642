using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SpecClients.Runtime.Auth;

/// <summary>Authenticates requests for one configured instance of a security scheme.</summary>
public interface IRequestAuthenticator
{
    /// <summary>The security scheme's name, as in the specification's <c>components.securitySchemes</c>.</summary>
    string SchemeName { get; }

    /// <summary>Puts the credential on the request (header, query parameter or cookie).</summary>
    /// <param name="request">The request, not yet sent.</param>
    /// <param name="cancellationToken">Cancels obtaining the credential.</param>
    /// <returns>A task that completes when the request carries the credential.</returns>
    ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>Told that the server answered <c>401</c> to <paramref name="request"/>.</summary>
    /// <param name="request">The request this authenticator was applied to.</param>
    /// <param name="cancellationToken">Cancels the reaction.</param>
    /// <returns>
    /// <see langword="true"/> if the credential state has changed and one retry is worthwhile (token schemes);
    /// <see langword="false"/> for static credentials.
    /// </returns>
    ValueTask<bool> OnUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken);
}
