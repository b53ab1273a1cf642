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
    TokenSendMode Send);

/// <summary>The <c>x-signature</c> extension: requests are signed by a hook the user implements.</summary>
internal sealed record SignatureExtensionSpec(EquatableArray<string> Headers, string? Description);

/// <summary>An operation recognised as an OAuth2 (RFC 6749) token endpoint by convention: a form body with <c>grant_type</c>.</summary>
internal sealed record TokenEndpointSpec(EquatableArray<string> GrantTypes);
