using System;
using System.Net;
using System.Net.Http;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace SpecClients.Runtime.Http;

/// <summary>
/// A server answered a request of a generated client, a token request, or a request that carried credentials with a
/// redirect to another origin (scheme, host or port), or from https to http. The request was not repeated there. The message names both origins,
/// never a path, query or header, so it holds no secret.
/// </summary>
public sealed class RedirectRefusedException : ApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="apiName">The API (spec) name.</param>
    /// <param name="operationId">The operation's id in the spec.</param>
    /// <param name="statusCode">The redirect's status, or the final status when the HttpClient's own handler followed it.</param>
    /// <param name="from">Where the request was sent.</param>
    /// <param name="to">Where the server redirected it.</param>
    /// <param name="followedByHandler">The HttpClient's handler followed the redirect before SpecClients saw it.</param>
    public RedirectRefusedException(string apiName, string operationId, int statusCode, Uri from, Uri to, bool followedByHandler = false)
        : base(apiName, operationId, statusCode, responseBody: null, BuildMessage(apiName, operationId, statusCode, from, to, followedByHandler))
    {
        From = Redirects.Origin(from);
        To = Redirects.Origin(to);
        FollowedByHandler = followedByHandler;
    }

    /// <summary>The origin the request was sent to (scheme, host and port only).</summary>
    public Uri From { get; }

    /// <summary>The origin the server redirected to (scheme, host and port only).</summary>
    public Uri To { get; }

    /// <summary>
    /// True when the HttpClient's own handler had already followed the redirect (a handler SpecClients could not
    /// inspect): the response was discarded, but the credentials may have reached <see cref="To"/>.
    /// </summary>
    public bool FollowedByHandler { get; }

    private static string BuildMessage(string apiName, string operationId, int statusCode, Uri from, Uri to, bool followedByHandler)
    {
        var fromOrigin = Redirects.OriginText(from);
        var toOrigin = Redirects.OriginText(to);
        return followedByHandler
            ? $"{apiName} operation '{operationId}': the HttpClient's handler followed a redirect from {fromOrigin} to {toOrigin} (final status {statusCode}); the response was discarded. Credentials are only sent to the origin they are configured for: give the client an HttpClient whose handler does not follow redirects (AllowAutoRedirect = false)."
            : $"{apiName} operation '{operationId}': refused the HTTP {statusCode} redirect from {fromOrigin} to {toOrigin}; credentials are only sent to the origin they are configured for.";
    }
}

/// <summary>
/// How SpecClients treats HTTP redirects. Handlers must not follow redirects themselves (they would re-send API-key,
/// signature and token-request headers and bodies to whatever host the server names); the runtime follows them instead:
/// generated clients and token requests to the same origin (scheme, host, port) only; <see cref="Auth.AuthenticationHandler"/>
/// also follows a request it did not authenticate to another origin, but never from https to http.
/// 303, and 301/302 after a POST, become a GET without body; 307 and 308 keep the method and the body.
/// </summary>
public static class Redirects
{
    /// <summary>The most redirects followed for one call.</summary>
    public const int MaxRedirects = 10;

    // HttpMessageInvoker keeps its handler private; the name is "_handler" on .NET, "handler" on .NET Framework.
    // Read by constant name on a known type, which trimming and NativeAOT analyse and keep.
    private static readonly FieldInfo? s_invokerHandler =
        typeof(HttpMessageInvoker).GetField("_handler", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? typeof(HttpMessageInvoker).GetField("handler", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>
    /// Turns off automatic redirects on the primary handler of every HttpClient created under <paramref name="builder"/>'s
    /// name, including a primary handler configured after this call (the change runs after every other configuration).
    /// Generated <c>Add…Client()</c> registrations call it; call it for your own HttpClient that carries an
    /// <see cref="Auth.AuthenticationHandler"/>.
    /// </summary>
    /// <param name="builder">The HttpClient builder.</param>
    /// <returns>The same builder.</returns>
    public static IHttpClientBuilder WithoutAutomaticRedirects(this IHttpClientBuilder builder)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        builder.Services.PostConfigure<HttpClientFactoryOptions>(
            builder.Name,
            static options => options.HttpMessageHandlerBuilderActions.Add(static handlers => DisableAutomaticRedirects(handlers.PrimaryHandler)));
        return builder;
    }

    /// <summary>
    /// Turns off automatic redirects on the handler at the end of <paramref name="handler"/>'s chain, when it is an
    /// <see cref="HttpClientHandler"/> or a <c>SocketsHttpHandler</c> that has not sent a request yet.
    /// </summary>
    /// <param name="handler">A handler, or the first of a chain of <see cref="DelegatingHandler"/>s.</param>
    /// <returns>False when the primary handler follows redirects and can no longer be changed; true otherwise (also for handler types it does not know).</returns>
    public static bool DisableAutomaticRedirects(HttpMessageHandler? handler) => Disable(handler) != AutomaticRedirects.On;

    internal static AutomaticRedirects Disable(HttpMessageHandler? handler)
    {
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler;
        }

        try
        {
            switch (handler)
            {
                case HttpClientHandler clientHandler:
                    if (clientHandler.AllowAutoRedirect)
                    {
                        clientHandler.AllowAutoRedirect = false;
                    }

                    return AutomaticRedirects.Off;
#if NET
                case SocketsHttpHandler socketsHandler:
                    if (socketsHandler.AllowAutoRedirect)
                    {
                        socketsHandler.AllowAutoRedirect = false;
                    }

                    return AutomaticRedirects.Off;
#endif
                default:
                    return AutomaticRedirects.Unknown;
            }
        }
        catch (InvalidOperationException)
        {
            // The handler has already sent requests (or is disposed): its settings are frozen.
            return AutomaticRedirects.On;
        }
    }

    /// <summary>Turns off automatic redirects on the handler of <paramref name="httpClient"/>, where it can.</summary>
    internal static AutomaticRedirects Disable(HttpClient httpClient) =>
        s_invokerHandler?.GetValue(httpClient) is HttpMessageHandler handler ? Disable(handler) : AutomaticRedirects.Unknown;

    /// <summary>The message for a credentialed request through an HttpClient whose handler follows redirects.</summary>
    internal static string HandlerFollowsRedirectsMessage(string apiName) =>
        $"{apiName}: the HttpClient's handler follows redirects by itself (AllowAutoRedirect) and has already sent requests, so it can no longer be changed; it would re-send credentials to any host a server redirects to. Create the HttpClient with a handler whose AllowAutoRedirect is false (SpecClients follows same-origin redirects itself), or register the client with dependency injection.";

    /// <summary>Scheme, host and port of <paramref name="uri"/>, as a URI with the root path.</summary>
    internal static Uri Origin(Uri uri) => new(OriginText(uri) + "/", UriKind.Absolute);

    internal static string OriginText(Uri uri) => uri.Scheme + "://" + uri.Authority.ToLowerInvariant() + (uri.IsDefaultPort ? ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);

    /// <summary>Whether two absolute URIs share scheme, host and port.</summary>
    internal static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    /// <summary>Where a redirect response points (relative locations resolved against <paramref name="requestUri"/>), or null when it is not one.</summary>
    internal static Uri? Target(HttpResponseMessage response, Uri requestUri)
    {
        if ((int)response.StatusCode is not (300 or 301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location)
        {
            return null;
        }

        if (!location.IsAbsoluteUri)
        {
            location = new Uri(requestUri, location);
        }

        return location.Scheme == Uri.UriSchemeHttp || location.Scheme == Uri.UriSchemeHttps ? location : null;
    }

    /// <summary>Whether the request may be repeated at <paramref name="target"/>: same origin, or no credentials and no downgrade to http.</summary>
    internal static bool MayFollow(Uri from, Uri target, bool carriesCredentials) =>
        SameOrigin(from, target)
        || (!carriesCredentials && !(from.Scheme == Uri.UriSchemeHttps && target.Scheme == Uri.UriSchemeHttp));

    /// <summary>Whether the redirected request becomes a GET without body: after 303 (but HEAD), and after 300/301/302 for a POST, as browsers and .NET do.</summary>
    internal static bool BecomesGet(HttpStatusCode status, HttpMethod method) =>
        (int)status switch
        {
            303 => method != HttpMethod.Head,
            300 or 301 or 302 => method == HttpMethod.Post,
            _ => false,
        };

    /// <summary>Turns <paramref name="message"/> (built afresh for the original target) into the request that follows a redirect.</summary>
    internal static void Redirect(HttpRequestMessage message, Uri target, bool becomesGet)
    {
        message.RequestUri = target;
        if (becomesGet)
        {
            message.Method = HttpMethod.Get;
            message.Content = null;
        }
    }

    /// <summary>
    /// Throws when a handler below SpecClients followed a redirect to another origin (a handler it could not inspect):
    /// the credentials may have left, but the response (a token, say) is not used.
    /// </summary>
    internal static void ThrowIfHandlerLeftOrigin(HttpResponseMessage response, Uri sentTo, bool carriesCredentials, string apiName, string operationId)
    {
        if (carriesCredentials && response.RequestMessage?.RequestUri is { } arrivedAt && arrivedAt.IsAbsoluteUri && !SameOrigin(sentTo, arrivedAt))
        {
            throw new RedirectRefusedException(apiName, operationId, (int)response.StatusCode, sentTo, arrivedAt, followedByHandler: true);
        }
    }
}

/// <summary>Whether a handler follows redirects by itself.</summary>
internal enum AutomaticRedirects
{
    /// <summary>It does not (or no longer does): SpecClients sees every redirect.</summary>
    Off,

    /// <summary>It does and cannot be changed: credentials must not go through it.</summary>
    On,

    /// <summary>A handler type SpecClients does not know; a followed redirect is detected only afterwards.</summary>
    Unknown,
}
