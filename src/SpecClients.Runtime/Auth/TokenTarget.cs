using System;

namespace SpecClients.Runtime.Auth;

/// <summary>
/// The operation a token is obtained for. A token that is signed into requests (<c>x-token send: signature</c>, Faspay
/// SendMe) is requested for one service: its token request is signed over that service's path, and the server may tie
/// the token to it. Such tokens are therefore requested and cached per target path
/// (<see cref="TokenProvider.ForTarget"/>), and the signer is told the target (<see cref="RequestSigningContext.TokenTarget"/>).
/// </summary>
public sealed class TokenTarget : IEquatable<TokenTarget>
{
    /// <summary>Creates a target.</summary>
    /// <param name="operationId">The <c>operationId</c> of the operation the token is for, or empty if unknown.</param>
    /// <param name="path">Its path as the spec writes it, parameters unfilled, e.g. <c>/account/api/balance_inquiry/{virtual_account}</c>.</param>
    public TokenTarget(string operationId, string path)
    {
        OperationId = operationId ?? throw new ArgumentNullException(nameof(operationId));
        Path = path ?? throw new ArgumentNullException(nameof(path));
    }

    /// <summary>The <c>operationId</c> of the operation the token is for, or empty if unknown.</summary>
    public string OperationId { get; }

    /// <summary>The operation's path template, e.g. <c>/account/api/balance_inquiry/{virtual_account}</c>; part of the token's cache key.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public bool Equals(TokenTarget? other) =>
        other is not null && string.Equals(OperationId, other.OperationId, StringComparison.Ordinal) && string.Equals(Path, other.Path, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as TokenTarget);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(OperationId) * 31 + StringComparer.Ordinal.GetHashCode(Path);

    /// <summary>Describes the target (it holds no secret).</summary>
    /// <returns>The operation and its path.</returns>
    public override string ToString() => (OperationId.Length == 0 ? "?" : OperationId) + " " + Path;
}
