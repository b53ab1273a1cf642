using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SpecClients.Generator.Model;
using static SpecClients.Generator.Emit.KnownTypes;

namespace SpecClients.Generator.Emit;

/// <summary>
/// Emits the client class: one method per operation that builds the request and returns the runtime's call
/// (<c>ApiClientCore.CallJsonAsync</c> and its siblings), which awaits it; no state machine per operation.
/// </summary>
internal static class ClientEmitter
{
    /// <summary>The dictionary of authenticators by scheme name the constructor builds.</summary>
    private const string AuthenticatorsByScheme = Dictionary + "<string, " + IRequestAuthenticator + ">";

    public static string Emit(SpecContext context, ClientSpec client)
    {
        var w = FileHeader.Start(context);
        w.Summary("Client for " + client.ApiTitle + "." + (client.Description is null ? string.Empty : "\n" + client.Description));
        w.Line(FileHeader.GeneratedCode(context));
        w.Open(context.Accessibility + " sealed partial class " + client.Name);
        w.Lines($"""
            /// <summary>The API's name, used in messages and logs.</summary>
            public const string ApiName = {SourceWriter.Literal(client.ApiTitle)};

            private readonly {ApiClientCore} _core;
            private readonly {client.OptionsName} _options;

            """);
        EmitConstructors(w, client);
        EmitStaticAuthenticators(w, client);

        var fields = new SharedFields(client.TokenSources.OfType<OAuth2FlowTokenSourceSpec>().Select(s => s.SchemeName));
        foreach (var operation in client.Operations)
        {
            EmitOperation(w, client, operation, fields);
            var refresh = operation.TokenEndpoint is null
                ? null
                : client.TokenSources.OfType<OperationTokenSourceSpec>().FirstOrDefault(t => t.RefreshMethodName is not null && t.OperationId == operation.OperationId);
            if (refresh is not null)
            {
                EmitRefreshGrant(w, operation, refresh.RefreshMethodName!, fields);
            }
        }

        EmitResolveBaseAddress(w, client);
        foreach (var field in fields.Security)
        {
            w.Wrap($"private static readonly {SecurityRequirement}[] {field.Value} =", field.Key + ";");
        }

        foreach (var field in fields.Servers)
        {
            w.Wrap($"private static readonly string[] {field.Value} =", field.Key + ";");
        }

        foreach (var field in fields.Errors)
        {
            var calls = (field.Key + ";").Split('\n');
            w.Line($"private static readonly {ApiErrorResponses} {field.Value} =").Indent().Line(calls[0]).Indent();
            foreach (var call in calls.Skip(1))
            {
                w.Line(call);
            }

            w.Outdent().Outdent();
        }

        w.Close();
        return w.ToString();
    }

    private static void EmitConstructors(SourceWriter w, ClientSpec client)
    {
        var hasAuth = client.HasAuth;
        var authName = client.AuthName;
        var name = client.Name;
        var options = client.OptionsName;
        const string HttpClientParam = "/// <param name=\"httpClient\">The HTTP client (typically from IHttpClientFactory).</param>";
        const string OptionsParam = "/// <param name=\"options\">The server and credentials.</param>";
        var cached = hasAuth ? $"; tokens are obtained as the spec describes and cached in <see cref=\"{SharedAuthServicesCref}\"/>" : string.Empty;
        w.Lines($"""
            /// <summary>The name of the HttpClient that dependency injection registers for this client.</summary>
            public const string HttpClientName = {SourceWriter.Literal("SpecClients." + name)};

            """);
        w.SummaryMarkup($"Creates the client with the credentials its options hold{cached}.");
        w.Lines($$"""
            {{HttpClientParam}}
            {{OptionsParam}}
            public {{name}}({{HttpClient}} httpClient, {{options}} options)
                : this(httpClient, options, {{(hasAuth ? $"new {authName}(options, () => httpClient)" : "authenticators: null")}})
            {
            }

            """);
        if (hasAuth)
        {
            w.SummaryMarkup($"Creates the client with shared token providers (dependency injection registers one <see cref=\"{authName}\"/> per options).");
            w.Lines($$"""
                {{HttpClientParam}}
                {{OptionsParam}}
                /// <param name="auth">The token providers and authenticators.</param>
                public {{name}}({{HttpClient}} httpClient, {{options}} options, {{authName}} auth)
                    : this(
                        httpClient,
                        options,
                        (auth ?? throw new {{ArgumentNullException}}(nameof(auth))).Authenticators,
                        obtainsCredentials: false,
                        auth.TimeProvider)
                {
                }

                """);
        }

        w.SummaryMarkup(
            "Creates the client; <paramref name=\"authenticators\"/> supply or replace the authentication of security schemes by name "
            + "(token providers, signing hooks).");
        w.Lines($"""
            {HttpClientParam}
            {OptionsParam}
            /// <param name="authenticators">Authenticators that take precedence over those built from <paramref name="options"/>.</param>
            """);
        var parameters = new[] { $"{HttpClient} httpClient", $"{options} options", $"{IEnumerable}<{IRequestAuthenticator}>? authenticators" };
        w.List($"public {name}(", parameters, ")");
        w.Lines("""
                : this(httpClient, options, authenticators, obtainsCredentials: false, timeProvider: null)
            {
            }

            /// <summary>
            /// The constructor behind the others; <paramref name="obtainsCredentials"/> marks the client a generated auth
            /// class creates to obtain tokens (its requests may be retried whatever their method); the retry waits on
            /// <paramref name="timeProvider"/> (the system clock if null).
            /// </summary>
            """);
        w.OpenList($"internal {name}(", parameters.Append("bool obtainsCredentials").Append($"{TimeProvider}? timeProvider").ToArray());
        w.Line($"_options = options ?? throw new {ArgumentNullException}(nameof(options));");
        w.List($"var all = new {AuthenticatorsByScheme}(", new[] { $"{StringComparer}.Ordinal" }, ");");
        w.Lines("""
            AddAuthenticatorsFromOptions(all, options);
            if (authenticators is not null)
            {
                foreach (var authenticator in authenticators)
                {
                    all[authenticator.SchemeName] = authenticator;
                }
            }

            """);
        var core = new[]
        {
            "httpClient", "ApiName", "ResolveBaseAddress", $"new {RequestAuthorizer}(all)", "options.MaxResponseBytes", "options.AllowInsecureHttp",
            "options.Retry", "obtainsCredentials", "timeProvider",
        };
        w.List($"_core = new {ApiClientCore}(", core, ");");
        w.Close();
        w.Lines($"""

            /// <summary>The options this client was created with.</summary>
            public {options} Options => _options;

            /// <summary>The base address requests go to, unless an operation declares its own server.</summary>
            /// <returns>The server URL.</returns>
            public {Uri} ResolveServer() => ResolveBaseAddress(null);

            """);
    }

    /// <summary>The authenticators the options' own credentials make: API keys, basic and bearer credentials.</summary>
    private static void EmitStaticAuthenticators(SourceWriter w, ClientSpec client)
    {
        w.OpenList(
            "private static void AddAuthenticatorsFromOptions(",
            new[] { $"{AuthenticatorsByScheme} authenticators", $"{client.OptionsName} options" });
        foreach (var scheme in client.SecuritySchemes.Where(s => !s.IssuedByOperation && s.Signature is null))
        {
            var name = SourceWriter.Literal(scheme.Name);
            switch (scheme.Kind)
            {
                case SecuritySchemeKind.ApiKey:
                    w.Open($"if (options.{scheme.Options.Value} is {{ }} {Local(scheme, "value")})");
                    var apiKey = new[]
                    {
                        name,
                        $"{ApiKeyLocationType}.{scheme.Location}",
                        "parameterName: " + SourceWriter.Literal(scheme.ParameterName ?? scheme.Name),
                        "apiKey: " + Local(scheme, "value"),
                    };
                    w.List($"authenticators[{name}] = new {ApiKeyAuthenticator}(", apiKey, ");");
                    w.Close();
                    break;
                case SecuritySchemeKind.HttpBasic:
                    var user = $"options.{scheme.Options.Username} is {{ }} {Local(scheme, "user")}";
                    var password = $"options.{scheme.Options.Password} is {{ }} {Local(scheme, "password")}";
                    w.Open($"if ({user} && {password})");
                    w.List($"authenticators[{name}] = new {BasicAuthenticator}(", new[] { name, Local(scheme, "user"), Local(scheme, "password") }, ");");
                    w.Close();
                    break;
                case SecuritySchemeKind.HttpBearer:
                case SecuritySchemeKind.OAuth2:
                case SecuritySchemeKind.OpenIdConnect:
                    w.Open($"if (options.{scheme.Options.Token} is {{ }} {Local(scheme, "token")})");
                    w.List($"authenticators[{name}] = new {BearerAuthenticator}(", new[] { name, Local(scheme, "token") }, ");");
                    w.Close();
                    break;
            }
        }

        w.Close();
        w.Line();
    }

    private static string Local(SecuritySchemeSpec scheme, string suffix) => "__" + scheme.PropertyName + "_" + suffix;

    private static void EmitOperation(SourceWriter w, ClientSpec client, OperationSpec operation, SharedFields fields)
    {
        var success = operation.Success?.Type;
        var returnType = success is null ? Task : $"{Task}<{success.Nullable(operation.Success!.Nullable)}>";

        w.Summary(operation.Summary ?? operation.Description, DocText.Inline(operation.HttpMethod + " " + operation.Path));
        if (operation.Summary is not null && operation.Description is not null && operation.Description != operation.Summary)
        {
            w.Line("/// <remarks>");
            w.DocLines(operation.Description);
            w.Line("/// </remarks>");
        }

        var required = operation.Parameters.Where(p => p.Required).ToList();
        var optional = operation.Parameters.Where(p => !p.Required).ToList();
        var signature = new List<string>();
        foreach (var parameter in required)
        {
            ParameterDoc(w, parameter);
            signature.Add(parameter.Type.CSharp + " " + parameter.Name);
        }

        if (operation.Body is { } body)
        {
            w.Doc("param name=\"body\"", $"The request body ({DocText.Inline(body.MediaType)}).");
            if (body.Required)
            {
                signature.Add(body.Type.Nullable(body.Nullable) + " body");
            }
        }

        foreach (var parameter in optional)
        {
            ParameterDoc(w, parameter);
            signature.Add(parameter.Type.CSharp + "? " + parameter.Name + " = default");
        }

        if (operation.Body is { Required: false } optionalBody)
        {
            signature.Add(optionalBody.Type.CSharp + "? body = default");
        }

        w.Line("/// <param name=\"cancellationToken\">Cancels the call.</param>");
        w.Doc(
            $"exception cref=\"{ApiExceptionCref}\"",
            "The response status is not a success; typed as ApiException&lt;TError&gt; when the spec declares the error body.");
        signature.Add($"{CancellationToken} cancellationToken = default");
        if (operation.Deprecated)
        {
            w.Line(DeprecatedAttribute);
        }

        w.OpenList($"public {returnType} {operation.MethodName}(", signature);
        foreach (var parameter in required.Where(p => !p.Type.IsValueType))
        {
            w.Line($"{ArgumentNullException}.ThrowIfNull({parameter.Name});");
        }

        if (operation.Body is { Required: true, Nullable: false } requiredBody && !requiredBody.Type.IsValueType)
        {
            w.Line($"{ArgumentNullException}.ThrowIfNull(body);");
        }

        EmitNewRequest(w, operation);
        if (operation.BodylessContentType is { } contentType)
        {
            w.Line("request.SetBodylessContentType(" + SourceWriter.Literal(contentType) + ");");
        }

        foreach (var parameter in operation.Parameters)
        {
            EmitParameter(w, parameter);
        }

        if (operation.Body is { } requestBody)
        {
            EmitBody(w, requestBody);
        }

        EmitSecurityAndServers(w, operation, fields);
        var errors = ErrorsField(operation, fields);
        if (success is null)
        {
            w.Line($"return _core.CallAsync(request, {errors}, cancellationToken);");
        }
        else if (operation.Success!.IsText)
        {
            w.Line($"return _core.CallTextAsync(request, {errors}, cancellationToken);");
        }
        else if (success.Kind == TypeKind.Binary)
        {
            w.Line($"return _core.CallBytesAsync(request, {errors}, cancellationToken);");
        }
        else if (operation.Success!.Nullable)
        {
            // The spec admits a null body: JSON null reads as null instead of failing the typed reader.
            w.List(
                $"return _core.CallJsonAsync<{success.Nullable(true)}>(",
                new[] { "request", $"{JsonRead}.{OrNull(success)}({Reader(success)})", errors, "cancellationToken" },
                ");");
        }
        else
        {
            w.List($"return _core.CallJsonAsync<{success.CSharp}>(", new[] { "request", Reader(success), errors, "cancellationToken" }, ");");
        }

        w.Close();
        w.Line();
    }

    private static void ParameterDoc(SourceWriter w, ParameterSpec parameter) =>
        w.Doc(
            $"param name=\"{parameter.Name.TrimStart('@')}\"",
            DocText.Inline(parameter.Description ?? parameter.Location + " parameter " + parameter.WireName + "."));

    /// <summary>The RFC 6749 refresh_token grant against a token endpoint whose spec only describes the first grant.</summary>
    private static void EmitRefreshGrant(SourceWriter w, OperationSpec operation, string methodName, SharedFields fields)
    {
        var success = operation.Success!.Type!;
        w.SummaryMarkup($"Sends the RFC 6749 <c>refresh_token</c> grant to the token endpoint of <see cref=\"{operation.MethodName}\"/>.");
        w.Lines("""
            /// <param name="refreshToken">The refresh token.</param>
            /// <param name="cancellationToken">Cancels the call.</param>
            /// <returns>The token response.</returns>
            """);
        w.OpenList(
            $"public {Task}<{success.CSharp}> {methodName}(",
            new[] { "string refreshToken", $"{CancellationToken} cancellationToken = default" });
        w.Line($"{ArgumentNullException}.ThrowIfNull(refreshToken);");
        EmitNewRequest(w, operation);
        w.List(
            $"request.SetFormBody(new {KeyValuePair}<string, string?>[] {{ ",
            new[] { "new(\"grant_type\", \"refresh_token\")", "new(\"refresh_token\", refreshToken)" },
            " });");
        EmitSecurityAndServers(w, operation, fields);
        w.List($"return _core.CallJsonAsync<{success.CSharp}>(", new[] { "request", Reader(success), ErrorsField(operation, fields), "cancellationToken" }, ");");
        w.Close();
        w.Line();
    }

    /// <summary>
    /// One alternative, target-typed (the field's declared type names SecurityRequirement once); with the scopes of the
    /// OAuth2 schemes the client runs, a scheme's scopes being the union over the operation's alternatives that name it,
    /// so that one token serves the operation whichever alternative applies.
    /// </summary>
    private static string Requirement(OperationSpec operation, SecurityAlternativeSpec alternative, HashSet<string> scopedSchemes)
    {
        var schemes = string.Join(", ", alternative.Schemes.Select(SourceWriter.Literal));
        var text = "new(" + schemes + ")";
        foreach (var scheme in alternative.Schemes.Where(scopedSchemes.Contains))
        {
            var scopes = operation.Security
                .SelectMany(a => a.Scopes.Where(s => s.Scheme == scheme).SelectMany(s => s.Scopes))
                .Distinct(System.StringComparer.Ordinal)
                .OrderBy(s => s, System.StringComparer.Ordinal)
                .ToList();
            if (scopes.Count > 0)
            {
                text = (text.StartsWith("new(", System.StringComparison.Ordinal) ? $"new {SecurityRequirement}({schemes})" : text)
                    + ".WithScopes(" + string.Join(", ", new[] { scheme }.Concat(scopes).Select(SourceWriter.Literal)) + ")";
            }
        }

        return text;
    }

    private static void EmitSecurityAndServers(SourceWriter w, OperationSpec operation, SharedFields fields)
    {
        if (operation.Security.Count > 0)
        {
            var requirements = operation.Security.Select(a => Requirement(operation, a, fields.ScopedSchemes));
            var initializer = "{ " + string.Join(", ", requirements) + " }";
            if (!fields.Security.TryGetValue(initializer, out var field))
            {
                field = "s_security" + fields.Security.Count.ToString(CultureInfo.InvariantCulture);
                fields.Security[initializer] = field;
            }

            w.Line("request.Security = " + field + ";");
        }

        if (operation.ServerUrls.Count > 0)
        {
            var initializer = "{ " + string.Join(", ", operation.ServerUrls.Select(SourceWriter.Literal)) + " }";
            if (!fields.Servers.TryGetValue(initializer, out var field))
            {
                field = "s_servers" + fields.Servers.Count.ToString(CultureInfo.InvariantCulture);
                fields.Servers[initializer] = field;
            }

            w.Line("request.Servers = " + field + ";");
        }
    }

    /// <summary>The <c>JsonReadFunc</c> of a response body: the type's own <c>ReadValue</c> where it has one.</summary>
    private static string Reader(TypeRef type) => JsonCode.ReadFunc(type, "response", "$", depth: 1);

    /// <summary>
    /// The <c>ApiErrorResponses</c> of the operation's declared error bodies: exact statuses first, then ranges, then
    /// <c>default</c>, as a static field that every operation with the same errors shares (so each error type is spelled
    /// once per client, not once per operation), or the untyped set when it declares none.
    /// </summary>
    private static string ErrorsField(OperationSpec operation, SharedFields fields)
    {
        var typed = operation.Errors.Where(e => e.Type is not null && !e.IsText && e.Type.Kind != TypeKind.Binary).ToList();
        if (typed.Count == 0)
        {
            return ApiErrorResponses + ".Untyped";
        }

        var initializer = new List<string> { ApiErrorResponses + ".Untyped" };
        foreach (var error in typed.Where(e => e.Status.Length == 3 && e.Status.All(char.IsDigit)))
        {
            initializer.Add(".Status(" + error.Status + ", " + Reader(error.Type!) + ")");
        }

        foreach (var error in typed.Where(e => e.Status.Length == 3 && e.Status.EndsWith("XX", System.StringComparison.Ordinal) && char.IsDigit(e.Status[0])))
        {
            initializer.Add(".Range(" + error.Status[0] + ", " + Reader(error.Type!) + ")");
        }

        if (typed.FirstOrDefault(e => e.Status == "default") is { } fallback)
        {
            initializer.Add(".Otherwise(" + Reader(fallback.Type!) + ")");
        }

        // One call per line: the key is the initializer as the field writes it.
        var key = string.Join("\n", initializer);
        if (!fields.Errors.TryGetValue(key, out var field))
        {
            field = "s_errors" + fields.Errors.Count.ToString(CultureInfo.InvariantCulture);
            fields.Errors[key] = field;
        }

        return field;
    }

    /// <summary>The runtime's null-admitting reader or writer wrapper for the type: <c>OrNull</c> for classes, <c>OrNullValue</c> for structs.</summary>
    private static string OrNull(TypeRef type) => type.IsValueType ? "OrNullValue" : "OrNull";

    private static bool IsStructured(TypeRef type) => type.Kind is TypeKind.Object or TypeKind.Map or TypeKind.Array or TypeKind.Union or TypeKind.Any;

    private static string DeepObject(string wireName, TypeRef type, string value) =>
        $"{ParameterFormat}.DeepObject({SourceWriter.Literal(wireName)}, {value}, {JsonCode.WriteAction(type)})";

    private static void EmitParameter(SourceWriter w, ParameterSpec parameter)
    {
        var name = SourceWriter.Literal(parameter.WireName);
        if (parameter.Location == ParameterLocation.Query && parameter.Style == "DeepObject" && IsStructured(parameter.Type))
        {
            var local = "__" + parameter.Name.TrimStart('@');
            w.Open($"if ({parameter.Name} is {{ }} {local})");
            w.Open($"foreach (var pair in {DeepObject(parameter.WireName, parameter.Type, local)})");
            w.Line("request.AddQuery(pair.Key, pair.Value);");
            w.Close();
            w.Close();
            return;
        }

        var explode = "explode: " + (parameter.Explode ? "true" : "false");
        if (parameter.Location == ParameterLocation.Query && parameter.Type.Kind == TypeKind.Union)
        {
            // A union is serialized by the branch it holds: an array as ids=1&ids=2 (or ids=1,2), never as JSON text.
            var local = "__" + parameter.Name.TrimStart('@');
            w.Open($"if ({parameter.Name} is {{ }} {local})");
            w.Open($"foreach (var pair in {ParameterFormat}.Form({name}, {local}.Element, {explode}))");
            w.Line("request.AddQuery(pair.Key, pair.Value);");
            w.Close();
            w.Close();
            return;
        }

        if (parameter.Location == ParameterLocation.Query && parameter.Type.Kind == TypeKind.Array)
        {
            var element = parameter.Type.Element!;
            var values = $"{LinqEnumerable}.Select({parameter.Name}, static v => {JsonCode.Format(element, "v")})";
            var query = new[] { name, $"{parameter.Name} is null ? null : {values}", "explode: " + (parameter.Explode ? "true" : "false") };
            w.List("request.AddQuery(", query, ");");
            return;
        }

        // Path and header unions take the simple style of the branch they hold (1,2 for an array), not JSON text.
        string Formatted(string v) => parameter.Type.Kind == TypeKind.Union && parameter.Location is ParameterLocation.Path or ParameterLocation.Header
            ? $"{ParameterFormat}.Simple({v}.Element, {explode})"
            : JsonCode.Format(parameter.Type, v);
        var nonNull = "__" + parameter.Name.TrimStart('@');
        var value = parameter.Required && !parameter.Type.IsValueType
            ? Formatted(parameter.Name)
            : $"{parameter.Name} is {{ }} {nonNull} ? {Formatted(nonNull)} : null";
        if (parameter.Required && parameter.Type.IsValueType)
        {
            value = Formatted(parameter.Name);
        }

        var method = parameter.Location switch
        {
            ParameterLocation.Path => "SetPathParameter",
            ParameterLocation.Header => "AddHeader",
            ParameterLocation.Cookie => "AddCookie",
            _ => "AddQuery",
        };
        w.List($"request.{method}(", new[] { name, value }, ");");
    }

    private static void EmitBody(SourceWriter w, BodySpec body)
    {
        var open = body.Required ? null : body.Type.IsValueType ? "if (body is { } __body)" : "if (body is not null)";
        if (open is not null)
        {
            w.Open(open);
        }

        var bodyName = !body.Required && body.Type.IsValueType ? "__body" : "body";

        switch (body.Kind)
        {
            case BodyKind.Json:
                var write = body.Nullable && body.Required ? $"{JsonWrite}.{OrNull(body.Type)}<{body.Type.CSharp}>({JsonCode.WriteAction(body.Type)})" : JsonCode.WriteAction(body.Type);
                w.List("request.SetJsonBody(", new[] { bodyName, write, SourceWriter.Literal(body.MediaType) }, ");");
                break;
            case BodyKind.Form:
                // Through the record's JSON writer: the runtime makes each member a field (deepObject below the top).
                w.List($"request.SetFormBody({ParameterFormat}.Form(", new[] { bodyName, JsonCode.WriteAction(body.Type) }, "));");
                break;
            case BodyKind.Multipart:
                // Locals start "__" and a capital: a parameter's local is "__" and its camelCase name, so none can clash.
                w.Line($"var __Parts = new {MultipartBody}();");
                foreach (var field in body.FormFields)
                {
                    if (field.DeepObject && field.Type.Kind != TypeKind.File)
                    {
                        EmitDeepObjectPart(w, field);
                    }
                    else
                    {
                        EmitPart(w, field);
                    }
                }

                w.Line("request.SetMultipartBody(__Parts);");
                break;
            case BodyKind.Text:
                w.List("request.SetTextBody(", new[] { bodyName, SourceWriter.Literal(body.MediaType) }, ");");
                break;
            default:
                w.List("request.SetBinaryBody(", new[] { bodyName, SourceWriter.Literal(body.MediaType) }, ");");
                break;
        }

        if (open is not null)
        {
            w.Close();
        }
    }

    /// <summary>A multipart field sent as form fields are (<c>style: deepObject</c>): a text part per pair.</summary>
    private static void EmitDeepObjectPart(SourceWriter w, FormFieldSpec field)
    {
        var local = "f_" + field.PropertyName;
        if (IsStructured(field.Type))
        {
            // Nested objects and arrays go as deepObject pairs (a[b]=1&a[c][0]=x), as Stripe's encoding asks.
            w.Open($"if (body.{field.PropertyName} is {{ }} {local})");
            w.Open($"foreach (var __Pair in {DeepObject(field.WireName, field.Type, local)})");
            w.Line("__Parts.AddText(__Pair.Key, __Pair.Value);");
            w.Close();
            w.Close();
            return;
        }

        w.List("__Parts.AddText(", new[] { SourceWriter.Literal(field.WireName), TextValue(field, "body." + field.PropertyName, local) }, ");");
    }

    /// <summary>A field formatted as text, or null when it is null.</summary>
    private static string TextValue(FormFieldSpec field, string access, string local) =>
        field.IsNullable || field.Type.IsValueType
            ? access + " is { } " + local + " ? " + JsonCode.Format(field.Type, local) + " : null"
            : JsonCode.Format(field.Type, access);

    /// <summary>
    /// One multipart field: a file, text, or JSON part by its type and the spec's <c>encoding</c> content type; an array
    /// (unless its content type is JSON) is one part per item, all of the field's name, as OpenAPI 3 reads
    /// "the default is defined based on the inner type".
    /// </summary>
    private static void EmitPart(SourceWriter w, FormFieldSpec field)
    {
        var name = SourceWriter.Literal(field.WireName);
        var access = "body." + field.PropertyName;
        var local = "f_" + field.PropertyName;
        var type = field.Type;
        if (type.Kind == TypeKind.File)
        {
            w.List("__Parts.AddFile(", PartArguments(name, access, field.ContentType), ");");
            return;
        }

        if (!IsJsonPart(type, field.ContentType) && !IsStructured(type))
        {
            // AddText leaves out a null string itself.
            var text = type.Kind == TypeKind.String ? access : TextValue(field, access, local);
            w.List("__Parts.AddText(", PartArguments(name, text, field.ContentType), ");");
            return;
        }

        w.Open($"if ({access} is {{ }} {local})");
        if (type.Kind == TypeKind.Array && !IsJsonMediaType(field.ContentType))
        {
            var element = type.Element!;
            w.Open($"foreach (var __Item in {local})");
            if (element.IsValueType || element.Kind is TypeKind.File or TypeKind.String)
            {
                EmitValuePart(w, name, element, "__Item", field.ContentType);
            }
            else
            {
                w.Open("if (__Item is not null)");
                EmitValuePart(w, name, element, "__Item", field.ContentType);
                w.Close();
            }

            w.Close();
        }
        else
        {
            EmitValuePart(w, name, type, local, field.ContentType);
        }

        w.Close();
    }

    /// <summary>One part for a value that is not null (a string or file may be: the runtime then adds nothing).</summary>
    private static void EmitValuePart(SourceWriter w, string name, TypeRef type, string value, string? contentType)
    {
        if (type.Kind == TypeKind.File)
        {
            w.List("__Parts.AddFile(", PartArguments(name, value, contentType), ");");
        }
        else if (IsJsonPart(type, contentType))
        {
            var arguments = contentType is null
                ? new[] { name, value, JsonCode.WriteAction(type) }
                : new[] { name, value, JsonCode.WriteAction(type), SourceWriter.Literal(contentType) };
            w.List("__Parts.AddJson(", arguments, ");");
        }
        else if (type.Kind is TypeKind.Union or TypeKind.Any)
        {
            // A string is text, anything else JSON: the value decides.
            w.List("__Parts.AddValue(", PartArguments(name, type.Kind == TypeKind.Union ? value + ".Element" : value, contentType), ");");
        }
        else
        {
            w.List("__Parts.AddText(", PartArguments(name, JsonCode.Format(type, value), contentType), ");");
        }
    }

    /// <summary>A part's name, value and, when the spec gives one, content type.</summary>
    private static string[] PartArguments(string name, string value, string? contentType) =>
        contentType is null ? new[] { name, value } : new[] { name, value, SourceWriter.Literal(contentType) };

    /// <summary>Whether a part is JSON: as its content type says when the spec gives one, else for objects, maps and arrays (of arrays, at item level).</summary>
    private static bool IsJsonPart(TypeRef type, string? contentType) =>
        contentType is not null ? IsJsonMediaType(contentType) : type.Kind is TypeKind.Object or TypeKind.Map or TypeKind.Array;

    private static bool IsJsonMediaType(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", System.StringComparison.OrdinalIgnoreCase)
            || contentType.IndexOf("+json", System.StringComparison.OrdinalIgnoreCase) >= 0);

    private static void EmitResolveBaseAddress(SourceWriter w, ClientSpec client)
    {
        w.Open($"private {Uri} ResolveBaseAddress({IReadOnlyList}<string>? operationServers)");
        w.Open("if (_options.BaseAddress is { } baseAddress)");
        w.Line("return baseAddress;");
        w.Close();
        w.Line();
        w.Line("// A base address configured on the HttpClient (IHttpClientFactory) counts as an explicit choice too.");
        w.Open("if (_core.HttpClientBaseAddress is { } httpClientBaseAddress)");
        w.Line("return httpClientBaseAddress;");
        w.Close();
        w.Line();
        w.Open("if (operationServers is { Count: > 0 })");
        w.Line($"return {ServerUrl}.Create(operationServers[0], ApiName);");
        w.Close();
        w.Line();
        if (client.Servers.Count == 0)
        {
            w.Line($"throw new {InvalidOperationException}(ApiName + \": the spec declares no server; set BaseAddress in the options.\");");
            w.Close();
            w.Line();
            return;
        }

        w.Open("var url = _options.Server switch");
        foreach (var server in client.Servers)
        {
            var replacements = new List<string>();
            foreach (var variableDefault in server.Defaults)
            {
                var variable = client.ServerVariables.First(v => v.WireName == variableDefault.Variable);
                var property = variable.PropertyName;
                var fallback = SourceWriter.Literal(variableDefault.Default);
                var value = variable.AllowedValues.Count > 0
                    ? $"(_options.{property} is {{ }} __{property} ? {VariableWire(client, variable, "__" + property)} : {fallback})"
                    : $"{ServerUrl}.Variable(_options.{property} ?? {fallback}, {SourceWriter.Literal(property)})";
                replacements.Add($".Replace({SourceWriter.Literal("{" + variableDefault.Variable + "}")}, {value})");
            }

            var arm = $"{client.ServerEnumName}.{server.Name} => {SourceWriter.Literal(server.Url)}";
            if (replacements.Count == 0)
            {
                w.Line(arm + ",");
                continue;
            }

            replacements[replacements.Count - 1] += ",";
            w.Chain(arm, replacements.ToArray());
        }

        w.Line($"_ => throw new {InvalidOperationException}(ApiName + \": unknown server \" + _options.Server + \".\"),");
        w.Close(";");
        w.Line($"return {ServerUrl}.Create(url, ApiName);");
        w.Close();
        w.Line();
    }

    private static string VariableWire(ClientSpec client, ServerVariableSpec variable, string value)
    {
        var type = client.OptionsName + "." + OptionsEmitter.VariableType(variable);
        var cases = variable.AllowedValues.Select((v, i) => $"{type}.{variable.AllowedValueNames[i]} => {SourceWriter.Literal(v)}");
        var unknown = $"_ => throw new {ArgumentOutOfRangeException}({SourceWriter.Literal(variable.PropertyName)})";
        return $"{value} switch {{ {string.Join(", ", cases)}, {unknown} }}";
    }

    private static void EmitNewRequest(SourceWriter w, OperationSpec operation) =>
        w.List(
            $"var request = new {ApiRequest}(",
            new[] { SourceWriter.Literal(operation.OperationId), MethodExpression(operation.HttpMethod), SourceWriter.Literal(operation.Path) },
            ");");

    /// <summary>The framework's shared <c>HttpMethod</c> instance where there is one, so a call does not allocate its method.</summary>
    private static string MethodExpression(string method) => method.ToUpperInvariant() switch
    {
        "GET" => HttpMethod + ".Get",
        "PUT" => HttpMethod + ".Put",
        "POST" => HttpMethod + ".Post",
        "DELETE" => HttpMethod + ".Delete",
        "HEAD" => HttpMethod + ".Head",
        "OPTIONS" => HttpMethod + ".Options",
        "TRACE" => HttpMethod + ".Trace",
        "PATCH" => HttpMethod + ".Patch",
        _ => $"new {HttpMethod}({SourceWriter.Literal(method)})",
    };

    /// <summary>The static fields operations share, by initializer: security requirements, operation servers and error responses.</summary>
    private sealed class SharedFields
    {
        public SharedFields(IEnumerable<string> scopedSchemes) => ScopedSchemes = new HashSet<string>(scopedSchemes, System.StringComparer.Ordinal);

        /// <summary>The schemes whose tokens the client requests per scope set: the OAuth2 flows it runs itself.</summary>
        public HashSet<string> ScopedSchemes { get; }

        public Dictionary<string, string> Security { get; } = new();

        public Dictionary<string, string> Servers { get; } = new();

        public Dictionary<string, string> Errors { get; } = new();
    }
}
