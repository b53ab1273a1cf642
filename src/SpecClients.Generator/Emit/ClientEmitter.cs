using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SpecClients.Generator.Model;

namespace SpecClients.Generator.Emit;

/// <summary>Emits the client class: one async method per operation, thin calls into SpecClients.Runtime.</summary>
internal static class ClientEmitter
{
    private const string Auth = "global::SpecClients.Runtime.Auth";
    private const string Http = "global::SpecClients.Runtime.Http";

    public static string Emit(SpecContext context, ClientSpec client)
    {
        var w = FileHeader.Start(context);
        w.Summary("Client for " + client.ApiTitle + "." + (client.Description is null ? string.Empty : "\n" + client.Description));
        w.Line(FileHeader.GeneratedCode(context));
        w.Open(context.Accessibility + " sealed partial class " + client.Name);
        w.Line("/// <summary>The API's name, used in messages and logs.</summary>");
        w.Line("public const string ApiName = " + SourceWriter.Literal(client.ApiTitle) + ";");
        w.Line();
        w.Line("private readonly " + Http + ".ApiClientCore _core;");
        w.Line("private readonly " + client.OptionsName + " _options;");
        w.Line();
        EmitConstructors(w, client);
        EmitStaticAuthenticators(w, client);

        var securityFields = new Dictionary<string, string>();
        var serverFields = new Dictionary<string, string>();
        foreach (var operation in client.Operations)
        {
            EmitOperation(w, client, operation, securityFields, serverFields);
            if (operation.TokenEndpoint is not null && client.TokenSources.Any(t => t.RefreshGrant && t.OperationId == operation.OperationId))
            {
                EmitRefreshGrant(w, operation, securityFields, serverFields);
            }
        }

        EmitResolveBaseAddress(w, client);
        foreach (var field in securityFields)
        {
            w.Line("private static readonly " + Auth + ".SecurityRequirement[] " + field.Value + " = " + field.Key + ";");
        }

        foreach (var field in serverFields)
        {
            w.Line("private static readonly string[] " + field.Value + " = " + field.Key + ";");
        }

        w.Close();
        return w.ToString();
    }

    private static void EmitConstructors(SourceWriter w, ClientSpec client)
    {
        var hasAuth = client.TokenSources.Count > 0 || AuthEmitter.HasSigning(client);
        var authName = AuthEmitter.AuthClassName(client);
        var authenticatorList = "global::System.Collections.Generic.IEnumerable<" + Auth + ".IRequestAuthenticator>";
        w.Line("/// <summary>The name of the HttpClient that dependency injection registers for this client.</summary>");
        w.Line("public const string HttpClientName = " + SourceWriter.Literal("SpecClients." + client.Name) + ";");
        w.Line();
        w.Line("/// <summary>Creates the client with the credentials its options hold" + (hasAuth ? "; tokens are obtained as the spec describes and cached in <see cref=\"" + Auth.Substring(8) + ".AuthServices.Shared\"/>" : string.Empty) + ".</summary>");
        w.Line("/// <param name=\"httpClient\">The HTTP client (typically from IHttpClientFactory).</param>");
        w.Line("/// <param name=\"options\">The server and credentials.</param>");
        w.Line("public " + client.Name + "(global::System.Net.Http.HttpClient httpClient, " + client.OptionsName + " options)");
        w.Line(hasAuth
            ? "    : this(httpClient, options, new " + authName + "(options, () => httpClient))"
            : "    : this(httpClient, options, (" + authenticatorList + "?)null)");
        w.Line("{");
        w.Line("}");
        w.Line();
        if (hasAuth)
        {
            w.Line("/// <summary>Creates the client with shared token providers (dependency injection registers one <see cref=\"" + authName + "\"/> per options).</summary>");
            w.Line("/// <param name=\"httpClient\">The HTTP client (typically from IHttpClientFactory).</param>");
            w.Line("/// <param name=\"options\">The server and credentials.</param>");
            w.Line("/// <param name=\"auth\">The token providers and authenticators.</param>");
            w.Line("public " + client.Name + "(global::System.Net.Http.HttpClient httpClient, " + client.OptionsName + " options, " + authName + " auth)");
            w.Line("    : this(httpClient, options, (auth ?? throw new global::System.ArgumentNullException(nameof(auth))).Authenticators)");
            w.Line("{");
            w.Line("}");
            w.Line();
        }

        w.Line("/// <summary>Creates the client; <paramref name=\"authenticators\"/> supply or replace the authentication of security schemes by name (token providers, signing hooks).</summary>");
        w.Line("/// <param name=\"httpClient\">The HTTP client (typically from IHttpClientFactory).</param>");
        w.Line("/// <param name=\"options\">The server and credentials.</param>");
        w.Line("/// <param name=\"authenticators\">Authenticators that take precedence over those built from <paramref name=\"options\"/>.</param>");
        w.Open("public " + client.Name + "(global::System.Net.Http.HttpClient httpClient, " + client.OptionsName + " options, " + authenticatorList + "? authenticators)");
        w.Line("_options = options ?? throw new global::System.ArgumentNullException(nameof(options));");
        w.Line("var all = CreateAuthenticatorsFromOptions(options);");
        w.Open("foreach (var authenticator in authenticators ?? global::System.Linq.Enumerable.Empty<" + Auth + ".IRequestAuthenticator>())");
        w.Line("all[authenticator.SchemeName] = authenticator;");
        w.Close();
        w.Line();
        w.Line("_core = new " + Http + ".ApiClientCore(httpClient, ApiName, ResolveBaseAddress, new " + Auth + ".RequestAuthorizer(all), options.MaxResponseBytes, options.AllowInsecureHttp);");
        w.Close();
        w.Line();
        w.Line("/// <summary>The options this client was created with.</summary>");
        w.Line("public " + client.OptionsName + " Options => _options;");
        w.Line();
        w.Line("/// <summary>The base address requests go to, unless an operation declares its own server.</summary>");
        w.Line("/// <returns>The server URL.</returns>");
        w.Line("public global::System.Uri ResolveServer() => ResolveBaseAddress(null);");
        w.Line();
    }

    private static void EmitStaticAuthenticators(SourceWriter w, ClientSpec client)
    {
        var dictionary = "global::System.Collections.Generic.Dictionary<string, " + Auth + ".IRequestAuthenticator>";
        w.Open("private static " + dictionary + " CreateAuthenticatorsFromOptions(" + client.OptionsName + " options)");
        w.Line("var authenticators = new " + dictionary + "(global::System.StringComparer.Ordinal);");
        foreach (var scheme in client.SecuritySchemes.Where(s => s.Token is null && s.Signature is null))
        {
            var name = SourceWriter.Literal(scheme.Name);
            switch (scheme.Kind)
            {
                case SecuritySchemeKind.ApiKey:
                    w.Open("if (options." + scheme.PropertyName + " is { } " + Local(scheme, "value") + ")");
                    w.Line("authenticators[" + name + "] = new " + Auth + ".ApiKeyAuthenticator(" + name + ", " + Auth + ".ApiKeyLocation." + scheme.Location + ", " + SourceWriter.Literal(scheme.ParameterName ?? scheme.Name) + ", " + Local(scheme, "value") + ");");
                    w.Close();
                    break;
                case SecuritySchemeKind.HttpBasic:
                    w.Open("if (options." + scheme.PropertyName + "Username is { } " + Local(scheme, "user") + " && options." + scheme.PropertyName + "Password is { } " + Local(scheme, "password") + ")");
                    w.Line("authenticators[" + name + "] = new " + Auth + ".BasicAuthenticator(" + name + ", " + Local(scheme, "user") + ", " + Local(scheme, "password") + ");");
                    w.Close();
                    break;
                case SecuritySchemeKind.HttpBearer:
                case SecuritySchemeKind.OAuth2:
                case SecuritySchemeKind.OpenIdConnect:
                    w.Open("if (options." + scheme.PropertyName + "Token is { } " + Local(scheme, "token") + ")");
                    w.Line("authenticators[" + name + "] = new " + Auth + ".BearerAuthenticator(" + name + ", " + Local(scheme, "token") + ");");
                    w.Close();
                    break;
            }
        }

        w.Line("return authenticators;");
        w.Close();
        w.Line();
    }

    private static string Local(SecuritySchemeSpec scheme, string suffix) => "__" + scheme.PropertyName + "_" + suffix;

    private static void EmitOperation(SourceWriter w, ClientSpec client, OperationSpec operation, Dictionary<string, string> securityFields, Dictionary<string, string> serverFields)
    {
        var success = operation.Success?.Type;
        var returnType = success is null ? "global::System.Threading.Tasks.Task" : "global::System.Threading.Tasks.Task<" + success.CSharp + ">";

        w.Summary(operation.Summary ?? operation.Description, DocText.Inline(operation.HttpMethod + " " + operation.Path));
        if (operation.Summary is not null && operation.Description is not null && operation.Description != operation.Summary)
        {
            w.Line("/// <remarks>");
            foreach (var line in operation.Description.Replace("\r\n", "\n").Split('\n', '\r', '\u2028', '\u2029', '\u0085'))
            {
                w.Line("/// " + DocText.Inline(line.TrimEnd()));
            }

            w.Line("/// </remarks>");
        }

        var required = operation.Parameters.Where(p => p.Required).ToList();
        var optional = operation.Parameters.Where(p => !p.Required).ToList();
        var signature = new List<string>();
        foreach (var parameter in required)
        {
            w.Line("/// <param name=\"" + parameter.Name.TrimStart('@') + "\">" + DocText.Inline(parameter.Description ?? parameter.Location + " parameter " + parameter.WireName + ".") + "</param>");
            signature.Add(parameter.Type.CSharp + " " + parameter.Name);
        }

        if (operation.Body is { } body)
        {
            w.Line("/// <param name=\"body\">The request body (" + DocText.Inline(body.MediaType) + ").</param>");
            if (body.Required)
            {
                signature.Add(body.Type.CSharp + " body");
            }
        }

        foreach (var parameter in optional)
        {
            w.Line("/// <param name=\"" + parameter.Name.TrimStart('@') + "\">" + DocText.Inline(parameter.Description ?? parameter.Location + " parameter " + parameter.WireName + ".") + "</param>");
            signature.Add(parameter.Type.CSharp + "? " + parameter.Name + " = default");
        }

        if (operation.Body is { Required: false } optionalBody)
        {
            signature.Add(optionalBody.Type.CSharp + "? body = default");
        }

        w.Line("/// <param name=\"cancellationToken\">Cancels the call.</param>");
        w.Line("/// <exception cref=\"" + Http.Substring(8) + ".ApiException\">The response status is not a success; typed as ApiException&lt;TError&gt; when the spec declares the error body.</exception>");
        signature.Add("global::System.Threading.CancellationToken cancellationToken = default");
        if (operation.Deprecated)
        {
            w.Line("[global::System.Obsolete(\"Deprecated in the spec.\")]");
        }

        w.Open("public async " + returnType + " " + operation.MethodName + "(" + string.Join(", ", signature) + ")");
        foreach (var parameter in required.Where(p => !p.Type.IsValueType))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(" + parameter.Name + ");");
        }

        if (operation.Body is { Required: true } requiredBody && !requiredBody.Type.IsValueType)
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(body);");
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

        EmitSecurityAndServers(w, operation, securityFields, serverFields);
        w.Line("var response = await _core.SendAsync(request, cancellationToken).ConfigureAwait(false);");
        w.Open("if (response.IsSuccess)");
        if (success is null)
        {
            w.Line("return;");
        }
        else if (operation.Success!.IsText)
        {
            w.Line("return response.ReadText();");
        }
        else if (success.Kind == TypeKind.Binary)
        {
            w.Line("return response.Body;");
        }
        else
        {
            w.Line("return response.ReadJson(" + Reader(success) + ");");
        }

        w.Close();
        w.Line();
        EmitErrors(w, operation);
        w.Close();
        w.Line();
    }

    /// <summary>The RFC 6749 refresh_token grant against a token endpoint whose spec only describes the first grant.</summary>
    private static void EmitRefreshGrant(SourceWriter w, OperationSpec operation, Dictionary<string, string> securityFields, Dictionary<string, string> serverFields)
    {
        var success = operation.Success!.Type!;
        w.Line("/// <summary>Sends the RFC 6749 <c>refresh_token</c> grant to the token endpoint of <see cref=\"" + operation.MethodName + "\"/>.</summary>");
        w.Line("/// <param name=\"refreshToken\">The refresh token.</param>");
        w.Line("/// <param name=\"cancellationToken\">Cancels the call.</param>");
        w.Line("/// <returns>The token response.</returns>");
        w.Open("public async global::System.Threading.Tasks.Task<" + success.CSharp + "> " + AuthEmitter.RefreshMethodName(operation.MethodName) + "(string refreshToken, global::System.Threading.CancellationToken cancellationToken = default)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(refreshToken);");
        EmitNewRequest(w, operation);
        w.Line("request.SetFormBody(new global::System.Collections.Generic.KeyValuePair<string, string?>[] { new(\"grant_type\", \"refresh_token\"), new(\"refresh_token\", refreshToken) });");
        EmitSecurityAndServers(w, operation, securityFields, serverFields);
        w.Line("var response = await _core.SendAsync(request, cancellationToken).ConfigureAwait(false);");
        w.Open("if (response.IsSuccess)");
        w.Line("return response.ReadJson(" + Reader(success) + ");");
        w.Close();
        w.Line();
        EmitErrors(w, operation);
        w.Close();
        w.Line();
    }

    private static void EmitSecurityAndServers(SourceWriter w, OperationSpec operation, Dictionary<string, string> securityFields, Dictionary<string, string> serverFields)
    {
        if (operation.Security.Count > 0)
        {
            var initializer = "new " + Auth + ".SecurityRequirement[] { " + string.Join(", ", operation.Security.Select(a => "new " + Auth + ".SecurityRequirement(" + string.Join(", ", a.Schemes.Select(SourceWriter.Literal)) + ")")) + " }";
            if (!securityFields.TryGetValue(initializer, out var field))
            {
                field = "s_security" + securityFields.Count.ToString(CultureInfo.InvariantCulture);
                securityFields[initializer] = field;
            }

            w.Line("request.Security = " + field + ";");
        }

        if (operation.ServerUrls.Count > 0)
        {
            var initializer = "new string[] { " + string.Join(", ", operation.ServerUrls.Select(SourceWriter.Literal)) + " }";
            if (!serverFields.TryGetValue(initializer, out var field))
            {
                field = "s_servers" + serverFields.Count.ToString(CultureInfo.InvariantCulture);
                serverFields[initializer] = field;
            }

            w.Line("request.Servers = " + field + ";");
        }
    }

    private static string Reader(TypeRef type) =>
        "static (ref global::System.Text.Json.Utf8JsonReader r) => " + JsonCode.ReadValue(type, "r", "response", "$");

    private static void EmitErrors(SourceWriter w, OperationSpec operation)
    {
        var typed = operation.Errors.Where(e => e.Type is not null && !e.IsText && e.Type.Kind != TypeKind.Binary).ToList();
        if (typed.Count == 0)
        {
            w.Line("throw response.CreateException();");
            return;
        }

        w.Open("throw response.StatusCode switch");
        var ordered = typed.Where(e => e.Status.Length == 3 && e.Status.All(char.IsDigit)).Concat(typed.Where(e => e.Status.Length == 3 && e.Status.EndsWith("XX", System.StringComparison.Ordinal) && char.IsDigit(e.Status[0]))).ToList();
        foreach (var error in ordered)
        {
            var pattern = error.Status.EndsWith("XX", System.StringComparison.Ordinal)
                ? ">= " + error.Status[0] + "00 and < " + (error.Status[0] - '0' + 1).ToString(CultureInfo.InvariantCulture) + "00"
                : error.Status;
            w.Line(pattern + " => response.CreateException(" + Reader(error.Type!) + "),");
        }

        var fallback = typed.FirstOrDefault(e => e.Status == "default");
        w.Line("_ => " + (fallback is null ? "response.CreateException()" : "response.CreateException(" + Reader(fallback.Type!) + ")") + ",");
        w.Close(";");
    }

    private static bool IsStructured(TypeRef type) => type.Kind is TypeKind.Object or TypeKind.Map or TypeKind.Array or TypeKind.Union or TypeKind.Any;

    private static string DeepObject(string wireName, TypeRef type, string value) =>
        "global::SpecClients.Runtime.Json.ParameterFormat.DeepObject(" + SourceWriter.Literal(wireName) + ", " + value + ", static (w, v) => " + JsonCode.WriteValue(type, "w", "v").TrimEnd(';') + ")";

    private static void EmitParameter(SourceWriter w, ParameterSpec parameter)
    {
        var name = SourceWriter.Literal(parameter.WireName);
        if (parameter.Location == ParameterLocation.Query && parameter.Style == "DeepObject" && IsStructured(parameter.Type))
        {
            var local = "__" + parameter.Name.TrimStart('@');
            w.Open("if (" + parameter.Name + " is { } " + local + ")");
            w.Open("foreach (var pair in " + DeepObject(parameter.WireName, parameter.Type, local) + ")");
            w.Line("request.AddQuery(pair.Key, pair.Value);");
            w.Close();
            w.Close();
            return;
        }

        if (parameter.Location == ParameterLocation.Query && parameter.Type.Kind == TypeKind.Array)
        {
            var element = parameter.Type.Element!;
            var values = "global::System.Linq.Enumerable.Select(" + parameter.Name + ", static v => " + JsonCode.Format(element, "v") + ")";
            w.Line("request.AddQuery(" + name + ", " + parameter.Name + " is null ? null : " + values + ", " + (parameter.Explode ? "true" : "false") + ");");
            return;
        }

        var value = parameter.Required && !parameter.Type.IsValueType
            ? JsonCode.Format(parameter.Type, parameter.Name)
            : parameter.Name + " is { } " + "__" + parameter.Name.TrimStart('@') + " ? " + JsonCode.Format(parameter.Type, "__" + parameter.Name.TrimStart('@')) + " : null";
        if (parameter.Required && parameter.Type.IsValueType)
        {
            value = JsonCode.Format(parameter.Type, parameter.Name);
        }

        var method = parameter.Location switch
        {
            ParameterLocation.Path => "SetPathParameter",
            ParameterLocation.Header => "AddHeader",
            ParameterLocation.Cookie => "AddCookie",
            _ => "AddQuery",
        };
        w.Line("request." + method + "(" + name + ", " + value + ");");
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
                w.Line("request.SetJsonBody(" + bodyName + ", static (w, v) => " + JsonCode.WriteValue(body.Type, "w", "v").TrimEnd(';') + ", " + SourceWriter.Literal(body.MediaType) + ");");
                break;
            case BodyKind.Form:
                w.Line("var form = new global::System.Collections.Generic.List<global::System.Collections.Generic.KeyValuePair<string, string?>>();");
                foreach (var field in body.FormFields)
                {
                    EmitFormField(w, field, "pair", (name, value) => "form.Add(new(" + name + ", " + value + "));");
                }

                w.Line("request.SetFormBody(form);");
                break;
            case BodyKind.Multipart:
                // Locals start "__" and a capital: a parameter's local is "__" and its camelCase name, so none can clash.
                w.Line("var __Parts = new " + Http + ".MultipartBody();");
                foreach (var field in body.FormFields)
                {
                    if (field.DeepObject && field.Type.Kind != TypeKind.File)
                    {
                        EmitFormField(w, field, "__Pair", (name, value) => "__Parts.AddText(" + name + ", " + value + ");");
                    }
                    else
                    {
                        EmitPart(w, field);
                    }
                }

                w.Line("request.SetMultipartBody(__Parts);");
                break;
            case BodyKind.Text:
                w.Line("request.SetTextBody(" + bodyName + ", " + SourceWriter.Literal(body.MediaType) + ");");
                break;
            default:
                w.Line("request.SetBinaryBody(" + bodyName + ", " + SourceWriter.Literal(body.MediaType) + ");");
                break;
        }

        if (open is not null)
        {
            w.Close();
        }
    }

    /// <summary>A form field, or a multipart field sent as form fields are (<c>style: deepObject</c>), added with <paramref name="add"/>(name, value).</summary>
    private static void EmitFormField(SourceWriter w, FormFieldSpec field, string pair, System.Func<string, string, string> add)
    {
        var local = "f_" + field.PropertyName;
        if (IsStructured(field.Type))
        {
            // Nested objects and arrays go as deepObject pairs (a[b]=1&a[c][0]=x), as Stripe's encoding asks.
            w.Open("if (body." + field.PropertyName + " is { } " + local + ")");
            w.Open("foreach (var " + pair + " in " + DeepObject(field.WireName, field.Type, local) + ")");
            w.Line(add(pair + ".Key", pair + ".Value"));
            w.Close();
            w.Close();
            return;
        }

        w.Line(add(SourceWriter.Literal(field.WireName), TextValue(field, "body." + field.PropertyName, local)));
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
        var contentType = field.ContentType is null ? string.Empty : ", " + SourceWriter.Literal(field.ContentType);
        var access = "body." + field.PropertyName;
        var local = "f_" + field.PropertyName;
        var type = field.Type;
        if (type.Kind == TypeKind.File)
        {
            w.Line("__Parts.AddFile(" + name + ", " + access + contentType + ");");
            return;
        }

        if (!IsJsonPart(type, field.ContentType) && !IsStructured(type))
        {
            // AddText leaves out a null string itself.
            var text = type.Kind == TypeKind.String ? access : TextValue(field, access, local);
            w.Line("__Parts.AddText(" + name + ", " + text + contentType + ");");
            return;
        }

        w.Open("if (" + access + " is { } " + local + ")");
        if (type.Kind == TypeKind.Array && !IsJsonMediaType(field.ContentType))
        {
            var element = type.Element!;
            w.Open("foreach (var __Item in " + local + ")");
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
        var tail = (contentType is null ? string.Empty : ", " + SourceWriter.Literal(contentType)) + ");";
        if (type.Kind == TypeKind.File)
        {
            w.Line("__Parts.AddFile(" + name + ", " + value + tail);
        }
        else if (IsJsonPart(type, contentType))
        {
            w.Line("__Parts.AddJson(" + name + ", " + value + ", static (w, v) => " + JsonCode.WriteValue(type, "w", "v").TrimEnd(';') + tail);
        }
        else if (type.Kind is TypeKind.Union or TypeKind.Any)
        {
            // A string is text, anything else JSON: the value decides.
            w.Line("__Parts.AddValue(" + name + ", " + value + (type.Kind == TypeKind.Union ? ".Element" : string.Empty) + tail);
        }
        else
        {
            w.Line("__Parts.AddText(" + name + ", " + JsonCode.Format(type, value) + tail);
        }
    }

    /// <summary>Whether a part is JSON: as its content type says when the spec gives one, else for objects, maps and arrays (of arrays, at item level).</summary>
    private static bool IsJsonPart(TypeRef type, string? contentType) =>
        contentType is not null ? IsJsonMediaType(contentType) : type.Kind is TypeKind.Object or TypeKind.Map or TypeKind.Array;

    private static bool IsJsonMediaType(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", System.StringComparison.OrdinalIgnoreCase) || contentType.IndexOf("+json", System.StringComparison.OrdinalIgnoreCase) >= 0);

    private static void EmitResolveBaseAddress(SourceWriter w, ClientSpec client)
    {
        w.Open("private global::System.Uri ResolveBaseAddress(global::System.Collections.Generic.IReadOnlyList<string>? operationServers)");
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
        w.Line("return " + Http + ".ServerUrl.Create(operationServers[0], ApiName);");
        w.Close();
        w.Line();
        if (client.Servers.Count == 0)
        {
            w.Line("throw new global::System.InvalidOperationException(ApiName + \": the spec declares no server; set BaseAddress in the options.\");");
            w.Close();
            w.Line();
            return;
        }

        w.Open("var url = _options.Server switch");
        foreach (var server in client.Servers)
        {
            var expression = SourceWriter.Literal(server.Url);
            foreach (var variableDefault in server.Defaults)
            {
                var variable = client.ServerVariables.First(v => v.WireName == variableDefault.Variable);
                var value = variable.AllowedValues.Count > 0
                    ? "(_options." + variable.PropertyName + " is { } " + "__" + variable.PropertyName + " ? " + VariableWire(client, variable, "__" + variable.PropertyName) + " : " + SourceWriter.Literal(variableDefault.Default) + ")"
                    : Http + ".ServerUrl.Variable(_options." + variable.PropertyName + " ?? " + SourceWriter.Literal(variableDefault.Default) + ", " + SourceWriter.Literal(variable.PropertyName) + ")";
                expression += ".Replace(" + SourceWriter.Literal("{" + variableDefault.Variable + "}") + ", " + value + ")";
            }

            w.Line(client.ServerEnumName + "." + server.Name + " => " + expression + ",");
        }

        w.Line("_ => throw new global::System.InvalidOperationException(ApiName + \": unknown server \" + _options.Server + \".\"),");
        w.Close(";");
        w.Line("return " + Http + ".ServerUrl.Create(url, ApiName);");
        w.Close();
        w.Line();
    }

    private static string VariableWire(ClientSpec client, ServerVariableSpec variable, string value)
    {
        var scope = new Naming.NameScope();
        var cases = variable.AllowedValues.Select(v => client.OptionsName + "." + OptionsEmitter.VariableType(variable) + "." + scope.Claim(Naming.Identifiers.Pascal(v)) + " => " + SourceWriter.Literal(v));
        return value + " switch { " + string.Join(", ", cases) + ", _ => throw new global::System.ArgumentOutOfRangeException(" + SourceWriter.Literal(variable.PropertyName) + ") }";
    }

    private static void EmitNewRequest(SourceWriter w, OperationSpec operation) =>
        w.Line("var request = new " + Http + ".ApiRequest(" + SourceWriter.Literal(operation.OperationId) + ", " + MethodExpression(operation.HttpMethod) + ", " + SourceWriter.Literal(operation.Path) + ");");

    /// <summary>The framework's shared <c>HttpMethod</c> instance where there is one, so a call does not allocate its method.</summary>
    private static string MethodExpression(string method) => method.ToUpperInvariant() switch
    {
        "GET" => "global::System.Net.Http.HttpMethod.Get",
        "PUT" => "global::System.Net.Http.HttpMethod.Put",
        "POST" => "global::System.Net.Http.HttpMethod.Post",
        "DELETE" => "global::System.Net.Http.HttpMethod.Delete",
        "HEAD" => "global::System.Net.Http.HttpMethod.Head",
        "OPTIONS" => "global::System.Net.Http.HttpMethod.Options",
        "TRACE" => "global::System.Net.Http.HttpMethod.Trace",
        "PATCH" => "global::System.Net.Http.HttpMethod.Patch",
        _ => "new global::System.Net.Http.HttpMethod(" + SourceWriter.Literal(method) + ")",
    };
}
