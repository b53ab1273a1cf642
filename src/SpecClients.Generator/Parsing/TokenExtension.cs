using SpecClients.Generator.Model;

namespace SpecClients.Generator.Parsing;

/// <summary>How an <c>x-token</c> token is sent: in the scheme's header, or only to the signing hook.</summary>
internal enum TokenSendMode
{
    Header,
    Signature,
}

/// <summary>
/// The <c>x-token</c> extension of a security scheme as written: which operation issues the token and JSON pointers to
/// its parts in the response. Read once by <see cref="TokenExtensionReader"/>; the pointers are resolved to C# members
/// when the token source is modelled, never written back into this record.
/// </summary>
/// <param name="Pointer">Where the extension sits in the document, for diagnostics.</param>
/// <param name="OperationId">The operation that issues the token.</param>
/// <param name="TokenPointer">The token in the response body (default <c>/access_token</c>).</param>
/// <param name="LifetimeSeconds">The token's lifetime when the response does not say.</param>
/// <param name="Prefix">Written before the token of an apiKey scheme.</param>
internal sealed record TokenExtension(
    string Pointer,
    string OperationId,
    string TokenPointer,
    string? ExpiresAtPointer,
    string? ExpiresInPointer,
    string? RefreshTokenPointer,
    int? LifetimeSeconds,
    string? Prefix,
    TokenSendMode Send,
    RejectionSpec? RejectedWhen);
