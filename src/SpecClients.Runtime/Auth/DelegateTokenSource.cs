using System;
using System.Threading;
using System.Threading.Tasks;

namespace SpecClients.Runtime.Auth;

/// <summary>An <see cref="ITokenSource"/> over a function; generated clients use it for their token operations.</summary>
public sealed class DelegateTokenSource : ITokenSource
{
    private readonly Func<TokenRequestContext, CancellationToken, ValueTask<AccessToken>> _request;

    /// <summary>Creates the source.</summary>
    /// <param name="request">Requests one token.</param>
    public DelegateTokenSource(Func<TokenRequestContext, CancellationToken, ValueTask<AccessToken>> request) =>
        _request = request ?? throw new ArgumentNullException(nameof(request));

    /// <inheritdoc />
    public ValueTask<AccessToken> RequestTokenAsync(TokenRequestContext context, CancellationToken cancellationToken) =>
        _request(context, cancellationToken);
}
