using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Tests.Support;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Runtime.Tests.Auth;

public sealed class LoggingTests
{
    private readonly FakeTimeProvider _clock = TestClock.Create();
    private readonly FakeLogCollector _logs = new();

    [Fact]
    public async Task TokenLifecycleLogsItsDocumentedEventIds()
    {
        var provider = Providers.Create(new TestTokenSource((c, n, _) => new(c.CreateToken("token-" + n, c.Clock.GetUtcNow().AddHours(1), "rt"))),
            _clock, logger: new FakeLogger(_logs));

        var token = await provider.GetTokenAsync(CancellationToken.None);
        await provider.GetTokenAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(59.5));
        token = await provider.GetTokenAsync(CancellationToken.None);
        await provider.InvalidateAsync(token, CancellationToken.None);

        _logs.GetSnapshot().Select(e => e.Id.Name).ShouldBe(new[]
        {
            nameof(EventIds.TokenRequested), nameof(EventIds.TokenAcquired), nameof(EventIds.TokenCacheHit),
            nameof(EventIds.TokenRequested), nameof(EventIds.TokenRefreshed), nameof(EventIds.TokenAcquired),
            nameof(EventIds.TokenInvalidated),
        });
    }

    [Fact]
    public async Task FailedRequestIsLoggedAsAnErrorWithItsException()
    {
        var provider = Providers.Create(new TestTokenSource((_, _, _) => throw new InvalidOperationException("boom")), _clock, logger: new FakeLogger(_logs));

        var error = await Should.ThrowAsync<TokenAcquisitionException>(async () => await provider.GetTokenAsync(CancellationToken.None));

        error.InnerException.ShouldBeOfType<InvalidOperationException>();
        var failure = _logs.WithEvent(EventIds.TokenRequestFailed).Single();
        failure.Level.ShouldBe(LogLevel.Error);
        failure.Exception.ShouldNotBeNull().ToString().ShouldContain("boom");
    }

    [Fact]
    public async Task LogsNameTheCacheKeyByItsFirstCharactersOnly()
    {
        var key = TokenCacheKey.Create("Client", "oauth", "id");
        var provider = Providers.Create(new TestTokenSource(), _clock, logger: new FakeLogger(_logs), key: key);

        await provider.GetTokenAsync(CancellationToken.None);

        _logs.GetSnapshot().ShouldAllBe(e => e.Message.Contains(key.Substring(0, 8) + "\u2026") && !e.AllText().Contains(key.Substring(0, 9)));
    }
}
