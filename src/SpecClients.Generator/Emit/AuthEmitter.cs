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
    private const string Auth = "global::SpecClients.Runtime.Auth";

    public static string AuthClassName(ClientSpec client) => client.Name + "Auth";

    public static bool HasSigning(ClientSpec client) => client.SecuritySchemes.Any(s => s.Signature is not null);

    public static string Emit(SpecContext context, ClientSpec client)
    {
        var name = AuthClassName(client);
        var w = FileHeader.Start(context);
        w.SummaryMarkup("The token providers and authenticators of <see cref=\"" + client.Name + "\"/>: tokens are obtained, cached, refreshed and attached as the spec describes.\nShare one instance per options (dependency injection registers it as a singleton), so that concurrent calls share one token.");
        w.Line(FileHeader.GeneratedCode(context));
        w.Open(context.Accessibility + " sealed partial class " + name);
        w.Line("private readonly " + client.OptionsName + " _options;");
        w.Line("private readonly global::System.Func<global::System.Net.Http.HttpClient> _httpClient;");
        w.Line("private readonly " + Auth + ".AuthServices _services;");
        w.Line("private readonly " + Auth + ".IRequestAuthenticator[] _authenticators;");
        w.Line("private readonly " + Auth + ".IRequestAuthenticator[] _signingAuthenticators;");
        w.Line();
        w.Line("/// <summary>Creates the token providers.</summary>");
        w.Line("/// <param name=\"options\">The client's options: server, credentials, token request bodies.</param>");
        w.Line("/// <param name=\"httpClient\">Supplies the HTTP client for token requests (for example from IHttpClientFactory).</param>");
        w.Line("/// <param name=\"services\">The token cache, clock and logging; <see cref=\"" + Auth.Substring(8) + ".AuthServices.Shared\"/> if null.</param>");
        w.Open("public " + name + "(" + client.OptionsName + " options, global::System.Func<global::System.Net.Http.HttpClient> httpClient, " + Auth + ".AuthServices? services = null)");
        w.Line("_options = options ?? throw new global::System.ArgumentNullException(nameof(options));");
        w.Line("_httpClient = httpClient ?? throw new global::System.ArgumentNullException(nameof(httpClient));");
        w.Line("_services = services ?? " + Auth + ".AuthServices.Shared;");
        foreach (var source in client.TokenSources)
        {
            var lifetime = source.DefaultLifetimeSeconds is { } seconds ? "global::System.TimeSpan.FromSeconds(" + seconds.ToString(CultureInfo.InvariantCulture) + ")" : "null";
            var parts = CredentialParts(client, source);
            w.Line(source.PropertyName + " = _services.CreateProvider(" + client.Name + ".ApiName, " + SourceWriter.Literal(source.SchemeName) + ", new " + Auth + ".DelegateTokenSource(Request" + source.PropertyName + "Async), TokenOptions(" + lifetime + ")" + (parts.Count == 0 ? string.Empty : ", " + string.Join(", ", parts)) + ");");
        }

        var signers = client.SecuritySchemes.Where(s => s.Signature is not null).ToList();
        if (signers.Count > 0)
        {
            w.Line("_signingAuthenticators = options.RequestSigner is { } signer");
            w.Line("    ? new " + Auth + ".IRequestAuthenticator[] { " + string.Join(", ", signers.Select(s => "new " + Auth + ".SigningAuthenticator(" + SourceWriter.Literal(s.Name) + ", signer, null, _services.TimeProvider)")) + " }");
            w.Line("    : global::System.Array.Empty<" + Auth + ".IRequestAuthenticator>();");
        }
        else
        {
            w.Line("_signingAuthenticators = global::System.Array.Empty<" + Auth + ".IRequestAuthenticator>();");
        }

        w.Line("var authenticators = new global::System.Collections.Generic.List<" + Auth + ".IRequestAuthenticator>();");
        foreach (var source in client.TokenSources)
        {
            if (source.Kind == TokenSourceKind.OAuth2Flow)
            {
                // An OAuth2 flow applies only when its client is configured; otherwise a static <Scheme>Token stays in use.
                w.Open("if (options." + source.PropertyName + "ClientId is not null)");
                w.Line("authenticators.Add(" + Authenticator(source) + ");");
                w.Close();
            }
            else
            {
                w.Line("authenticators.Add(" + Authenticator(source) + ");");
            }
        }

        w.Line("authenticators.AddRange(_signingAuthenticators);");
        w.Line("_authenticators = authenticators.ToArray();");
        w.Close();
        w.Line();

        foreach (var source in client.TokenSources)
        {
            w.Line("/// <summary>The token of security scheme <c>" + DocText.Inline(source.SchemeName) + "</c>: cached, refreshed ahead of expiry, one request for any number of callers.</summary>");
            w.Line("public " + Auth + ".TokenProvider " + source.PropertyName + " { get; }");
            w.Line();
        }

        w.Line("/// <summary>The authenticators of the token and signing schemes; the client adds them to those its options supply.</summary>");
        w.Line("public global::System.Collections.Generic.IReadOnlyList<" + Auth + ".IRequestAuthenticator> Authenticators => _authenticators;");
        w.Line();
        w.Line("/// <summary>The authenticator of one scheme, for example to put on your own HttpClient with <see cref=\"" + Auth.Substring(8) + ".AuthenticationHandler\"/>.</summary>");
        w.Line("/// <param name=\"schemeName\">The security scheme's name in the spec.</param>");
        w.Line("/// <returns>The authenticator.</returns>");
        w.Open("public " + Auth + ".IRequestAuthenticator GetAuthenticator(string schemeName)");
        w.Open("foreach (var authenticator in _authenticators)");
        w.Open("if (authenticator.SchemeName == schemeName)");
        w.Line("return authenticator;");
        w.Close();
        w.Close();
        w.Line();
        w.Line("throw new global::System.ArgumentException(" + client.Name + ".ApiName + \" has no token or signing scheme named '\" + schemeName + \"'.\", nameof(schemeName));");
        w.Close();
        w.Line();
        w.Line("/// <summary>Static and signing credentials only: token operations must not need the tokens they issue.</summary>");
        w.Line("private " + client.Name + " CreateTokenClient(" + Auth + ".TokenRequestContext? context = null) => new " + client.Name + "(_httpClient(), _options, (global::System.Collections.Generic.IEnumerable<" + Auth + ".IRequestAuthenticator>)" + Auth + ".SigningAuthenticator.ForTokenRequest(_signingAuthenticators, context));");
        w.Line();
        w.Open("private " + Auth + ".TokenProviderOptions TokenOptions(global::System.TimeSpan? specLifetime) => new " + Auth + ".TokenProviderOptions");
        w.Line("RefreshMargin = _options.Tokens.RefreshMargin,");
        w.Line("DefaultLifetime = _options.Tokens.DefaultLifetime == new " + Auth + ".TokenProviderOptions().DefaultLifetime && specLifetime is { } lifetime ? lifetime : _options.Tokens.DefaultLifetime,");
        w.Line("MaximumLifetime = _options.Tokens.MaximumLifetime,");
        w.Line("TokenRequestTimeout = _options.Tokens.TokenRequestTimeout,");
        w.Close(";");
        foreach (var source in client.TokenSources)
        {
            w.Line();
            EmitRequest(w, client, source);
        }

        w.Close();
        return w.ToString();
    }

    private static string Authenticator(TokenSourceSpec source)
    {
        var rejection = source.RejectedWhen is { } rule
            ? " { RejectedWhen = new " + Auth + ".CredentialRejection(" + SourceWriter.Literal(rule.Pointer) + ", " + SourceWriter.Literal(rule.Value) + ") }"
            : string.Empty;
        return AuthenticatorCore(source) + rejection;
    }

    private static string AuthenticatorCore(TokenSourceSpec source)
    {
        var scheme = SourceWriter.Literal(source.SchemeName);
        if (source.Attach == TokenAttachKind.Signature)
        {
            return "new " + Auth + ".SignatureTokenAuthenticator(" + scheme + ", " + source.PropertyName + ")";
        }

        var format = source.FormatPrefix is null
            ? Auth + ".TokenFormat.Raw"
            : source.FormatPrefix == "Bearer " && source.PrefixUnlessPresent
                ? Auth + ".TokenFormat.Bearer"
                : Auth + ".TokenFormat." + (source.PrefixUnlessPresent ? "PrefixUnlessPresent(" : "Prefix(") + SourceWriter.Literal(source.FormatPrefix) + ")";
        var location = Auth + ".ApiKeyLocation." + source.Attach;
        return "new " + Auth + ".TokenAuthenticator(" + scheme + ", " + source.PropertyName + ", " + SourceWriter.Literal(source.ParameterName) + ", " + format + ", " + location + ")";
    }

    /// <summary>Values that identify the credentials of a token: hashed into its cache key, so two tenants never share a token.</summary>
    private static List<string> CredentialParts(ClientSpec client, TokenSourceSpec source)
    {
        // Where the token is valid: a sandbox and the live host never share a token, whatever the credentials.
        var parts = new List<string> { "options.BaseAddress?.AbsoluteUri" };
        if (client.Servers.Count > 0)
        {
            parts.Add("options.Server.ToString()");
        }

        foreach (var variable in client.ServerVariables)
        {
            parts.Add("options." + variable.PropertyName + "?.ToString()");
        }

        if (HasSigning(client))
        {
            // A signed token operation's credentials live in the user's signer: ask it who it signs for.
            parts.Add("options.RequestSigner is " + Auth + ".IIdentifiedRequestSigner __identified ? __identified.CredentialIdentity : options.RequestSigner?.GetType().FullName");
        }

        foreach (var schemeName in source.CredentialSchemes)
        {
            var scheme = client.SecuritySchemes.First(s => s.Name == schemeName);
            switch (scheme.Kind)
            {
                case SecuritySchemeKind.ApiKey:
                    parts.Add("options." + scheme.PropertyName);
                    break;
                case SecuritySchemeKind.HttpBasic:
                    parts.Add("options." + scheme.PropertyName + "Username");
                    parts.Add("options." + scheme.PropertyName + "Password");
                    break;
                default:
                    parts.Add("options." + scheme.PropertyName + "Token");
                    break;
            }
        }

        if (source.Kind == TokenSourceKind.Operation && source.BodyType is { } body)
        {
            parts.Add("options." + source.PropertyName + "Request is { } __request ? " + JsonCode.Format(body, "__request") + " : null");
        }
        else if (source.Kind == TokenSourceKind.OAuth2Flow)
        {
            parts.Add("options." + source.PropertyName + "ClientId");
            parts.Add("options." + source.PropertyName + "ClientSecret");
            parts.Add("options." + source.PropertyName + "Scope");
            if (source.Flow == OAuthFlowKind.Password)
            {
                parts.Add("options." + source.PropertyName + "Username");
                parts.Add("options." + source.PropertyName + "Password");
            }
        }

        return parts;
    }

    private static void EmitRequest(SourceWriter w, ClientSpec client, TokenSourceSpec source)
    {
        var signature = "private async global::System.Threading.Tasks.ValueTask<" + Auth + ".AccessToken> Request" + source.PropertyName + "Async(" + Auth + ".TokenRequestContext context, global::System.Threading.CancellationToken cancellationToken)";
        if (source.Kind == TokenSourceKind.OAuth2Flow)
        {
            w.Open(signature);
            var grant = source.Flow == OAuthFlowKind.Password ? "Password" : "ClientCredentials";
            w.Line("var tokenUrl = " + Auth + ".OAuth2TokenClient.ResolveTokenUrl(" + SourceWriter.Literal(source.TokenUrl!) + ", () => CreateTokenClient().ResolveServer());");
            w.Line("var oauth = new " + Auth + ".OAuth2TokenClient(_httpClient(), " + client.Name + ".ApiName, tokenUrl, _options.AllowInsecureHttp);");
            w.Line("return await oauth.RequestAsync(context, " + Auth + ".OAuth2Grant." + grant + ", _options." + source.PropertyName + "ClientId, _options." + source.PropertyName + "ClientSecret, _options." + source.PropertyName + "Scope, "
                + (source.Flow == OAuthFlowKind.Password ? "_options." + source.PropertyName + "Username, _options." + source.PropertyName + "Password" : "null, null") + ", cancellationToken).ConfigureAwait(false);");
            w.Close();
            return;
        }

        w.Open(signature);
        w.Line("var client = CreateTokenClient(context);");
        var call = "client." + source.MethodName + "(";
        if (source.BodyType is not null)
        {
            if (source.BodyRequired)
            {
                w.Line("var body = _options." + source.PropertyName + "Request ?? throw new global::System.InvalidOperationException(" + client.Name + ".ApiName + \": set " + client.OptionsName + "." + source.PropertyName + "Request, the body of the token operation '" + source.OperationId + "'.\");");
                call += "body, ";
            }
            else
            {
                call += "_options." + source.PropertyName + "Request, ";
            }
        }

        call += "cancellationToken: cancellationToken)";
        if (source.RefreshGrant)
        {
            var refreshCall = "client." + RefreshMethodName(source.MethodName!) + "(context.RefreshToken, cancellationToken)";
            w.Line("var response = context.RefreshToken is not null");
            w.Line("    ? await " + refreshCall + ".ConfigureAwait(false)");
            w.Line("    : await " + call + ".ConfigureAwait(false);");
        }
        else
        {
            w.Line("var response = await " + call + ".ConfigureAwait(false);");
        }

        w.Line("return " + Auth + ".TokenResponseValues.CreateToken(");
        w.Indent();
        w.Line(client.Name + ".ApiName,");
        w.Line(SourceWriter.Literal(source.OperationId!) + ",");
        w.Line(SourceWriter.Literal(source.Token!.JsonName) + ",");
        w.Line("context,");
        w.Line("token: " + Auth + ".TokenResponseValues.Text(" + Access(source.Token) + "),");
        w.Line("expiresAt: " + (source.ExpiresAt is null ? "null" : Auth + ".TokenResponseValues.Seconds(" + Access(source.ExpiresAt) + ")") + ",");
        w.Line("expiresIn: " + (source.ExpiresIn is null ? "null" : Auth + ".TokenResponseValues.Seconds(" + Access(source.ExpiresIn) + ")") + ",");
        w.Line("refreshToken: " + (source.RefreshToken is null ? "null" : Auth + ".TokenResponseValues.Text(" + Access(source.RefreshToken) + ")") + ",");
        w.Line("response: response);");
        w.Outdent();
        w.Close();
    }

    public static string RefreshMethodName(string methodName) =>
        (methodName.EndsWith("Async", System.StringComparison.Ordinal) ? methodName.Substring(0, methodName.Length - 5) : methodName) + "WithRefreshTokenAsync";

    /// <summary><c>response.Data?.Token</c>, or a lookup among the record's unknown members.</summary>
    private static string Access(TokenValueSpec value)
    {
        if (value.AdditionalPropertiesName is not null)
        {
            return Auth + ".TokenResponseValues.Member(response." + value.AdditionalPropertiesName + ", " + SourceWriter.Literal(value.JsonName) + ")";
        }

        return "response." + string.Join("?.", value.Path);
    }
}
