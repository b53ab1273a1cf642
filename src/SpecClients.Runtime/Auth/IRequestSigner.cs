using System.Threading;
using System.Threading.Tasks;

namespace SpecClients.Runtime.Auth;

/// <summary>
/// A user-supplied hook that signs requests (e.g. Faspay's <c>signature</c> header over the token and body).
/// </summary>
public interface IRequestSigner
{
    /// <summary>Signs the request: typically reads its content and sets one or more headers.</summary>
    /// <param name="context">The request, the operation, the token (if any) and the clock.</param>
    /// <param name="cancellationToken">Cancels the signing.</param>
    /// <returns>A task that completes when the request is signed.</returns>
    ValueTask SignAsync(RequestSigningContext context, CancellationToken cancellationToken);
}
