using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SpecClients.Generator.Model;

namespace SpecClients.Generator.Emit;

/// <summary>
/// Emits <c>{Client}Auth</c>: the token providers of a client's token schemes and the authenticators that attach them.
/// One instance is meant to be shared (DI registers it as a singleton) so that concurrent calls share one token.
/// </summary>
internal static class AuthEmitter
{
    private const string AuthNamespace = "SpecClients.Runtime.Auth";
    private const string AccessToken = "global::SpecClients.Runtime.Auth.AccessToken";
    private const string ApiKeyLocation = "global::SpecClients.Runtime.Auth.Generated.ApiKeyLocation";
    private const string AuthServices = "global::SpecClients.Runtime.Auth.AuthServices";
    private const string CredentialRejection = "global::SpecClients.Runtime.Auth.Generated.CredentialRejection";
    private const string DelegateTokenSource = "global::SpecClients.Runtime.Auth.DelegateTokenSource";
    private const string IIdentifiedRequestSigner = "global::SpecClients.Runtime.Auth.IIdentifiedRequestSigner";
    private const string IRequestAuthenticator = "global::SpecClients.Runtime.Auth.IRequestAuthenticator";
    private const string IRequestSigner = "global::SpecClients.Runtime.Auth.IRequestSigner";
    private const string OAuth2Grant = "global::SpecClients.Runtime.Auth.Generated.OAuth2Grant";
    private const string OAuth2TokenClient = "global::SpecClients.Runtime.Auth.Generated.OAuth2TokenClient";
    private const string SignatureTokenAuthenticator = "global::SpecClients.Runtime.Auth.Generated.SignatureTokenAuthenticator";
    private const string SigningAuthenticator = "global::SpecClients.Runtime.Auth.Generated.SigningAuthenticator";
    private const string TokenAuthenticator = "global::SpecClients.Runtime.Auth.Generated.TokenAuthenticator";
    private const string TokenCredentialIdentity = "global::SpecClients.Runtime.Auth.TokenCredentialIdentity";
    private const string TokenFormat = "global::SpecClients.Runtime.Auth.Generated.TokenFormat";
    private const string TokenProvider = "global::SpecClients.Runtime.Auth.TokenProvider";
    private const string TokenProviderOptions = "global::SpecClients.Runtime.Auth.TokenProviderOptions";
    private const string TokenRequestContext = "global::SpecClients.Runtime.Auth.TokenRequestContext";
    private const string TokenResponseValues = "global::SpecClients.Runtime.Auth.Generated.TokenResponseValues";
    private const string JsonWrite = "global::SpecClients.Runtime.Json.JsonWrite";
    private const string HttpClient = "global::System.Net.Http.HttpClient";
    private const string CancellationToken = "global::System.Threading.CancellationToken";
    private const string AuthenticatorList = "global::System.Collections.Generic.List<" + IRequestAuthenticator + ">";

    public static string Emit(SpecContext context, ClientSpec client)
    {
        var w = FileHeader.Start(context);
        w.SummaryMarkup($"""
            The token providers and authenticators of <see cref="{client.Name}"/>: tokens are obtained, cached,
            refreshed and attached as the spec describes. Share one instance per options (dependency injection registers
            it as a singleton), so that concurrent calls share one token.
            """);
        w.Line(FileHeader.GeneratedCode(context));
        w.Open($"{context.Accessibility} sealed partial class {client.AuthName}");
        w.Lines($$"""
            private readonly {{client.OptionsName}} _options;
            private readonly global::System.Func<{{HttpClient}}> _httpClient;
            private readonly {{AuthServices}} _services;
            private readonly {{IRequestAuthenticator}}[] _authenticators;
            private readonly {{IRequestAuthenticator}}[] _signingAuthenticators;

            /// <summary>Creates the token providers.</summary>
            /// <param name="options">The client's options: server, credentials, token request bodies.</param>
            /// <param name="httpClient">Supplies the HTTP client for token requests (for example from IHttpClientFactory).</param>
            /// <param name="services">
            /// The token cache, clock and logging; <see cref="{{AuthNamespace}}.AuthServices.Shared"/> if null.
            /// </param>
            public {{client.AuthName}}(
                {{client.OptionsName}} options,
                global::System.Func<{{HttpClient}}> httpClient,
                {{AuthServices}}? services = null)
            """);
        OpenBrace(w);
        w.Lines($"""
            _options = options ?? throw new global::System.ArgumentNullException(nameof(options));
            _httpClient = httpClient ?? throw new global::System.ArgumentNullException(nameof(httpClient));
            _services = services ?? {AuthServices}.Shared;
            """);
        foreach (var source in client.TokenSources)
        {
            EmitCreateProvider(w, client, source);
        }

        EmitSigningAuthenticators(w, client);
        w.Line($"var authenticators = new {AuthenticatorList}();");
        foreach (var source in client.TokenSources)
        {
            if (source is OAuth2FlowTokenSourceSpec flow)
            {
                // An OAuth2 flow applies only when its client is configured; otherwise a static <Scheme>Token stays in use.
                w.Open($"if (options.{flow.Options.ClientId} is not null)");
                EmitAddAuthenticator(w, source);
                w.Close();
            }
            else
            {
                EmitAddAuthenticator(w, source);
            }
        }

        w.Lines("""
            authenticators.AddRange(_signingAuthenticators);
            _authenticators = authenticators.ToArray();
            """);
        w.Close();
        w.Line();

        foreach (var source in client.TokenSources)
        {
            w.Lines($$"""
                /// <summary>
                /// The token of security scheme <c>{{DocText.Inline(source.SchemeName)}}</c>: cached, refreshed ahead of expiry,
                /// one request for any number of callers.
                /// </summary>
                public {{TokenProvider}} {{source.PropertyName}} { get; }

                """);
        }

        w.Lines($$"""
            /// <summary>The authenticators of the token and signing schemes; the client adds them to those its options supply.</summary>
            public global::System.Collections.Generic.IReadOnlyList<{{IRequestAuthenticator}}> Authenticators =>
                _authenticators;

            /// <summary>
            /// The authenticator of one scheme, for example to put on your own HttpClient with
            /// <see cref="{{AuthNamespace}}.AuthenticationHandler"/>.
            /// </summary>
            /// <param name="schemeName">The security scheme's name in the spec.</param>
            /// <returns>The authenticator.</returns>
            public {{IRequestAuthenticator}} GetAuthenticator(string schemeName)
            {
                foreach (var authenticator in _authenticators)
                {
                    if (authenticator.SchemeName == schemeName)
                    {
                        return authenticator;
                    }
                }

                throw new global::System.ArgumentException(
                    {{client.Name}}.ApiName + " has no token or signing scheme named '" + schemeName + "'.",
                    nameof(schemeName));
            }

            /// <summary>
            /// Static and signing credentials only: token operations must not need the tokens they issue. A signer learns
            /// from <paramref name="context"/> which operation the token is being obtained for.
            /// </summary>
            private {{client.Name}} CreateTokenClient({{TokenRequestContext}}? context = null) =>
                new {{client.Name}}(
                    _httpClient(),
                    _options,
                    {{SigningAuthenticator}}.ForTokenRequest(_signingAuthenticators, context),
                    obtainsCredentials: true,
                    _services.TimeProvider);

            /// <summary>The clock of token expiry, which the client's retry waits on too.</summary>
            internal global::System.TimeProvider TimeProvider => _services.TimeProvider;

            /// <summary>The options' token settings; a lifetime the spec gives replaces the default lifetime unless that was changed.</summary>
            private {{TokenProviderOptions}} TokenOptions(global::System.TimeSpan? specLifetime)
            {
                var tokens = _options.Tokens;
                var defaultLifetimeUnchanged =
                    tokens.DefaultLifetime == new {{TokenProviderOptions}}().DefaultLifetime;
                return new {{TokenProviderOptions}}
                {
                    RefreshMargin = tokens.RefreshMargin,
                    DefaultLifetime = defaultLifetimeUnchanged && specLifetime is { } lifetime ? lifetime : tokens.DefaultLifetime,
                    MaximumLifetime = tokens.MaximumLifetime,
                    TokenRequestTimeout = tokens.TokenRequestTimeout,
                    FailureBackoff = tokens.FailureBackoff,
                    MaximumFailureBackoff = tokens.MaximumFailureBackoff,
                };
            }
            """);
        if (client.HasSigning)
        {
            w.Lines($"""

                /// <summary>Who the signer signs for: a signed token operation's credentials live in the user's signer.</summary>
                private static string? SignerIdentity({IRequestSigner}? signer) =>
                    signer is {IIdentifiedRequestSigner} identified
                        ? identified.CredentialIdentity
                        : signer?.GetType().FullName;
                """);
        }

        foreach (var source in client.TokenSources)
        {
            w.Line();
            switch (source)
            {
                case OAuth2FlowTokenSourceSpec flow:
                    EmitOAuth2Request(w, client, flow);
                    break;
                case OperationTokenSourceSpec operation:
                    EmitOperationRequest(w, client, operation);
                    break;
            }
        }

        w.Close();
        return w.ToString();
    }

    private static void EmitCreateProvider(SourceWriter w, ClientSpec client, TokenSourceSpec source)
    {
        var lifetime = source is OperationTokenSourceSpec { DefaultLifetimeSeconds: { } seconds }
            ? $"global::System.TimeSpan.FromSeconds({seconds.ToString(CultureInfo.InvariantCulture)})"
            : "null";
        w.Lines($"""
            {source.PropertyName} = _services.CreateProvider(
                {client.Name}.ApiName,
                {SourceWriter.Literal(source.SchemeName)},
                new {DelegateTokenSource}({source.RequestMethodName}),
                TokenOptions(specLifetime: {lifetime}),
                new {TokenCredentialIdentity}
            """);
        w.Indent();
        OpenBrace(w);
        // Where the token is valid: a sandbox and the live host never share a token, whatever the credentials.
        w.Line("BaseAddress = options.BaseAddress?.AbsoluteUri,");
        if (client.Servers.Count > 0)
        {
            w.Line("Server = options.Server.ToString(),");
        }

        StringArray(w, "ServerVariables", client.ServerVariables.Select(v => $"options.{v.PropertyName}?.ToString()"));
        if (client.HasSigning)
        {
            w.Line("Signer = SignerIdentity(options.RequestSigner),");
        }

        StringArray(w, "Credentials", CredentialOptions(client, source));
        StringArray(w, "TokenRequest", TokenRequestOptions(source));
        w.Close(");");
        w.Outdent();
    }

    /// <summary>The static credentials a token operation uses: their values key its token, so two tenants never share one.</summary>
    private static IEnumerable<string> CredentialOptions(ClientSpec client, TokenSourceSpec source)
    {
        if (source is not OperationTokenSourceSpec operation)
        {
            yield break;
        }

        foreach (var schemeName in operation.CredentialSchemes)
        {
            var options = client.SecuritySchemes.First(s => s.Name == schemeName).Options;
            foreach (var property in new[] { options.Value, options.Username, options.Password, options.Token })
            {
                if (property is not null)
                {
                    yield return $"options.{property}";
                }
            }
        }
    }

    /// <summary>What the token request sends: the operation's body, or the OAuth2 client and resource owner.</summary>
    private static IEnumerable<string> TokenRequestOptions(TokenSourceSpec source)
    {
        switch (source)
        {
            case OperationTokenSourceSpec { RequestOptionName: { } option }:
                yield return $"{option}Identity(options.{option})";
                break;
            case OAuth2FlowTokenSourceSpec { Options: var options }:
                foreach (var property in new[] { options.ClientId, options.ClientSecret, options.Scope, options.Username, options.Password })
                {
                    if (property is not null)
                    {
                        yield return $"options.{property}";
                    }
                }

                // Another authorization server issues other tokens.
                yield return $"options.{options.TokenUrl}?.OriginalString";
                break;
        }
    }

    private static void EmitSigningAuthenticators(SourceWriter w, ClientSpec client)
    {
        var signers = client.SecuritySchemes.Where(s => s.Signature is not null).ToList();
        if (signers.Count == 0)
        {
            w.Line($"_signingAuthenticators = global::System.Array.Empty<{IRequestAuthenticator}>();");
            return;
        }

        w.Line("_signingAuthenticators = options.RequestSigner is { } signer");
        w.Indent();
        w.Line($"? new {IRequestAuthenticator}[]");
        OpenBrace(w);
        foreach (var scheme in signers)
        {
            w.Lines($"""
                new {SigningAuthenticator}(
                    {SourceWriter.Literal(scheme.Name)},
                    signer,
                    tokenProvider: null,
                    clock: _services.TimeProvider),
                """);
        }

        w.Close();
        w.Line($": global::System.Array.Empty<{IRequestAuthenticator}>();");
        w.Outdent();
    }

    private static void EmitAddAuthenticator(SourceWriter w, TokenSourceSpec source)
    {
        var scheme = SourceWriter.Literal(source.SchemeName);
        var initializer = new List<string>();
        if (source is OperationTokenSourceSpec { RejectedWhen: { } rejectedWhen })
        {
            initializer.Add($"RejectedWhen = new {CredentialRejection}({SourceWriter.Literal(rejectedWhen.Pointer)}, {SourceWriter.Literal(rejectedWhen.Value)}),");
        }
        else if (source is OAuth2FlowTokenSourceSpec flow)
        {
            // Each operation's token carries the scopes its requirement lists, unless the options set a scope, which wins.
            initializer.Add($"RequestsOperationScopes = options.{flow.Options.Scope} is null,");
        }

        // Without an initializer the call ends on the constructor's last line; with one, after the initializer.
        var end = initializer.Count == 0 ? ");" : string.Empty;
        if (source.Send.Attach == TokenAttachKind.Signature)
        {
            w.Line($"authenticators.Add(new {SignatureTokenAuthenticator}({scheme}, {source.PropertyName}){end}");
        }
        else
        {
            w.Lines($"""
                authenticators.Add(new {TokenAuthenticator}(
                    {scheme},
                    {source.PropertyName},
                    parameterName: {SourceWriter.Literal(source.Send.ParameterName)},
                    format: {Format(source.Send)},
                    location: {ApiKeyLocation}.{source.Send.Attach}){end}
                """);
        }

        if (initializer.Count == 0)
        {
            return;
        }

        OpenBrace(w);
        foreach (var line in initializer)
        {
            w.Line(line);
        }

        w.Close(");");
    }

    private static string Format(TokenAttachSpec send) => send switch
    {
        { FormatPrefix: null } => $"{TokenFormat}.Raw",
        { FormatPrefix: "Bearer ", PrefixUnlessPresent: true } => $"{TokenFormat}.Bearer",
        { PrefixUnlessPresent: true } => $"{TokenFormat}.PrefixUnlessPresent({SourceWriter.Literal(send.FormatPrefix)})",
        _ => $"{TokenFormat}.Prefix({SourceWriter.Literal(send.FormatPrefix)})",
    };

    private static void EmitOAuth2Request(SourceWriter w, ClientSpec client, OAuth2FlowTokenSourceSpec source)
    {
        var grant = source.Flow == OAuthFlowKind.Password ? "Password" : "ClientCredentials";
        var options = source.Options;
        var username = options.Username is null ? "null" : $"_options.{options.Username}";
        var password = options.Password is null ? "null" : $"_options.{options.Password}";
        RequestSignature(w, source);
        // The options' URLs (absolute, or relative to the server) replace the spec's; a token URL set there also takes
        // the refresh grants, unless a refresh URL is set too.
        w.Lines($$"""
            {
                var tokenUrl = {{OAuth2TokenClient}}.ResolveTokenUrl(
                    _options.{{options.TokenUrl}}?.OriginalString ?? {{SourceWriter.Literal(source.TokenUrl)}},
                    () => CreateTokenClient().ResolveServer());
                var oauth = new {{OAuth2TokenClient}}(_httpClient(), {{client.Name}}.ApiName, tokenUrl, _options.AllowInsecureHttp)
                {
                    ClientAuthentication = _options.{{options.ClientAuthentication}},
            """);
        if (options.RefreshUrl is { } refreshOption && source.RefreshUrl is { } specRefreshUrl)
        {
            w.Lines($$"""
                        RefreshUrl = _options.{{refreshOption}} is null && _options.{{options.TokenUrl}} is not null
                            ? null
                            : {{OAuth2TokenClient}}.ResolveTokenUrl(
                                _options.{{refreshOption}}?.OriginalString ?? {{SourceWriter.Literal(specRefreshUrl)}},
                                () => CreateTokenClient().ResolveServer()),
                """);
        }

        w.Lines($$"""
                };
                return await oauth.RequestAsync(
                    context,
                    {{OAuth2Grant}}.{{grant}},
                    clientId: _options.{{options.ClientId}},
                    clientSecret: _options.{{options.ClientSecret}},
                    scope: _options.{{options.Scope}},
                    username: {{username}},
                    password: {{password}},
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            """);
    }

    private static void EmitOperationRequest(SourceWriter w, ClientSpec client, OperationTokenSourceSpec source)
    {
        RequestSignature(w, source);
        OpenBrace(w);
        w.Line("var client = CreateTokenClient(context);");
        var body = string.Empty;
        if (source.RequestOptionName is { } option)
        {
            if (source.BodyRequired)
            {
                var missing = SourceWriter.Literal($": set {client.OptionsName}.{option}, the body of the token operation '{source.OperationId}'.");
                w.Lines($"""
                    var body = _options.{option}
                        ?? throw new global::System.InvalidOperationException(
                            {client.Name}.ApiName + {missing});
                    """);
                body = "body, ";
            }
            else
            {
                body = $"_options.{option}, ";
            }
        }

        var call = $"client.{source.MethodName}({body}cancellationToken: cancellationToken).ConfigureAwait(false)";
        if (source.RefreshMethodName is { } refresh)
        {
            w.Lines($"""
                var response = context.RefreshToken is not null
                    ? await client.{refresh}(context.RefreshToken, cancellationToken).ConfigureAwait(false)
                    : await {call};
                """);
        }
        else
        {
            w.Lines($"""
                var response = await client.{source.MethodName}({body}cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
                """);
        }

        w.Lines($"""
            return {TokenResponseValues}.CreateToken(
                {client.Name}.ApiName,
                {SourceWriter.Literal(source.OperationId)},
                {SourceWriter.Literal(source.Token.JsonName)},
                context,
            """);
        w.Indent();
        TokenValue(w, "token", "Text", source.Token, ",");
        TokenValue(w, "expiresAt", "Seconds", source.ExpiresAt, ",");
        TokenValue(w, "expiresIn", "Seconds", source.ExpiresIn, ",");
        TokenValue(w, "refreshToken", "Text", source.RefreshToken, ",");
        w.Line("response: response);");
        w.Outdent();
        w.Close();

        if (source.RequestOptionName is { } requestOption && source.BodyType is { } bodyType)
        {
            EmitRequestIdentity(w, requestOption, bodyType);
        }
    }

    private static void RequestSignature(SourceWriter w, TokenSourceSpec source) => w.Lines($"""
        private async global::System.Threading.Tasks.ValueTask<{AccessToken}> {source.RequestMethodName}(
            {TokenRequestContext} context,
            {CancellationToken} cancellationToken)
        """);

    /// <summary>
    /// <c>token: TokenResponseValues.Text(response.Data?.Token)</c>, or a lookup among the record's unknown members, on
    /// a line of its own.
    /// </summary>
    private static void TokenValue(SourceWriter w, string parameter, string conversion, TokenValueSpec? value, string end)
    {
        if (value is null)
        {
            w.Line($"{parameter}: null{end}");
        }
        else if (value.AdditionalPropertiesName is { } unknownMembers)
        {
            w.Lines($"""
                {parameter}: {TokenResponseValues}.{conversion}(
                    {TokenResponseValues}.Member(response.{unknownMembers}, {SourceWriter.Literal(value.JsonName)})){end}
                """);
        }
        else
        {
            w.Line($"{parameter}: {TokenResponseValues}.{conversion}(response.{string.Join("?.", value.Path)}){end}");
        }
    }

    /// <summary>The token request body as text, for the token's cache key: a different body is a different token.</summary>
    private static void EmitRequestIdentity(SourceWriter w, string option, TypeRef bodyType)
    {
        w.Line();
        w.Line("/// <summary>The token request body as text, part of the token's cache key.</summary>");
        w.Line($"private static string? {option}Identity({bodyType.CSharp}? request) =>");
        w.Indent();
        w.Line("request is null");
        w.Indent();
        w.Line("? null");
        if (bodyType.Kind is TypeKind.Object or TypeKind.Array or TypeKind.Map)
        {
            var write = JsonCode.WriteValue(bodyType, "w", "v").TrimEnd(';');
            w.Lines($"""
                : {JsonWrite}.ToJsonString(
                    request,
                    static (w, v) => {write});
                """);
        }
        else if (bodyType.Kind is TypeKind.Binary or TypeKind.File)
        {
            // A stream cannot be read for its text without being used up: each stream object is its own identity.
            w.Line(": \"stream \" + global::System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(request)");
            w.Line("    .ToString(global::System.Globalization.CultureInfo.InvariantCulture);");
        }
        else
        {
            w.Line($": {JsonCode.Format(bodyType, bodyType.IsValueType ? "request.Value" : "request")};");
        }

        w.Outdent();
        w.Outdent();
    }

    /// <summary><c>Name = new string?[] { … },</c>; nothing when there are no values.</summary>
    private static void StringArray(SourceWriter w, string property, IEnumerable<string> values)
    {
        var items = values.ToList();
        if (items.Count == 0)
        {
            return;
        }

        w.Line($"{property} = new string?[]");
        OpenBrace(w);
        foreach (var item in items)
        {
            w.Line($"{item},");
        }

        w.Close(",");
    }

    /// <summary>A brace that opens a block continuing the previous line (an initializer, a multi-line signature's body).</summary>
    private static void OpenBrace(SourceWriter w) => w.Line("{").Indent();
}
