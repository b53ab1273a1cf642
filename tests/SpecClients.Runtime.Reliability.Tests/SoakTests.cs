using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SpecClients.Runtime.Reliability.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace SpecClients.Runtime.Reliability.Tests;

/// <summary>
/// Many concurrent callers across many token lifetimes: the token endpoint is called once per lifetime (never twice
/// for one refresh), no request ever reaches the server with an expired or unknown token (the server checks each), and
/// no call fails. <c>SPECCLIENTS_SOAK_SECONDS</c> (default 15) and <c>SPECCLIENTS_SOAK_CALLERS</c> (default 50) size it.
/// </summary>
public sealed class SoakTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(1);

    // Scheduling on a busy two-core machine: how far an interval between two token requests may stray.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(400);

    private readonly ITestOutputHelper _output;

    public SoakTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task ConcurrentCallersAcrossManyTokenLifetimesNeverUseAnExpiredTokenAndNeverFail()
    {
        var duration = TimeSpan.FromSeconds(EnvironmentInt("SPECCLIENTS_SOAK_SECONDS", 15));
        var callers = EnvironmentInt("SPECCLIENTS_SOAK_CALLERS", 50);
        await using var server = await FaultServer.StartAsync();
        server.KitegatewayLifetime = Lifetime;
        server.TorusLifetime = Lifetime;
        using var clients = new Clients(server, tokens: t =>
        {
            t.RefreshMargin = RefreshMargin;
            t.DefaultLifetime = Lifetime; // Torus's responses carry no expiry
        });

        var kitegatewayCalls = 0;
        var torusCalls = 0;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var stopwatch = Stopwatch.StartNew();
        var deadline = stopwatch.Elapsed + duration;
        var tasks = Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var random = new Random(caller);
            while (stopwatch.Elapsed < deadline)
            {
                try
                {
                    if (caller % 2 == 0)
                    {
                        await clients.Kitegateway.SendTransactionCallbackAsync("KG-SOAK-" + caller);
                        Interlocked.Increment(ref kitegatewayCalls);
                    }
                    else
                    {
                        await clients.Torus.GetFundsAsync(new FaultProviders.Torus.FundsRequest { Source = "N" });
                        Interlocked.Increment(ref torusCalls);
                    }
                }
                catch (Exception ex)
                {
                    failures.Enqueue($"caller {caller} at {stopwatch.Elapsed.TotalSeconds:F2} s: {ex.GetType().Name}: {ex.Message}");
                }

                await Task.Delay(random.Next(10, 30)); // steady load without saturating two shared cores
            }
        })).ToArray();
        await Task.WhenAll(tasks).WaitAsync(duration + TimeSpan.FromSeconds(60));
        var elapsed = stopwatch.Elapsed;

        var kitegateway = server.IssueTimes("JWT kg-");
        var torus = server.IssueTimes("torus-");
        var report = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Soak: {callers} callers for {elapsed.TotalSeconds:F1} s, token lifetime {Lifetime.TotalSeconds} s (Kitegateway: rounded up to the second by the server), refresh margin {RefreshMargin.TotalSeconds} s\n")
            .Append(CultureInfo.InvariantCulture, $"  calls: Kitegateway GET {kitegatewayCalls}, Torus POST {torusCalls} ({(kitegatewayCalls + torusCalls) / elapsed.TotalSeconds:F0} per second), failed {failures.Count}\n")
            .Append(CultureInfo.InvariantCulture, $"  token requests: Kitegateway {kitegateway.Length} (intervals {Intervals(kitegateway)}), Torus {torus.Length} (intervals {Intervals(torus)})\n")
            .Append(CultureInfo.InvariantCulture, $"  requests that reached the server with an expired token: {server.ExpiredTokensSeen}, with an unknown token: {server.UnknownTokensSeen}\n");
        foreach (var failure in failures.Take(10))
        {
            report.Append("  failure: ").Append(failure).Append('\n');
        }

        _output.WriteLine(report.ToString());
        RuntimeFigures.Write("soak-figures.txt", report.ToString());

        Assert.True(failures.IsEmpty, report.ToString());
        Assert.Equal(0, server.ExpiredTokensSeen);
        Assert.Equal(0, server.UnknownTokensSeen);
        Assert.True(kitegatewayCalls > 0 && torusCalls > 0, report.ToString());

        // Kitegateway's token lives 3 to 4 s (the server rounds its expiry up to the second) and is replaced 1 s before
        // it expires; Torus's lives 3 s by the client's DefaultLifetime and is replaced after 2 s. So consecutive token
        // requests are between (lifetime - margin) and the longest lifetime apart: never closer (that would be a
        // duplicate request for one refresh), never further (a caller would have had no valid token).
        AssertOncePerLifetime("Kitegateway", kitegateway, Lifetime - RefreshMargin, Lifetime + TimeSpan.FromSeconds(1), elapsed, report.ToString());
        AssertOncePerLifetime("Torus", torus, Lifetime - RefreshMargin, Lifetime, elapsed, report.ToString());
    }

    private static void AssertOncePerLifetime(string name, DateTimeOffset[] issued, TimeSpan shortest, TimeSpan longest, TimeSpan elapsed, string report)
    {
        Assert.True(issued.Length >= 2, name + ": expected several token lifetimes\n" + report);
        for (var i = 1; i < issued.Length; i++)
        {
            var interval = issued[i] - issued[i - 1];
            Assert.True(interval >= shortest - Slack, $"{name}: two token requests {interval.TotalMilliseconds:F0} ms apart (a duplicate refresh)\n{report}");
            Assert.True(interval <= longest + Slack, $"{name}: {interval.TotalMilliseconds:F0} ms without a new token, longer than a token lives\n{report}");
        }

        var most = (int)Math.Ceiling(elapsed / (shortest - Slack)) + 1;
        var least = (int)Math.Floor(elapsed / (longest + Slack));
        Assert.InRange(issued.Length, least, most);
    }

    private static string Intervals(DateTimeOffset[] issued) =>
        issued.Length < 2
            ? "n/a"
            : string.Create(CultureInfo.InvariantCulture, $"{issued.Zip(issued.Skip(1), (a, b) => (b - a).TotalSeconds).Min():F2}-{issued.Zip(issued.Skip(1), (a, b) => (b - a).TotalSeconds).Max():F2} s");

    private static int EnvironmentInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
