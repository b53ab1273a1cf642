using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Auth.Generated;
using SpecClients.Runtime.Auth.Internal;
using SpecClients.Runtime.Tests.Support;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Runtime.Tests.Auth;

public sealed class RequestAuthorizerTests
{
    [Fact]
    public async Task FirstFullyConfiguredAlternativeIsApplied()
    {
        var authorizer = new RequestAuthorizer(new IRequestAuthenticator[]
        {
            new ApiKeyAuthenticator("apiKey", ApiKeyLocation.Header, "X-Api-Key", "k"),
            new BearerAuthenticator("bearer", "t"),
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example/");
        var alternatives = new[] { new SecurityRequirement("apiKey", "clientId"), new SecurityRequirement("bearer") };

        var applied = await authorizer.ApplyAsync(request, alternatives, CancellationToken.None);

        applied.Requirement.ShouldBeSameAs(alternatives[1]);
        request.Headers.Authorization!.ToString().ShouldBe("Bearer t");
        request.Headers.Contains("X-Api-Key").ShouldBeFalse();
        AuthRequestOptions.IsAuthenticated(request).ShouldBeTrue();
    }

    [Fact]
    public async Task AllSchemesOfTheChosenAlternativeAreApplied()
    {
        var authorizer = new RequestAuthorizer(new IRequestAuthenticator[]
        {
            new ApiKeyAuthenticator("apiKey", ApiKeyLocation.Header, "X-Api-Key", "k"),
            new ApiKeyAuthenticator("clientId", ApiKeyLocation.Query, "client_id", "c"),
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example/x");

        var applied = await authorizer.ApplyAsync(request, new[] { new SecurityRequirement("apiKey", "clientId") }, CancellationToken.None);

        applied.Authenticators.Select(a => a.SchemeName).ShouldBe(new[] { "apiKey", "clientId" });
        request.Headers.GetValues("X-Api-Key").Single().ShouldBe("k");
        request.RequestUri!.Query.ShouldBe("?client_id=c");
    }

    [Fact]
    public async Task SigningSchemesRunAfterTheOthersOfTheirAlternative()
    {
        var signer = new AuthenticatorTests.RecordingSigner();
        var authorizer = new RequestAuthorizer(new IRequestAuthenticator[]
        {
            new SigningAuthenticator("signature", signer),
            new ApiKeyAuthenticator("apiKey", ApiKeyLocation.Header, "X-Api-Key", "k"),
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example/");

        await authorizer.ApplyAsync(request, new[] { new SecurityRequirement("signature", "apiKey") }, CancellationToken.None);

        signer.HeadersPresent.ShouldContain("X-Api-Key");
    }

    [Fact]
    public async Task EmptyAlternativesSendNothing()
    {
        var authorizer = new RequestAuthorizer(new IRequestAuthenticator[] { new BearerAuthenticator("bearer", "t") });
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example/");

        var applied = await authorizer.ApplyAsync(request, Array.Empty<SecurityRequirement>(), CancellationToken.None);

        applied.ShouldBeSameAs(AppliedAuthentication.None);
        request.Headers.ShouldBeEmpty();
        AuthRequestOptions.IsAuthenticated(request).ShouldBeTrue();
    }

    [Fact]
    public async Task AnonymousAlternativeIsChosenWhenNothingBeforeItIsConfigured()
    {
        var authorizer = new RequestAuthorizer(Array.Empty<IRequestAuthenticator>());
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example/");

        var applied = await authorizer.ApplyAsync(request, new[] { new SecurityRequirement("apiKey"), SecurityRequirement.Anonymous }, CancellationToken.None);

        applied.Requirement.ShouldBeSameAs(SecurityRequirement.Anonymous);
        applied.Authenticators.ShouldBeEmpty();
        request.Headers.ShouldBeEmpty();
    }

    [Fact]
    public async Task NoConfiguredAlternativeThrowsNamingTheMissingSchemes()
    {
        var authorizer = new RequestAuthorizer(new IRequestAuthenticator[] { new BasicAuthenticator("basicAuth", "shop", "pw-secret-value") });
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example/");
        AuthRequestOptions.SetOperationId(request, "listPayments");

        var error = await Should.ThrowAsync<InvalidOperationException>(async () => await authorizer.ApplyAsync(
            request, new[] { new SecurityRequirement("bearerAuth"), new SecurityRequirement("basicAuth", "apiKey") }, CancellationToken.None));

        error.Message.ShouldContain("'listPayments'");
        error.Message.ShouldContain("[bearerAuth] (missing: bearerAuth)");
        error.Message.ShouldContain("[basicAuth, apiKey] (missing: apiKey)");
        error.Message.ShouldContain("Configured schemes: basicAuth");
        error.Message.ShouldNotContain("pw-secret-value");
        request.Headers.ShouldBeEmpty();
    }

    [Fact]
    public void DuplicateSchemeNamesAreRejected() =>
        Should.Throw<ArgumentException>(() => new RequestAuthorizer(new IRequestAuthenticator[]
        {
            new BearerAuthenticator("bearer", "a"),
            new BearerAuthenticator("bearer", "b"),
        }));

    [Fact]
    public async Task AppliedAuthenticationAsksEveryAuthenticatorAfterA401()
    {
        var clock = TestClock.Create();
        var first = Providers.Create(new TestTokenSource(), clock, key: "first");
        var secondSource = new TestTokenSource();
        var second = Providers.Create(secondSource, clock, key: "second");
        var authorizer = new RequestAuthorizer(new IRequestAuthenticator[]
        {
            new TokenAuthenticator("a", first, "X-A"),
            new TokenAuthenticator("b", second, "X-B"),
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example/");
        var applied = await authorizer.ApplyAsync(request, new List<SecurityRequirement> { new("a", "b") }, CancellationToken.None);

        (await applied.OnUnauthorizedAsync(request, CancellationToken.None)).ShouldBeTrue();

        (await second.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("token-2");
    }
}
