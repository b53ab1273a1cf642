namespace SpecClients.Generator.Model;

internal enum SecuritySchemeKind
{
    ApiKey,
    HttpBasic,
    HttpBearer,
    OAuth2,
    OpenIdConnect,
    Unsupported,
}

internal enum ApiKeyLocation
{
    Header,
    Query,
    Cookie,
}

/// <summary>A security scheme as the spec defines it, with our <c>x-</c> extensions.</summary>
/// <param name="Name">The scheme's name in the spec, used by security requirements.</param>
/// <param name="PropertyName">The PascalCase stem of its options properties.</param>
/// <param name="ParameterName">The header, query or cookie name of an apiKey scheme.</param>
/// <param name="Inferred">Not defined in the spec: assumed from a requirement that names it (reported as SPC301).</param>
internal sealed record SecuritySchemeSpec(
    string Name,
    string PropertyName,
    SecuritySchemeKind Kind,
    string? ParameterName,
    ApiKeyLocation Location,
    string? Description,
    EquatableArray<OAuthFlowSpec> Flows,
    TokenExtensionSpec? Token,
    SignatureExtensionSpec? Signature,
    bool Inferred);

internal enum OAuthFlowKind
{
    ClientCredentials,
    Password,
    AuthorizationCode,
    Implicit,
}

internal sealed record OAuthFlowSpec(OAuthFlowKind Kind, string? TokenUrl, string? RefreshUrl, EquatableArray<string> Scopes);

internal enum TokenSendMode
{
    Header,
    Signature,
}

/// <summary>The <c>x-token</c> extension: which operation issues the token and where its parts sit in the response.</summary>
/// <param name="TokenPath">C# member path from the response to the token, e.g. <c>["Data", "Token"]</c>.</param>
internal sealed record TokenExtensionSpec(
    string OperationId,
    string TokenPointer,
    EquatableArray<string> TokenPath,
    string? ExpiresAtPointer,
    EquatableArray<string> ExpiresAtPath,
    string? ExpiresInPointer,
    EquatableArray<string> ExpiresInPath,
    string? RefreshTokenPointer,
    EquatableArray<string> RefreshTokenPath,
    int? LifetimeSeconds,
    string? Prefix,
    TokenSendMode Send,
    RejectionSpec? RejectedWhen = null);

/// <summary>How a server refuses a token in a success response (<c>x-token</c> <c>rejected-when</c>).</summary>
/// <param name="Pointer">A JSON pointer into the response body.</param>
/// <param name="Value">The text that means "refused".</param>
internal sealed record RejectionSpec(string Pointer, string Value);

/// <summary>The <c>x-signature</c> extension: requests are signed by a hook the user implements.</summary>
internal sealed record SignatureExtensionSpec(EquatableArray<string> Headers, string? Description);

/// <summary>An operation recognised as an OAuth2 (RFC 6749) token endpoint by convention: a form body with <c>grant_type</c>.</summary>
internal sealed record TokenEndpointSpec(EquatableArray<string> GrantTypes);

/// <summary>Where a value of a token response sits: a C# member path, or a JSON name among the record's unknown members.</summary>
/// <param name="Path">Member names from the response, e.g. <c>["Data", "Token"]</c>; empty when the value is an unknown member.</param>
/// <param name="AdditionalPropertiesName">The record's dictionary of unknown members, when <paramref name="JsonName"/> is looked up there.</param>
/// <param name="JsonName">The member's JSON name, for lookups among unknown members and for messages.</param>
internal sealed record TokenValueSpec(EquatableArray<string> Path, string? AdditionalPropertiesName, string JsonName);

internal enum TokenSourceKind
{
    /// <summary>An operation of the spec issues the token (<c>x-token</c>, or an inferred OAuth2 endpoint).</summary>
    Operation,

    /// <summary>An OAuth2 flow of a security scheme: the runtime's RFC 6749 client posts to its token URL.</summary>
    OAuth2Flow,
}

internal enum TokenAttachKind
{
    Header,
    Query,
    Cookie,

    /// <summary>Never sent by itself: handed to the signing hook (<c>x-token send: signature</c>).</summary>
    Signature,
}

/// <summary>
/// How the client obtains and attaches the token of one security scheme; built by the parser from <c>x-token</c>,
/// OAuth2 flows, or an operation recognised as an RFC 6749 token endpoint.
/// </summary>
/// <param name="SchemeName">The security scheme the token serves.</param>
/// <param name="PropertyName">The PascalCase stem of the generated members, e.g. <c>KitegatewayToken</c>.</param>
/// <param name="FormatPrefix">Prefix written before the token; null for none.</param>
/// <param name="PrefixUnlessPresent">Whether the prefix is skipped when the token already starts with it.</param>
internal sealed record TokenSourceSpec(
    string SchemeName,
    string PropertyName,
    TokenSourceKind Kind,
    string? OperationId,
    string? MethodName,
    TypeRef? BodyType,
    bool BodyRequired,
    TokenValueSpec? Token,
    TokenValueSpec? ExpiresAt,
    TokenValueSpec? ExpiresIn,
    TokenValueSpec? RefreshToken,
    bool RefreshGrant,
    int? DefaultLifetimeSeconds,
    TokenAttachKind Attach,
    string ParameterName,
    string? FormatPrefix,
    bool PrefixUnlessPresent,
    OAuthFlowKind? Flow,
    string? TokenUrl,
    EquatableArray<string> Scopes,
    EquatableArray<string> CredentialSchemes,
    RejectionSpec? RejectedWhen = null);
