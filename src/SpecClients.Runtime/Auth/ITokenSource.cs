using System.Threading;
using System.Threading.Tasks;

namespace SpecClients.Runtime.Auth;

/// <summary>
/// Obtains tokens for one token-issuing security scheme: generated code implements it by calling the specification's
/// token operation (or an OAuth2 token endpoint).
/// </summary>
/// <remarks>
/// Implementations must not put a credential, token or refresh token into the message of an exception they throw:
/// the <see cref="TokenProvider"/> logs those exceptions.
/// </remarks>
public interface ITokenSource
{
    /// <summary>Requests a token.</summary>
    /// <param name="context">
    /// What the request may use; when <see cref="TokenRequestContext.RefreshToken"/> is set the source may refresh with it.
    /// </param>
    /// <param name="cancellationToken">
    /// Cancels the request. It belongs to the shared request (with its own timeout), never to one caller.
    /// </param>
    /// <returns>The token as issued.</returns>
    ValueTask<AccessToken> RequestTokenAsync(TokenRequestContext context, CancellationToken cancellationToken);
}
