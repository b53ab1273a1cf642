using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using ParameterLocation = SpecClients.Generator.Model.ParameterLocation;
using SpecClients.Generator.Diagnostics;
using SpecClients.Generator.Model;
using SpecClients.Generator.Naming;
using static SpecClients.Generator.Parsing.OperationClassifier;
using static SpecClients.Generator.Parsing.SchemaClassifier;

namespace SpecClients.Generator.Parsing;

internal sealed partial class ModelBuilder
{
    private static readonly string[] MethodOrder = { "GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE", "QUERY" };

    private static readonly Regex PathParameter = new(@"\{([^}/]+)\}", RegexOptions.CultureInvariant);

    private NameScope? _optionNames;

    private readonly HashSet<string> _selectedIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _selectedTags = new(StringComparer.Ordinal);

    /// <summary>
    /// A path item's methods in <see cref="MethodOrder"/> (unknown ones first, as the spec lists them): a stable insertion
    /// sort of a handful of references, where ordering the dictionary's pairs with LINQ would cost a JIT at every cold start.
    /// </summary>
    private static List<HttpMethod> InMethodOrder(IEnumerable<HttpMethod> keys)
    {
        var ordered = new List<HttpMethod>();
        var ranks = new List<int>();
        foreach (var method in keys)
        {
            var rank = Array.IndexOf(MethodOrder, method.Method.ToUpperInvariant());
            var at = ordered.Count;
            while (at > 0 && ranks[at - 1] > rank)
            {
                at--;
            }

            ordered.Insert(at, method);
            ranks.Insert(at, rank);
        }

        return ordered;
    }

    /// <summary>
    /// Whether an operation is generated: always without a selection; with one, when its operationId or a tag is listed,
    /// or when an <c>x-token</c> names it (leaving out the token operation would leave the listed ones unauthenticated).
    /// </summary>
    private bool IsSelected(OpenApiOperation operation)
    {
        if (_input.Selection is not { } selection)
        {
            return true;
        }

        var id = operation.OperationId;
        var listedId = id is not null && selection.OperationIds.Items.Contains(id, StringComparer.Ordinal);
        var listedTags = (operation.Tags ?? Enumerable.Empty<OpenApiTagReference>())
            .Select(t => t.Name)
            .OfType<string>()
            .Where(t => selection.Tags.Items.Contains(t, StringComparer.Ordinal))
            .ToList();
        if (listedId)
        {
            _selectedIds.Add(id!);
        }

        _selectedTags.UnionWith(listedTags);
        return listedId || listedTags.Count > 0 || (id is not null && _tokenExtensions.Values.Any(t => t.OperationId == id));
    }

    /// <summary>SPC205 for each listed operationId or tag that selected nothing.</summary>
    private void ReportUnmatchedSelection()
    {
        if (_input.Selection is not { } selection)
        {
            return;
        }

        foreach (var id in selection.OperationIds.Where(id => !_selectedIds.Contains(id)))
        {
            Report(DiagnosticDescriptors.SelectionMatchesNothing, string.Empty, _input.Path, "Operations", id);
        }

        foreach (var tag in selection.Tags.Where(tag => !_selectedTags.Contains(tag)))
        {
            Report(DiagnosticDescriptors.SelectionMatchesNothing, string.Empty, _input.Path, "Tags", tag);
        }
    }

    private ClientSpec? BuildClient()
    {
        _optionNames = MemberNames.OptionsScope(_clientNames);
        var (servers, variables) = BuildServers();
        BuildSecuritySchemes();

        var methods = MemberNames.ClientMethodScope(_clientNames);
        var operations = new List<OperationSpec>();
        var firstWithOperationId = new Dictionary<string, (string Pointer, string MethodName)>(StringComparer.Ordinal);
        foreach (var path in _document.Paths ?? new OpenApiPaths())
        {
            var pathItem = path.Value;
            if (pathItem is OpenApiPathItemReference { Target: null })
            {
                Report(DiagnosticDescriptors.UnresolvedReference, "#/paths/" + Escape(path.Key), "#/paths/" + Escape(path.Key), "path item");
                continue;
            }

            if (pathItem.Operations is null)
            {
                continue;
            }

            foreach (var method in InMethodOrder(pathItem.Operations.Keys))
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var operation = pathItem.Operations[method];
                if (!IsSelected(operation))
                {
                    continue;
                }

                operations.Add(BuildOperation(path.Key, pathItem, method, operation, methods, firstWithOperationId));
            }
        }

        var tokenSources = BuildTokenSources(operations, ResolveTokenExtensions(operations));
        if (operations.Count == 0 && _schemes.Count == 0)
        {
            return null;
        }

        var schemes = _schemeOrder.Select(n => _schemes[n].ToSpec(issuedByOperation: _tokenExtensions.ContainsKey(n))).ToEquatableArray();
        var title = _document.Info?.Title ?? _context.SpecFileName;
        return new ClientSpec(
            _clientNames.Client,
            _clientNames.Options,
            _clientNames.ServerEnum,
            _clientNames.Auth,
            _clientNames.ServiceCollectionExtensions,
            title,
            Clean(_document.Info?.Description),
            servers,
            variables,
            schemes,
            operations.ToEquatableArray(),
            tokenSources);
    }

    private (EquatableArray<ServerSpec>, EquatableArray<ServerVariableSpec>) BuildServers()
    {
        var servers = new List<ServerSpec>();
        var names = new NameScope();
        var variables = new Dictionary<string, (string Property, string? Description, SortedSet<string> Allowed)>(StringComparer.Ordinal);
        var index = 0;
        foreach (var server in _document.Servers ?? new List<OpenApiServer>())
        {
            index++;
            if (string.IsNullOrWhiteSpace(server.Url))
            {
                continue;
            }

            var pointer = "#/servers/" + (index - 1);
            var nameSource = server.Name ?? ExtensionValues.String(server.Extensions, "x-name") ?? server.Description;
            var name = MemberNames.ClaimServer(names, nameSource, index);
            var defaults = new List<ServerVariableDefault>();
            foreach (var variable in server.Variables ?? new Dictionary<string, OpenApiServerVariable>())
            {
                defaults.Add(new ServerVariableDefault(variable.Key, variable.Value.Default ?? string.Empty));
                if (!variables.TryGetValue(variable.Key, out var known))
                {
                    known = (_optionNames!.Claim(Identifiers.Pascal(variable.Key)), Clean(variable.Value.Description), new SortedSet<string>(StringComparer.Ordinal));
                    variables[variable.Key] = known;
                }

                foreach (var allowed in variable.Value.Enum ?? new List<string>())
                {
                    known.Allowed.Add(allowed);
                }
            }

            // On Unix "/api/v3" parses as an absolute file: URI, so require http(s) explicitly.
            if (!Uri.TryCreate(ExpandServerUrl(server), UriKind.Absolute, out var absolute)
                || (absolute.Scheme != Uri.UriSchemeHttp && absolute.Scheme != Uri.UriSchemeHttps))
            {
                Report(DiagnosticDescriptors.RelativeServerUrl, pointer + "/url", pointer, server.Url!);
            }

            servers.Add(new ServerSpec(name, server.Url!, Clean(server.Description), defaults.ToEquatableArray()));
        }

        var variableSpecs = variables
            .OrderBy(v => v.Key, StringComparer.Ordinal)
            .Select(v => new ServerVariableSpec(
                v.Key,
                v.Value.Property,
                v.Value.Description,
                v.Value.Allowed.ToEquatableArray(),
                v.Value.Allowed.Count > 0 ? MemberNames.ServerVariableEnum(v.Value.Property) : null,
                MemberNames.EnumMembers(v.Value.Allowed)))
            .ToEquatableArray();
        return (servers.ToEquatableArray(), variableSpecs);
    }

    private OperationSpec BuildOperation(
        string path,
        IOpenApiPathItem pathItem,
        HttpMethod method,
        OpenApiOperation operation,
        NameScope methods,
        Dictionary<string, (string Pointer, string MethodName)> firstWithOperationId)
    {
        var httpMethod = method.Method.ToUpperInvariant();
        var pointer = "#/paths/" + Escape(path) + "/" + method.Method.ToLowerInvariant();
        var operationId = operation.OperationId ?? (method.Method.ToLowerInvariant() + path);
        var baseName = MemberNames.ClaimOperationMethod(methods, operation.OperationId, method.Method, path);
        if (operation.OperationId is { } declaredId)
        {
            // Invalid per the spec but common: the method names already differ (the scope numbers the second), so say which is which.
            if (firstWithOperationId.TryGetValue(declaredId, out var first))
            {
                Report(DiagnosticDescriptors.DuplicateOperationId, pointer + "/operationId", pointer, declaredId, first.Pointer, first.MethodName, baseName + "Async");
            }
            else
            {
                firstWithOperationId.Add(declaredId, (pointer, baseName + "Async"));
            }
        }
        var parameterNames = MemberNames.ParameterScope();

        var parameters = new List<ParameterSpec>();
        // Keyed by location and name as one string: a tuple key would cost the compiler's host a JIT of the dictionary.
        var declared = new Dictionary<string, ParameterSpec>(StringComparer.Ordinal);
        static string Declared(string name, ParameterLocation location) => ((int)location).ToString(CultureInfo.InvariantCulture) + ":" + name;
        string? bodylessContentType = null;
        void AddParameters(IList<IOpenApiParameter>? list, string listPointer)
        {
            if (list is null)
            {
                return;
            }

            for (var i = 0; i < list.Count; i++)
            {
                var parameter = list[i];
                var parameterPointer = listPointer + "/" + i;
                if (parameter is OpenApiParameterReference { Target: null } broken)
                {
                    Report(DiagnosticDescriptors.UnresolvedReference, parameterPointer, parameterPointer, broken.Reference?.ReferenceV3 ?? "?");
                    continue;
                }

                if (parameter.Name is null || parameter.In is null)
                {
                    continue;
                }

                var location = parameter.In switch
                {
                    Microsoft.OpenApi.ParameterLocation.Path => ParameterLocation.Path,
                    Microsoft.OpenApi.ParameterLocation.Header => ParameterLocation.Header,
                    Microsoft.OpenApi.ParameterLocation.Cookie => ParameterLocation.Cookie,
                    _ => ParameterLocation.Query,
                };
                if (location == ParameterLocation.Header && IsReservedHeader(parameter.Name))
                {
                    // OpenAPI ignores these; one is kept: an operation without a body that declares Content-Type with one
                    // value (const, a one-value enum or a default) sends it, as Faspay SendMe's GETs must.
                    if (operation.RequestBody is null && parameter.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                    {
                        bodylessContentType = SingleValue(parameter.Schema) ?? bodylessContentType;
                    }

                    continue;
                }

                var schemaPointer = parameterPointer + "/schema";
                var type = parameter.Schema is null && parameter.Content?.Values.FirstOrDefault()?.Schema is { } contentSchema
                    ? MapSchema(contentSchema, schemaPointer, baseName + Identifiers.Pascal(parameter.Name))
                    : MapSchema(parameter.Schema, schemaPointer, baseName + Identifiers.Pascal(parameter.Name));
                var style = parameter.Style?.ToString() ?? (location is ParameterLocation.Query or ParameterLocation.Cookie ? "Form" : "Simple");
                var spec = new ParameterSpec(
                    parameter.Name,
                    string.Empty,
                    location,
                    type,
                    parameter.Required || location == ParameterLocation.Path,
                    parameter.Explode,
                    style,
                    parameter.Deprecated,
                    Clean(parameter.Description));
                declared[Declared(parameter.Name, location)] = spec;
            }
        }

        AddParameters(pathItem.Parameters, "#/paths/" + Escape(path) + "/parameters");
        AddParameters(operation.Parameters, pointer + "/parameters");

        foreach (Match match in PathParameter.Matches(path))
        {
            var name = match.Groups[1].Value;
            if (!declared.ContainsKey(Declared(name, ParameterLocation.Path)))
            {
                Report(DiagnosticDescriptors.UndeclaredPathParameter, pointer, pointer, name);
                declared[Declared(name, ParameterLocation.Path)] = new ParameterSpec(name, string.Empty, ParameterLocation.Path, TypeRef.String, true, false, "Simple", false, null);
            }
        }

        // Required parameters first, then optional ones, each group in spec order, so optional ones can default to null.
        foreach (var parameter in declared.Values.Where(p => p.Required).Concat(declared.Values.Where(p => !p.Required)))
        {
            parameters.Add(parameter with { Name = parameterNames.Claim(Identifiers.Camel(parameter.WireName)) });
        }

        var body = BuildBody(operation.RequestBody, pointer + "/requestBody", baseName);
        var (success, errors) = BuildResponses(operation.Responses, pointer + "/responses", baseName);
        var security = BuildSecurity(operation.Security ?? _document.Security, operation.Security is null ? "#/security" : pointer + "/security");
        var servers = (operation.Servers is { Count: > 0 } ? operation.Servers : pathItem.Servers is { Count: > 0 } ? pathItem.Servers : null)?
            .Select(ExpandServerUrl)
            .ToEquatableArray() ?? EquatableArray<string>.Empty;

        TokenEndpointSpec? tokenEndpoint = null;
        if (body is { Kind: BodyKind.Form } && body.FormFields.Any(f => f.WireName == "grant_type"))
        {
            tokenEndpoint = new TokenEndpointSpec(GrantTypes(operation.RequestBody!, body).ToEquatableArray());
        }

        return new OperationSpec(
            operationId,
            baseName + "Async",
            httpMethod,
            path,
            Clean(operation.Summary),
            Clean(operation.Description),
            operation.Deprecated,
            parameters.ToEquatableArray(),
            body,
            success,
            errors,
            security,
            servers,
            tokenEndpoint,
            bodylessContentType);
    }

    private IEnumerable<string> GrantTypes(IOpenApiRequestBody requestBody, BodySpec body)
    {
        var schema = requestBody.Content?.Values.FirstOrDefault()?.Schema;
        var grant = schema is null ? null : Target(schema).Properties?.TryGetValue("grant_type", out var g) == true ? Target(g) : null;
        if (grant?.Enum is { Count: > 0 })
        {
            foreach (var value in grant.Enum.OfType<JsonValue>())
            {
                if (value.TryGetValue<string>(out var text))
                {
                    yield return text;
                }
            }
        }
        else if (grant?.Default is JsonValue defaultValue && defaultValue.TryGetValue<string>(out var text))
        {
            yield return text;
        }
    }

    private BodySpec? BuildBody(IOpenApiRequestBody? requestBody, string pointer, string baseName)
    {
        if (requestBody is OpenApiRequestBodyReference { Target: null } broken)
        {
            Report(DiagnosticDescriptors.UnresolvedReference, pointer, pointer, broken.Reference?.ReferenceV3 ?? "?");
            return null;
        }

        if (requestBody?.Content is not { Count: > 0 } content)
        {
            return null;
        }

        var chosen = content.FirstOrDefault(c => IsJson(c.Key));
        var kind = BodyKind.Json;
        if (chosen.Key is null)
        {
            chosen = content.FirstOrDefault(c => c.Key.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase));
            kind = BodyKind.Form;
        }

        if (chosen.Key is null)
        {
            chosen = content.FirstOrDefault(c => c.Key.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase));
            kind = BodyKind.Multipart;
        }

        if (chosen.Key is null)
        {
            chosen = content.FirstOrDefault(c => c.Key.StartsWith("text/", StringComparison.OrdinalIgnoreCase));
            kind = BodyKind.Text;
        }

        if (chosen.Key is null)
        {
            chosen = content.FirstOrDefault(c => c.Key.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase)
                || c.Key.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
                || c.Key.StartsWith("application/pdf", StringComparison.OrdinalIgnoreCase)
                || c.Key == "*/*");
            kind = BodyKind.Binary;
        }

        if (chosen.Key is null)
        {
            var first = content.First();
            Report(DiagnosticDescriptors.UnsupportedMediaType, pointer + "/content/" + Escape(first.Key), pointer, first.Key, "the request is sent as raw bytes the caller supplies");
            return new BodySpec(BodyKind.Binary, first.Key, new TypeRef(TypeKind.Binary, "global::System.IO.Stream"), requestBody.Required, EquatableArray<FormFieldSpec>.Empty);
        }

        var schemaPointer = pointer + "/content/" + Escape(chosen.Key) + "/schema";
        switch (kind)
        {
            case BodyKind.Text:
                return new BodySpec(kind, chosen.Key, TypeRef.String, requestBody.Required, EquatableArray<FormFieldSpec>.Empty);
            case BodyKind.Binary:
                return new BodySpec(kind, chosen.Key, new TypeRef(TypeKind.Binary, "global::System.IO.Stream"), requestBody.Required, EquatableArray<FormFieldSpec>.Empty);
            case BodyKind.Multipart:
                return BuildMultipartBody(chosen.Key, chosen.Value, requestBody.Required, schemaPointer, pointer, baseName);
        }

        var type = MapSchema(chosen.Value?.Schema, schemaPointer, baseName + "Request");
        var fields = EquatableArray<FormFieldSpec>.Empty;
        if (kind == BodyKind.Form)
        {
            if (FormFields(type) is { } form)
            {
                fields = form;
            }
            else
            {
                Report(DiagnosticDescriptors.UnsupportedMediaType, schemaPointer, pointer, chosen.Key, "a form body that is not an object is sent as JSON");
                kind = BodyKind.Json;
            }
        }

        return new BodySpec(kind, chosen.Key, type, requestBody.Required, fields, kind == BodyKind.Json && IsNullableBody(chosen.Value?.Schema, type));
    }

    /// <summary>The fields of an object type's record; null when the type is no record.</summary>
    private EquatableArray<FormFieldSpec>? FormFields(TypeRef type) =>
        type.Kind == TypeKind.Object && _objects.TryGetValue(type.Name, out var record)
            ? record.Properties.Select(p => new FormFieldSpec(p.JsonName, p.Name, p.Type, p.IsNullableInCSharp)).ToEquatableArray()
            : null;

    /// <summary>
    /// A <c>multipart/form-data</c> body: one part per property of an object schema. Properties that are files
    /// (<c>format: binary</c>, or a 3.1 <c>contentMediaType</c> without <c>contentEncoding</c>, or arrays of them) make the
    /// body a record of its own whose file properties are <c>FilePart</c>s; without files the schema's record serves.
    /// </summary>
    private BodySpec BuildMultipartBody(string mediaType, IOpenApiMediaType? media, bool required, string schemaPointer, string pointer, string baseName)
    {
        var schema = media?.Schema;
        var target = schema is null ? null : Target(schema);
        var properties = target is null ? new Dictionary<string, IOpenApiSchema>() : PropertySchemas(target);
        TypeRef type = TypeRef.Any;
        if (target is not null && properties.Count > 0)
        {
            if (!properties.Values.Any(p => FilePartType(p) is not null))
            {
                type = MapSchema(schema, schemaPointer, baseName + "Request");
            }
            else if (_multipartTypes.TryGetValue(target, out type!))
            {
                _planner?.Use(Identifiers.Unqualified(type.Name), schemaPointer, baseName + "Request");
            }
            else
            {
                // Shared by every operation whose body is this schema object (a components/requestBodies entry). Square
                // names the JSON request of the same operation CreateCatalogImageRequest: then this is ...MultipartRequest.
                var name = InlineTypeName(schemaPointer, baseName + "Request", InlineTypeKind.Multipart, baseName + "MultipartRequest");
                type = new TypeRef(TypeKind.Object, Qualify(name));
                _multipartTypes[target] = type;
                Register(BuildObject(name, baseName + "Request", target, schemaPointer, multipart: true) with { Discriminator = null, IsMultipartBody = true }, type);
                _planner?.Use(name, schemaPointer, baseName + "Request");
            }
        }

        if (FormFields(type) is not { } fields)
        {
            Report(DiagnosticDescriptors.UnsupportedMediaType, schema is null ? pointer + "/content/" + Escape(mediaType) : schemaPointer, pointer, mediaType, "a multipart body whose schema is not an object with properties is sent as raw bytes the caller supplies, boundary included");
            return new BodySpec(BodyKind.Binary, mediaType, new TypeRef(TypeKind.Binary, "global::System.IO.Stream"), required, EquatableArray<FormFieldSpec>.Empty);
        }

        var encoding = media!.Encoding ?? new Dictionary<string, OpenApiEncoding>();
        foreach (var part in encoding.Where(e => e.Value?.Headers is { Count: > 0 }))
        {
            var headersPointer = pointer + "/content/" + Escape(mediaType) + "/encoding/" + Escape(part.Key) + "/headers";
            Report(DiagnosticDescriptors.MultipartPartHeaders, headersPointer, headersPointer, part.Key, string.Join(", ", part.Value.Headers!.Keys));
        }

        fields = fields.Select(field =>
        {
            var part = encoding.TryGetValue(field.WireName, out var e) ? e : null;
            var fileMediaType = properties.TryGetValue(field.WireName, out var propertySchema) && FilePartType(propertySchema) is not null ? FileMediaType(propertySchema) : null;
            return field with { ContentType = PartContentType(part?.ContentType) ?? fileMediaType, DeepObject = part?.Style == ParameterStyle.DeepObject };
        }).ToEquatableArray();
        return new BodySpec(BodyKind.Multipart, mediaType, type, required, fields);
    }

    private (ResponseSpec?, EquatableArray<ResponseSpec>) BuildResponses(OpenApiResponses? responses, string pointer, string baseName)
    {
        ResponseSpec? success = null;
        var errors = new List<ResponseSpec>();
        if (responses is null)
        {
            return (null, EquatableArray<ResponseSpec>.Empty);
        }

        // Status codes in order, default last. Sorted as a list of strings: ordering the dictionary's key-value pairs
        // would make the compiler's host compile a sort over them at every cold start.
        var codes = new List<string>(responses.Keys);
        codes.Sort(static (x, y) =>
        {
            var order = string.CompareOrdinal(x == "default" ? "9" : x, y == "default" ? "9" : y);
            return order != 0 ? order : string.CompareOrdinal(x, y);
        });
        foreach (var code in codes)
        {
            var status = code.ToUpperInvariant();
            var responsePointer = pointer + "/" + Escape(code);
            var response = responses[code];
            if (response is OpenApiResponseReference { Target: null } broken)
            {
                Report(DiagnosticDescriptors.UnresolvedReference, responsePointer, responsePointer, broken.Reference?.ReferenceV3 ?? "?");
                continue;
            }

            var isSuccess = status.StartsWith("2", StringComparison.Ordinal);
            if (isSuccess && success is not null)
            {
                continue;
            }

            var name = isSuccess ? baseName + "Response" : baseName + "Error" + (status == "DEFAULT" ? string.Empty : Identifiers.Pascal(status));
            var spec = BuildResponse(status == "DEFAULT" ? "default" : status, response, responsePointer, name);
            if (isSuccess)
            {
                success = spec;
            }
            else
            {
                errors.Add(spec);
            }
        }

        return (success, errors.ToEquatableArray());
    }

    private ResponseSpec BuildResponse(string status, IOpenApiResponse response, string pointer, string name)
    {
        if (response.Content is not { Count: > 0 } content)
        {
            return new ResponseSpec(status, null, false);
        }

        var json = content.FirstOrDefault(c => IsJson(c.Key));
        if (json.Key is not null && json.Value is null)
        {
            Report(DiagnosticDescriptors.OpenApiError, pointer + "/content/" + Escape(json.Key), pointer + "/content/" + Escape(json.Key), "a media type must be a mapping");
        }

        if (json.Key is not null)
        {
            var type = json.Value?.Schema is null ? TypeRef.Any : MapSchema(json.Value.Schema, pointer + "/content/" + Escape(json.Key) + "/schema", name);
            return new ResponseSpec(status, type, false, IsNullableBody(json.Value?.Schema, type));
        }

        var first = content.First();
        if (first.Key.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
        {
            return new ResponseSpec(status, TypeRef.String, true);
        }

        return new ResponseSpec(status, new TypeRef(TypeKind.Binary, "byte[]"), false);
    }

    /// <summary>A body schema that admits null (3.1 type arrays, <c>oneOf</c> with <c>{type: null}</c>, 3.0 <c>nullable</c>); a JsonElement holds null itself.</summary>
    private static bool IsNullableBody(IOpenApiSchema? schema, TypeRef type) => schema is not null && type.Kind != TypeKind.Any && SchemaClassifier.IsNullable(schema);
}
