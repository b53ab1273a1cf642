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
