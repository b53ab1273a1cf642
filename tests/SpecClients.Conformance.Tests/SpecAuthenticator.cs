using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using SpecClients.Runtime.Auth;

namespace SpecClients.Conformance.Tests;

/// <summary>
/// Puts a credential of the kind a security scheme declares on the request (an API key in its header, query parameter
/// or cookie; HTTP Basic; a bearer token for <c>http bearer</c>, OAuth2 and OpenID Connect), so that Prism's security
/// check passes and what it validates is the rest of the request. The generated token lifecycles are tested elsewhere
/// (OAuth and end-to-end tests): here every scheme gets a fixed credential through the client's authenticators.
/// </summary>
internal sealed class SpecAuthenticator : IRequestAuthenticator
{
    private readonly JsonObject? _scheme;

    private SpecAuthenticator(string schemeName, JsonObject? scheme)
    {
        SchemeName = schemeName;
        _scheme = scheme;
    }

    /// <inheritdoc />
    public string SchemeName { get; }

    /// <summary>One authenticator per scheme the document names, in <c>components.securitySchemes</c> or in a requirement.</summary>
    /// <param name="document">The spec.</param>
    /// <returns>The authenticators.</returns>
    public static IReadOnlyList<IRequestAuthenticator> For(JsonObject document)
    {
        var defined = (document["components"]?["securitySchemes"] as JsonObject) ?? [];
        var required = SpecOperations.All(document).SelectMany(o => (o.Node["security"] as JsonArray) ?? [])
            .Concat((document["security"] as JsonArray) ?? [])
            .OfType<JsonObject>()
            .SelectMany(requirement => requirement.Select(pair => pair.Key));
        return defined.Select(pair => pair.Key).Concat(required).Distinct(StringComparer.Ordinal)
            .Select(name => new SpecAuthenticator(name, SpecOperations.Follow(document, defined[name]) as JsonObject))
            .ToList();
    }

    /// <inheritdoc />
    public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        const string Credential = "conformance-credential";
        var type = _scheme?["type"]?.ToString();
        var scheme = _scheme?["scheme"]?.ToString();
        var name = _scheme?["name"]?.ToString() ?? "X-Api-Key";
        var location = _scheme?["in"]?.ToString();
        switch (type)
        {
            case "apiKey" when location == "query":
                var separator = string.IsNullOrEmpty(request.RequestUri!.Query) ? "?" : "&";
                request.RequestUri = new Uri(request.RequestUri + separator + Uri.EscapeDataString(name) + "=" + Credential);
                break;
            case "apiKey" when location == "cookie":
                request.Headers.Add("Cookie", name + "=" + Credential);
                break;
            case "apiKey":
                request.Headers.TryAddWithoutValidation(name, Credential);
                break;
            case "http" when string.Equals(scheme, "bearer", StringComparison.OrdinalIgnoreCase):
            case "oauth2":
            case "openIdConnect":
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Credential);
                break;
            default:
                // HTTP Basic, and a scheme a requirement names but the document does not define (SPC301 assumes Basic).
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("user:" + Credential)));
                break;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> OnUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken) => new(false);
}
