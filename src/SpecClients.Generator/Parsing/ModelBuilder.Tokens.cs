using System;
using System.Collections.Generic;
using System.Linq;
using SpecClients.Generator.Diagnostics;
using SpecClients.Generator.Model;
using SpecClients.Generator.Naming;
using static SpecClients.Generator.Parsing.SchemaClassifier;

namespace SpecClients.Generator.Parsing;

internal sealed partial class ModelBuilder
{
    private const string OAuth2TokenMember = "access_token";
    private const string OAuth2ExpiresInMember = "expires_in";
    private const string OAuth2RefreshMember = "refresh_token";

    /// <summary>Decides, per security scheme, how its token is obtained and attached.</summary>
    private EquatableArray<TokenSourceSpec> BuildTokenSources(List<OperationSpec> operations, List<ResolvedTokenExtension> tokenExtensions)
    {
        var sources = new List<TokenSourceSpec>();
        foreach (var name in _schemeOrder)
        {
            var scheme = _schemes[name];
            if (_tokenExtensions.ContainsKey(name))
            {
                if (FromOperation(tokenExtensions.First(t => t.Scheme.Name == name)) is { } source)
                {
                    sources.Add(source);
                }
            }
            else if (scheme.Kind == SecuritySchemeKind.OAuth2)
            {
                var flow = scheme.Flows.FirstOrDefault(f => f.Kind is OAuthFlowKind.ClientCredentials or OAuthFlowKind.Password && f.TokenUrl is not null);
                if (flow is not null)
                {
                    sources.Add(new OAuth2FlowTokenSourceSpec(
                        scheme.Name,
                        scheme.PropertyName,
                        MemberNames.TokenRequestMethod(scheme.PropertyName),
                        TokenAttachSpec.Bearer,
                        flow.Kind,
                        flow.TokenUrl!,
                        flow.RefreshUrl,
                        flow.Scopes,
                        MemberNames.OAuth2Options(flow.Kind, scheme.PropertyName, flow.RefreshUrl is not null)));
                }
            }
        }

        // An operation that takes a form body with grant_type is an RFC 6749 token endpoint (FinCode's POST /oauth/token),
        // even when no scheme says so: its token is offered for the caller's own requests.
        var operationsWithXToken = new HashSet<string>(tokenExtensions.Select(t => t.Operation.OperationId), StringComparer.Ordinal);
        foreach (var operation in operations.Where(o => o.TokenEndpoint is not null && !operationsWithXToken.Contains(o.OperationId)))
        {
            var propertyName = _optionNames!.Claim("AccessToken");
            var schemeName = char.ToLowerInvariant(propertyName[0]) + propertyName.Substring(1);
            var record = operation.Success?.Type is { Kind: TypeKind.Object } type && _objects.TryGetValue(type.Name, out var found) ? found : null;
            if (record is null)
            {
                continue;
            }

            // A refresh grant only where the spec allows one: grant_type unrestricted, or its enum (or default) lists
            // refresh_token. FinCode's enum is [password]: renewing re-runs the password grant.
            var grants = operation.TokenEndpoint!.GrantTypes;
            var refreshAllowed = grants.IsEmpty || grants.Contains("refresh_token");
            sources.Add(new OperationTokenSourceSpec(
                schemeName,
                propertyName,
                MemberNames.TokenRequestMethod(propertyName),
                TokenAttachSpec.Bearer,
                operation.OperationId,
                operation.MethodName,
                RefreshMethodName: refreshAllowed ? MemberNames.RefreshMethod(operation.MethodName) : null,
                operation.Body?.Type,
                operation.Body?.Required ?? false,
                operation.Body is null ? null : MemberNames.TokenRequestOption(propertyName),
                OAuth2Value(record, OAuth2TokenMember),
                ExpiresAt: null,
                OAuth2Value(record, OAuth2ExpiresInMember),
                refreshAllowed ? OAuth2Value(record, OAuth2RefreshMember) : null,
                DefaultLifetimeSeconds: null,
                StaticSchemes(operation),
                RejectedWhen: null));
        }

        return sources.ToEquatableArray();
    }

    private OperationTokenSourceSpec? FromOperation(ResolvedTokenExtension resolved)
    {
        var (scheme, token, operation) = (resolved.Scheme, resolved.Extension, resolved.Operation);
        if (operation.Parameters.Any(p => p.Required))
        {
            Report(DiagnosticDescriptors.InvalidExtension, token.Pointer + "/operation", token.Pointer, "the token operation '" + operation.OperationId + "' has required parameters, which the client cannot fill by itself; supply an ITokenSource for scheme '" + scheme.Name + "' instead");
            return null;
        }

        if (resolved.TokenPath.IsEmpty)
        {
            return null;
        }

        TokenValueSpec? Value(EquatableArray<string> path, string? memberPointer) =>
            path.IsEmpty || memberPointer is null ? null : new TokenValueSpec(path, null, memberPointer);

        var isApiKey = scheme.Kind == SecuritySchemeKind.ApiKey;
        var attach = token.Send == TokenSendMode.Signature ? TokenAttachKind.Signature : scheme.Location switch
        {
            ApiKeyLocation.Query when isApiKey => TokenAttachKind.Query,
            ApiKeyLocation.Cookie when isApiKey => TokenAttachKind.Cookie,
            _ => TokenAttachKind.Header,
        };
        var send = new TokenAttachSpec(
            attach,
            isApiKey ? scheme.ParameterName ?? "Authorization" : "Authorization",
            isApiKey ? token.Prefix : "Bearer ",
            PrefixUnlessPresent: true);
        return new OperationTokenSourceSpec(
            scheme.Name,
            scheme.PropertyName,
            MemberNames.TokenRequestMethod(scheme.PropertyName),
            send,
            operation.OperationId,
            operation.MethodName,
            RefreshMethodName: null,
            operation.Body?.Type,
            operation.Body?.Required ?? false,
            operation.Body is null ? null : MemberNames.TokenRequestOption(scheme.PropertyName),
            Value(resolved.TokenPath, token.TokenPointer)!,
            Value(resolved.ExpiresAtPath, token.ExpiresAtPointer),
            Value(resolved.ExpiresInPath, token.ExpiresInPointer),
            Value(resolved.RefreshTokenPath, token.RefreshTokenPointer),
            token.LifetimeSeconds,
            StaticSchemes(operation),
            token.RejectedWhen);
    }

    /// <summary>The static-credential schemes a token operation itself uses; their values key the token cache.</summary>
    private EquatableArray<string> StaticSchemes(OperationSpec operation) =>
        operation.Security.IsEmpty
            ? EquatableArray<string>.Empty
            : operation.Security[0].Schemes
                .Where(s => _schemes.TryGetValue(s, out var scheme) && !_tokenExtensions.ContainsKey(s) && scheme.Signature is null && scheme.Kind != SecuritySchemeKind.Unsupported)
                .ToEquatableArray();

    /// <summary>An RFC 6749 member, declared in the response schema or else read from its unknown members.</summary>
    private static TokenValueSpec OAuth2Value(ObjectSpec record, string jsonName)
    {
        var declared = record.Properties.FirstOrDefault(p => p.JsonName == jsonName);
        return declared is not null
            ? new TokenValueSpec(new[] { declared.Name }.ToEquatableArray(), null, jsonName)
            : new TokenValueSpec(EquatableArray<string>.Empty, record.AdditionalPropertiesName, jsonName);
    }
}
