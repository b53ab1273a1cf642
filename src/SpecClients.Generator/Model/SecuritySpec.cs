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
/// <param name="Options">The options properties that hold its static credentials.</param>
/// <param name="ParameterName">The header, query or cookie name of an apiKey scheme.</param>
/// <param name="IssuedByOperation">
/// An <c>x-token</c> names an operation of the spec that issues its token: the auth layer supplies the credential, so
/// the options hold none (the token source, when the operation can be called unaided, is in <see cref="ClientSpec.TokenSources"/>).
/// </param>
/// <param name="Inferred">Not defined in the spec: assumed from a requirement that names it (reported as SPC301).</param>
internal sealed record SecuritySchemeSpec(
    string Name,
    string PropertyName,
    SchemeOptionNames Options,
    SecuritySchemeKind Kind,
    string? ParameterName,
    ApiKeyLocation Location,
    string? Description,
    EquatableArray<OAuthFlowSpec> Flows,
    bool IssuedByOperation,
    SignatureExtensionSpec? Signature,
    bool Inferred);

/// <summary>The options properties of a scheme's static credentials; null where the scheme's kind has none.</summary>
/// <param name="Value">The value of an apiKey scheme.</param>
/// <param name="Username">The user name of an HTTP Basic scheme.</param>
/// <param name="Password">The password of an HTTP Basic scheme.</param>
/// <param name="Token">The bearer token of an HTTP bearer, OAuth2 or OpenID Connect scheme.</param>
internal sealed record SchemeOptionNames(string? Value, string? Username, string? Password, string? Token);

internal enum OAuthFlowKind
{
    ClientCredentials,
    Password,
    AuthorizationCode,
    Implicit,
}

/// <summary>The scopes a security requirement lists for one scheme (OpenAPI: the value of the scheme's entry).</summary>
/// <param name="Scheme">The scheme's name.</param>
/// <param name="Scopes">The scopes, distinct and sorted ordinally.</param>
internal sealed record SchemeScopesSpec(string Scheme, EquatableArray<string> Scopes);

internal sealed record OAuthFlowSpec(OAuthFlowKind Kind, string? TokenUrl, string? RefreshUrl, EquatableArray<string> Scopes);

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

internal enum TokenAttachKind
{
    Header,
    Query,
    Cookie,

    /// <summary>Never sent by itself: handed to the signing hook (<c>x-token send: signature</c>).</summary>
    Signature,
}

/// <summary>How a token is written into requests.</summary>
/// <param name="Attach">Where the token goes.</param>
/// <param name="ParameterName">The header, query or cookie name.</param>
/// <param name="FormatPrefix">Prefix written before the token; null for none.</param>
/// <param name="PrefixUnlessPresent">Whether the prefix is skipped when the token already starts with it.</param>
internal sealed record TokenAttachSpec(TokenAttachKind Attach, string ParameterName, string? FormatPrefix, bool PrefixUnlessPresent)
{
    /// <summary><c>Authorization: Bearer …</c>, unless the token already says Bearer.</summary>
    public static TokenAttachSpec Bearer { get; } = new(TokenAttachKind.Header, "Authorization", "Bearer ", PrefixUnlessPresent: true);
}

/// <summary>
/// How the client obtains and attaches the token of one security scheme; built by the parser from <c>x-token</c>,
/// OAuth2 flows, or an operation recognised as an RFC 6749 token endpoint. One record per way of obtaining it.
/// </summary>
/// <param name="SchemeName">The security scheme the token serves.</param>
/// <param name="PropertyName">The generated <c>TokenProvider</c> property, e.g. <c>KitegatewayToken</c>.</param>
/// <param name="RequestMethodName">The private method of the auth class that requests a new token.</param>
/// <param name="Send">How the token is written into requests.</param>
internal abstract record TokenSourceSpec(string SchemeName, string PropertyName, string RequestMethodName, TokenAttachSpec Send);

/// <summary>An operation of the spec issues the token (<c>x-token</c>, or an inferred OAuth2 token endpoint).</summary>
/// <param name="OperationId">The token operation's id, for messages.</param>
/// <param name="MethodName">The client method that calls it.</param>
/// <param name="RefreshMethodName">The client method that calls it with a refresh-token grant; null when it has none.</param>
/// <param name="BodyType">The operation's body, set by the user in the options property <paramref name="RequestOptionName"/>.</param>
/// <param name="RequestOptionName">The options property holding the body; null when the operation takes none.</param>
/// <param name="Token">Where the token sits in the response.</param>
/// <param name="DefaultLifetimeSeconds">The lifetime <c>x-token</c> gives, used when the response says none.</param>
/// <param name="CredentialSchemes">The static-credential schemes the operation uses; their values key the token cache.</param>
/// <param name="RejectedWhen">How a server refuses the token inside a success response.</param>
internal sealed record OperationTokenSourceSpec(
    string SchemeName,
    string PropertyName,
    string RequestMethodName,
    TokenAttachSpec Send,
    string OperationId,
    string MethodName,
    string? RefreshMethodName,
    TypeRef? BodyType,
    bool BodyRequired,
    string? RequestOptionName,
    TokenValueSpec Token,
    TokenValueSpec? ExpiresAt,
    TokenValueSpec? ExpiresIn,
    TokenValueSpec? RefreshToken,
    int? DefaultLifetimeSeconds,
    EquatableArray<string> CredentialSchemes,
    RejectionSpec? RejectedWhen)
    : TokenSourceSpec(SchemeName, PropertyName, RequestMethodName, Send);

/// <summary>An OAuth2 flow of a security scheme: the runtime's RFC 6749 client posts to its token URL.</summary>
/// <param name="Flow">Client credentials or password.</param>
/// <param name="TokenUrl">The flow's <c>tokenUrl</c> as the spec writes it.</param>
/// <param name="RefreshUrl">The flow's <c>refreshUrl</c>, where refresh-token grants go; null when the spec gives none.</param>
/// <param name="Options">The options properties of the flow's client and, for the password grant, its resource owner.</param>
internal sealed record OAuth2FlowTokenSourceSpec(
    string SchemeName,
    string PropertyName,
    string RequestMethodName,
    TokenAttachSpec Send,
    OAuthFlowKind Flow,
    string TokenUrl,
    string? RefreshUrl,
    EquatableArray<string> Scopes,
    OAuth2OptionNames Options)
    : TokenSourceSpec(SchemeName, PropertyName, RequestMethodName, Send);

/// <summary>
/// The options properties of an OAuth2 flow; <see cref="Username"/> and <see cref="Password"/> only for the password
/// grant, <see cref="RefreshUrl"/> only when the flow has a <c>refreshUrl</c>.
/// </summary>
internal sealed record OAuth2OptionNames(
    string ClientId,
    string ClientSecret,
    string Scope,
    string? Username,
    string? Password,
    string TokenUrl,
    string? RefreshUrl,
    string ClientAuthentication);
