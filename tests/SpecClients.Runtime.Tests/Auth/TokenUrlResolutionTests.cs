using System;
using Shouldly;
using SpecClients.Runtime.Auth.Generated;
using Xunit;

namespace SpecClients.Runtime.Tests.Auth;

/// <summary>OpenAPI resolves relative URLs against the server URL as RFC 3986 relative references.</summary>
public sealed class TokenUrlResolutionTests
{
    [Theory]
    [InlineData("https://api.example/v2", "/oauth/token", "https://api.example/oauth/token")]
    [InlineData("https://api.example/v2/", "/oauth/token", "https://api.example/oauth/token")]
    [InlineData("https://api.example/v2/", "oauth/token", "https://api.example/v2/oauth/token")]
    [InlineData("https://api.example/v2", "oauth/token", "https://api.example/oauth/token")]
    [InlineData("https://api.example/v2/", "../oauth/token", "https://api.example/oauth/token")]
    [InlineData("https://api.example/v2", "//auth.example/token", "https://auth.example/token")]
    public void RelativeTokenUrlResolvesAsRfc3986ReferenceAgainstServer(string server, string tokenUrl, string expected)
    {
        OAuth2TokenClient.ResolveTokenUrl(tokenUrl, () => new Uri(server)).AbsoluteUri.ShouldBe(expected);
    }

    [Fact]
    public void AbsoluteTokenUrlIsUsedAsIsWithoutReadingServer()
    {
        OAuth2TokenClient.ResolveTokenUrl("https://auth.example/token", () => throw new InvalidOperationException("not needed"))
            .AbsoluteUri.ShouldBe("https://auth.example/token");
    }
}
