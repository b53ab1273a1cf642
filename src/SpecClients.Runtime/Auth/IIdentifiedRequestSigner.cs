namespace SpecClients.Runtime.Auth;

/// <summary>
/// A signer that says whose credentials it signs with, so that tokens obtained through it are cached per account:
/// two accounts sharing a cache must never get each other's token.
/// </summary>
public interface IIdentifiedRequestSigner : IRequestSigner
{
    /// <summary>A stable value that differs between accounts (for example a key id). Hashed into cache keys, never stored or logged.</summary>
    string CredentialIdentity { get; }
}
