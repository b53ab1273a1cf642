using SpecClients.Runtime.Auth.Generated;

namespace SpecClients.Runtime.Auth.Internal;

/// <summary>An authenticator whose server may refuse its credential in a success response.</summary>
internal interface ICredentialRejecting
{
    /// <summary>The rule; <see langword="null"/> when refusals come as 401 only.</summary>
    CredentialRejection? RejectedWhen { get; }
}
