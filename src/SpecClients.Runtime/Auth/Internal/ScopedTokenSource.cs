using System.Threading;
using System.Threading.Tasks;

namespace SpecClients.Runtime.Auth.Internal;

/// <summary>A source whose every request carries one scope set (<see cref="TokenProvider.ForScopes"/>).</summary>
internal sealed class ScopedTokenSource : ITokenSource
{
    private readonly ITokenSource _inner;
    private readonly string[] _scopes;

    public ScopedTokenSource(ITokenSource inner, string[] canonicalScopes)
    {
        _inner = inner;
        _scopes = canonicalScopes;
    }

    public ValueTask<AccessToken> RequestTokenAsync(TokenRequestContext context, CancellationToken cancellationToken) =>
        _inner.RequestTokenAsync(context.WithScopes(_scopes), cancellationToken);
}
