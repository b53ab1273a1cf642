using System;
using System.Net.Http;
using SpecClients.Runtime.Auth.Generated;
using SpecClients.Runtime.Auth.Internal;

namespace SpecClients.Runtime.Auth;

/// <summary>Per-request facts that authentication reads and writes (stored in the request's options).</summary>
public static class AuthRequestOptions
{
    private const string OperationIdKey = "SpecClients.Auth.OperationId";
    private const string AuthenticatedKey = "SpecClients.Auth.Authenticated";
    private const string ApiPathKey = "SpecClients.Auth.ApiPath";
    private const string PathTemplateKey = "SpecClients.Auth.PathTemplate";
    private const string RequirementKey = "SpecClients.Auth.Requirement";

    // Stored as object, so that marking a request does not box a new bool each time; read back as bool.
    private static readonly object BoxedTrue = true;

    /// <summary>
    /// Records the request's path as the spec writes it (parameters filled in, without the server's own path), which
    /// signatures are usually computed over: the same whether the request goes to the live host or a local sandbox.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="path">The path, e.g. <c>/account/api/balance_inquiry/9920000028</c>.</param>
    public static void SetApiPath(HttpRequestMessage request, string path)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        RequestProperties.Set(request, ApiPathKey, path ?? throw new ArgumentNullException(nameof(path)));
    }

    /// <summary>Records the operation's path template, parameters unfilled (a token obtained for the operation is keyed by it).</summary>
    /// <param name="request">The request.</param>
    /// <param name="pathTemplate">The template, e.g. <c>/account/api/balance_inquiry/{virtual_account}</c>.</param>
    public static void SetPathTemplate(HttpRequestMessage request, string pathTemplate)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        RequestProperties.Set(request, PathTemplateKey, pathTemplate ?? throw new ArgumentNullException(nameof(pathTemplate)));
    }

    /// <summary>The template recorded by <see cref="SetPathTemplate"/>, else <see cref="GetApiPath"/>.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The path template.</returns>
    public static string GetPathTemplate(HttpRequestMessage request)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        return RequestProperties.TryGet<string>(request, PathTemplateKey, out var template) && template is not null
            ? template
            : GetApiPath(request);
    }

    /// <summary>The path recorded by <see cref="SetApiPath"/>, else the request URI's path.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The path.</returns>
    public static string GetApiPath(HttpRequestMessage request)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        return RequestProperties.TryGet<string>(request, ApiPathKey, out var path) && path is not null
            ? path
            : request.RequestUri?.AbsolutePath ?? "/";
    }

    /// <summary>Records which operation a request belongs to (read by <see cref="SigningAuthenticator"/>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="operationId">The specification's <c>operationId</c>.</param>
    public static void SetOperationId(HttpRequestMessage request, string operationId)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        RequestProperties.Set(request, OperationIdKey, operationId ?? throw new ArgumentNullException(nameof(operationId)));
    }

    /// <summary>The operation a request belongs to, if recorded.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The operation id, or <see langword="null"/>.</returns>
    public static string? GetOperationId(HttpRequestMessage request)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        return RequestProperties.TryGet<string>(request, OperationIdKey, out var id) ? id : null;
    }

    /// <summary>Records the security alternative applied to a request, whose scopes its token authenticators request.</summary>
    internal static void SetRequirement(HttpRequestMessage request, SecurityRequirement requirement) =>
        RequestProperties.Set(request, RequirementKey, requirement);

    /// <summary>The alternative recorded by <see cref="SetRequirement"/>, if any.</summary>
    internal static SecurityRequirement? GetRequirement(HttpRequestMessage request) =>
        RequestProperties.TryGet<SecurityRequirement>(request, RequirementKey, out var requirement) ? requirement : null;

    /// <summary>
    /// Marks a request whose authentication has been decided (also when it was decided that none applies), so that an
    /// <see cref="AuthenticationHandler"/> further down leaves it alone. <see cref="RequestAuthorizer"/> does this.
    /// </summary>
    /// <param name="request">The request.</param>
    public static void MarkAuthenticated(HttpRequestMessage request)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        RequestProperties.Set(request, AuthenticatedKey, BoxedTrue);
    }

    /// <summary>Whether <see cref="MarkAuthenticated"/> was called for the request.</summary>
    /// <param name="request">The request.</param>
    /// <returns><see langword="true"/> if the request's authentication has been decided.</returns>
    public static bool IsAuthenticated(HttpRequestMessage request)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        return RequestProperties.TryGet<bool>(request, AuthenticatedKey, out var marked) && marked;
    }
}
