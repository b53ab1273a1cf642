using System;
using System.Threading;
using System.Threading.Tasks;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Auth.Generated;
using SpecClients.Runtime.Tests.Support;
using Xunit;

namespace SpecClients.Runtime.Tests.Auth;

/// <summary>Tokens per scope set: a token obtained for fewer scopes is never handed to a caller that needs more.</summary>
public sealed class TokenScopeTests
{
    private static TokenProvider Provider(ITokenSource source, ITokenCache? cache = null) =>
        new AuthServices(cache ?? new InMemoryTokenCache(), TimeProvider.System).CreateProvider("Api", "oauth", source, new TokenProviderOptions(), new TokenCredentialIdentity());

    [Fact]
    public void OneScopeSetInAnyOrderOrSpellingGivesOneProvider()
    {
        var provider = Provider(new TestTokenSource());

        var a = provider.ForScopes(new[] { "write", "read" });
        var b = provider.ForScopes(new[] { "read write", "read" });

        b.ShouldBeSameAs(a);
        a.Scopes.ShouldBe(new[] { "read", "write" });
        provider.ForScopes(new[] { "read" }).ShouldNotBeSameAs(a);
        provider.ForScopes(Array.Empty<string>()).ShouldBeSameAs(provider);
    }

    [Fact]
    public async Task EachScopeSetHasItsOwnTokenAndItsRequestCarriesTheScopes()
    {
        string? seen = null;
        var source = new TestTokenSource((context, call, _) =>
        {
            seen = context.Scope;
            return new ValueTask<AccessToken>(context.CreateToken("token-" + call + "-" + context.Scope, context.Clock.GetUtcNow().AddHours(1)));
        });
        var cache = new InMemoryTokenCache();
        var provider = Provider(source, cache);

        var narrow = await provider.ForScopes(new[] { "read" }).GetTokenAsync(CancellationToken.None);
        seen.ShouldBe("read");
        var wide = await provider.ForScopes(new[] { "write", "read" }).GetTokenAsync(CancellationToken.None);
        seen.ShouldBe("read write");
        var unscoped = await provider.GetTokenAsync(CancellationToken.None);

        narrow.Value.ShouldBe("token-1-read");
        wide.Value.ShouldBe("token-2-read write");
        unscoped.Value.ShouldBe("token-3-");
        (await provider.ForScopes(new[] { "read" }).GetTokenAsync(CancellationToken.None)).ShouldBeSameAs(narrow);
        source.Calls.ShouldBe(3);
    }

    [Fact]
    public void RequirementScopesAreCanonicalAndPerScheme()
    {
        var requirement = new SecurityRequirement("oauth", "apiKey").WithScopes("oauth", "b", "a", "b");

        requirement.GetScopes("oauth").ShouldBe(new[] { "a", "b" });
        requirement.GetScopes("apiKey").ShouldBeEmpty();
        requirement.ToString().ShouldBe("[oauth (a b), apiKey]");
        Should.Throw<ArgumentException>(() => requirement.WithScopes("other", "x"));
    }
}
