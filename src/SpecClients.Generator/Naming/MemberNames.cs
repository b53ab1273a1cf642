using System;
using System.Collections.Generic;
using System.Linq;
using SpecClients.Generator.Model;

namespace SpecClients.Generator.Naming;

/// <summary>
/// Member names derived from a name the options scope has already claimed (a scheme's or token source's stem): the
/// suffixes are fixed, so two distinct stems give distinct members.
/// </summary>
internal static class MemberNames
{
    /// <summary>What a generated record has besides its properties: a property must not hide or clash with these.</summary>
    private static readonly NameScope RecordReservedMembers = new(new[]
    {
        "JsonConverter", "EqualityContract", "ToString", "Equals", "GetHashCode", "PrintMembers", "Deconstruct",
        "Clone", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
    });

    /// <summary>What an enum's extensible struct has besides its members (reserved in strict mode too).</summary>
    private static readonly NameScope EnumReservedMembers = new(new[] { "IsKnown", "ToWireValue", "ToWireNumber", "ToString", "Equals", "GetHashCode", "GetType" });

    /// <summary>The scope of a record's members: its properties, <c>AdditionalProperties</c> and discriminator accessors.</summary>
    public static NameScope RecordMemberScope(string recordName) => RecordReservedMembers.CopyWith(recordName);

    /// <summary>The record member that keeps the JSON members the schema does not declare.</summary>
    public static string ClaimAdditionalProperties(NameScope members) => members.Claim("AdditionalProperties");

    /// <summary>
    /// The stem of a base record's accessors for one discriminator subtype (<c>IsX</c>, <c>TryGetX</c>, <c>FromX</c>):
    /// the subtype's name, numbered when a member already has one of the three names.
    /// </summary>
    public static string ClaimDiscriminatorCase(NameScope members, string subtypeName)
    {
        var stem = subtypeName;
        for (var i = 2; members.IsTaken("Is" + stem) || members.IsTaken("TryGet" + stem) || members.IsTaken("From" + stem); i++)
        {
            stem = subtypeName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        members.Claim("Is" + stem);
        members.Claim("TryGet" + stem);
        members.Claim("From" + stem);
        return stem;
    }

    /// <summary>
    /// The scope of an enum's members: a member must not have the enum's name, nor that of a member of the extensible
    /// struct (reserved in strict mode too, so switching modes renames nothing).
    /// </summary>
    public static NameScope EnumMemberScope(string enumName) => EnumReservedMembers.CopyWith(enumName);

    /// <summary>The scope of the options class's properties: server variables, scheme credentials, token sources.</summary>
    public static NameScope OptionsScope(ClientNames client) =>
        new(new[] { "BaseAddress", "Server", "Timeout", "MaxResponseBytes", "AllowInsecureHttp", "Retry", "Tokens", "RequestSigner", "TimeProvider", client.Options });

    /// <summary>The scope of the client's methods: one per operation.</summary>
    public static NameScope ClientMethodScope(ClientNames client) =>
        new(new[] { client.Client, "Options", "HttpClient", "Dispose", "ToString", "Equals", "GetHashCode", "GetType" });

    /// <summary>A member of the server enum: the server's name or description, else <c>Server{n}</c> by its place in the list.</summary>
    public static string ClaimServer(NameScope servers, string? nameOrDescription, int position) =>
        servers.Claim(nameOrDescription is null ? "Server" + position.ToString(System.Globalization.CultureInfo.InvariantCulture) : Identifiers.Pascal(nameOrDescription));

    /// <summary>
    /// The stem of an operation's client method (<c>{stem}Async</c>) and of its inline types' names: its operationId, or
    /// its method and path when it has none; numbered when an earlier operation took it.
    /// </summary>
    public static string ClaimOperationMethod(NameScope methods, string? operationId, string httpMethod, string path) =>
        methods.Claim(Identifiers.Pascal(operationId ?? (httpMethod.ToLowerInvariant() + " " + path)));

    /// <summary>The scope of one client method's parameters: the names its body uses for itself are taken.</summary>
    public static NameScope ParameterScope() => new(new[] { "body", "cancellationToken", "request", "response" });

    /// <summary>The options properties of a scheme's static credentials.</summary>
    public static SchemeOptionNames SchemeOptions(SecuritySchemeKind kind, string stem) => kind switch
    {
        SecuritySchemeKind.ApiKey => new SchemeOptionNames(stem, null, null, null),
        SecuritySchemeKind.HttpBasic => new SchemeOptionNames(null, stem + "Username", stem + "Password", null),
        SecuritySchemeKind.Unsupported => new SchemeOptionNames(null, null, null, null),
        _ => new SchemeOptionNames(null, null, null, stem + "Token"),
    };

    /// <summary>The options properties of an OAuth2 flow the client runs itself.</summary>
    public static OAuth2OptionNames OAuth2Options(OAuthFlowKind flow, string stem, bool hasRefreshUrl) => new(
        stem + "ClientId",
        stem + "ClientSecret",
        stem + "Scope",
        flow == OAuthFlowKind.Password ? stem + "Username" : null,
        flow == OAuthFlowKind.Password ? stem + "Password" : null,
        stem + "TokenUrl",
        hasRefreshUrl ? stem + "RefreshUrl" : null,
        stem + "ClientAuthentication");

    /// <summary>The options property holding the body of a token operation.</summary>
    public static string TokenRequestOption(string stem) => stem + "Request";

    /// <summary>The auth class's private method that obtains a new token.</summary>
    public static string TokenRequestMethod(string stem) => "Request" + stem + "Async";

    /// <summary>The client method that calls a token endpoint with the refresh-token grant: <c>CreateTokenWithRefreshTokenAsync</c>.</summary>
    public static string RefreshMethod(string methodName) =>
        (methodName.EndsWith("Async", StringComparison.Ordinal) ? methodName.Substring(0, methodName.Length - "Async".Length) : methodName)
        + "WithRefreshTokenAsync";

    /// <summary>The enum of a server variable's allowed values, nested in the options class.</summary>
    public static string ServerVariableEnum(string propertyName) => propertyName + "Value";

    /// <summary>Enum members for wire values, in their order, made unique within the enum.</summary>
    public static EquatableArray<string> EnumMembers(IEnumerable<string> values)
    {
        var scope = new NameScope();
        return values.Select(value => scope.Claim(Identifiers.Pascal(value))).ToEquatableArray();
    }
}
