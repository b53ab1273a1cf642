using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Claims;
using System.Threading.Tasks;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SpecClients.OAuth.Tests.Support;

/// <summary>How the authorization server issues access tokens.</summary>
public enum AccessTokenFormat
{
    /// <summary>A signed JWT (JWS) the client could read.</summary>
    SignedJwt,

    /// <summary>An encrypted JWT (JWE), OpenIddict's default: opaque to the client.</summary>
    EncryptedJwt,

    /// <summary>A reference token: a random handle, its payload kept in the server's store.</summary>
    Reference,
}

/// <summary>A token request the server received, as the form and headers said it.</summary>
public sealed record TokenRequest(string? GrantType, string? Scope, bool BasicAuthorization, string? FormClientId, bool FormClientSecret, string? RefreshToken);

/// <summary>A call to the resource server and how it answered.</summary>
public sealed record ResourceCall(string Path, string? AccessToken, int Status);

/// <summary>
/// OpenIddict 7 as authorization server and, in the same Kestrel host on 127.0.0.1 (plain http on loopback), a resource
/// server that validates access tokens with OpenIddict's validation: signature or reference lookup, expiry, revocation
/// (token entries), and the scope each endpoint needs. Confidential client <see cref="ClientId"/> may use the client
/// credentials, password and refresh-token grants; the resource owner is <see cref="Username"/>.
/// </summary>
public sealed class AuthorizationServer : IAsyncDisposable
{
    public const string ClientId = "northwind app";

    /// <summary>A secret with every character that client_secret_basic must form-encode (RFC 6749 §2.3.1).</summary>
    public const string ClientSecret = "s3cr:t+%x y";

    public const string Username = "ana";
    public const string Password = "pa ss&word";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<TokenRequest> _tokenRequests = new();
    private readonly ConcurrentQueue<ResourceCall> _resourceCalls = new();

    private AuthorizationServer(WebApplication app) => _app = app;

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Uri { get; private set; } = null!;

    /// <summary>The token endpoint.</summary>
    public Uri TokenEndpoint => new(Uri, "connect/token");

    /// <summary>Token requests, in order.</summary>
    public IReadOnlyList<TokenRequest> TokenRequests => _tokenRequests.ToArray();

    /// <summary>Calls to the resource server, in order.</summary>
    public IReadOnlyList<ResourceCall> ResourceCalls => _resourceCalls.ToArray();

    public static async Task<AuthorizationServer> StartAsync(AccessTokenFormat format)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var database = Guid.NewGuid().ToString("N");
        builder.Services.AddDbContext<DbContext>(options =>
        {
            options.UseInMemoryDatabase(database);
            options.UseOpenIddict();
        });
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<DbContext>())
            .AddServer(server =>
            {
                server.SetTokenEndpointUris("connect/token").SetRevocationEndpointUris("connect/revoke");
                server.AllowClientCredentialsFlow().AllowPasswordFlow().AllowRefreshTokenFlow();
                server.RegisterScopes("balances:read", "payouts:write", "profile:read");
                server.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                if (format == AccessTokenFormat.SignedJwt)
                {
                    server.DisableAccessTokenEncryption();
                }
                else if (format == AccessTokenFormat.Reference)
                {
                    server.UseReferenceAccessTokens();
                }

                server.UseAspNetCore().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                // Looks every token up in the store, so that a revoked JWT is refused too.
                validation.EnableTokenEntryValidation();
                validation.UseAspNetCore();
            });

        var app = builder.Build();
        var server = new AuthorizationServer(app);
        app.Use(server.RecordTokenRequestAsync);
        app.UseAuthentication();
        app.MapPost("/connect/token", async context => await (await IssueAsync(context)).ExecuteAsync(context));
        app.MapGet("/v2/ping", context => server.ServeAsync(context, requiredScopes: null));
        app.MapGet("/v2/balances", context => server.ServeAsync(context, "balances:read"));
        app.MapGet("/v2/payouts", context => server.ServeAsync(context, "balances:read", "payouts:write"));
        app.MapGet("/v2/me", context => server.ServeAsync(context, "profile:read"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Uri = new Uri(address.EndsWith('/') ? address : address + "/");
        await SeedAsync(app.Services);
        return server;
    }

    /// <summary>Revokes a token at the revocation endpoint (RFC 7009), as the client itself would.</summary>
    public async Task RevokeAsync(string token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Uri, "connect/revoke"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["token"] = token,
                ["client_id"] = ClientId,
                ["client_secret"] = ClientSecret,
            }),
        };
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task SeedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.ClientCredentials,
                Permissions.GrantTypes.Password,
                Permissions.GrantTypes.RefreshToken,
                Permissions.Prefixes.Scope + "balances:read",
                Permissions.Prefixes.Scope + "payouts:write",
                Permissions.Prefixes.Scope + "profile:read",
            },
        });
    }

    /// <summary>The token endpoint's own logic (OpenIddict has authenticated the client and validated the request).</summary>
    private static async Task<IResult> IssueAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenIddict request.");
        ClaimsPrincipal principal;
        if (request.IsClientCredentialsGrantType())
        {
            principal = Principal(request.ClientId!, request.GetScopes());
        }
        else if (request.IsPasswordGrantType())
        {
            if (request.Username != Username || request.Password != Password)
            {
                return Results.Forbid(
                    new AuthenticationProperties(new Dictionary<string, string?> { [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidGrant }),
                    new[] { OpenIddictServerAspNetCoreDefaults.AuthenticationScheme });
            }

            // offline_access: the resource owner's token comes with a refresh token.
            principal = Principal(request.Username, request.GetScopes().Add(Scopes.OfflineAccess));
        }
        else if (request.IsRefreshTokenGrantType())
        {
            var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            principal = result.Principal ?? throw new InvalidOperationException("The refresh token was not validated.");
        }
        else
        {
            throw new InvalidOperationException("Unexpected grant " + request.GrantType);
        }

        return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static ClaimsPrincipal Principal(string subject, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, subject);
        identity.SetScopes(scopes);
        identity.SetDestinations(static _ => new[] { Destinations.AccessToken });
        return new ClaimsPrincipal(identity);
    }

    private async Task RecordTokenRequestAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path == "/connect/token" && HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync();
            _tokenRequests.Enqueue(new TokenRequest(
                form["grant_type"].FirstOrDefault(),
                form["scope"].FirstOrDefault(),
                context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.Ordinal),
                form["client_id"].FirstOrDefault(),
                form.ContainsKey("client_secret"),
                form["refresh_token"].FirstOrDefault()));
        }

        await next(context);
    }

    /// <summary>A protected resource: OpenIddict validation decides whether the token is valid, then the scopes are checked.</summary>
    private async Task ServeAsync(HttpContext context, params string[]? requiredScopes)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;
        IResult result;
        int status;
        if (requiredScopes is null)
        {
            (result, status) = (Results.NoContent(), 204);
        }
        else
        {
            var authenticated = await context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
            if (!authenticated.Succeeded)
            {
                (result, status) = (Results.Challenge(authenticationSchemes: new[] { OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme }), 401);
            }
            else if (!requiredScopes.All(authenticated.Principal!.HasScope))
            {
                (result, status) = (Results.StatusCode(403), 403);
            }
            else
            {
                (result, status) = (Results.NoContent(), 204);
            }
        }

        _resourceCalls.Enqueue(new ResourceCall(context.Request.Path, token, status));
        await result.ExecuteAsync(context);
    }
}
