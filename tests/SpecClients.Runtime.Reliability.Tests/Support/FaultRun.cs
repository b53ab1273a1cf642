using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Http;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Runtime.Reliability.Tests.Support;

/// <summary>
/// One fault-injection test: a fault server and clients, a call that must end in a defined way within a time limit
/// and leak no secret, and a recovery check (heal the server; the next call succeeds, so nothing bad was cached).
/// </summary>
internal sealed class FaultRun : IAsyncDisposable
{
    private FaultRun(FaultServer server, Clients clients)
    {
        Server = server;
        Clients = clients;
    }

    public FaultServer Server { get; }

    public Clients Clients { get; }

    /// <summary>What the test injected, for the figures.</summary>
    public string FaultName { get; set; } = "?";

    public static async Task<FaultRun> StartAsync(TimeSpan? httpTimeout = null, Action<TokenProviderOptions>? tokens = null, long maxResponseBytes = 1024 * 1024, string kitegatewaySecretKey = Secrets.KitegatewaySecretKey, TimeSpan? failureBackoff = null)
    {
        var server = await FaultServer.StartAsync();
        return new FaultRun(server, new Clients(server, httpTimeout, tokens, maxResponseBytes, kitegatewaySecretKey, failureBackoff));
    }

    public FaultRun Once(Endpoint endpoint, Fault fault)
    {
        FaultName = endpoint + ": " + fault.Name + " (once)";
        Server.Once(endpoint, fault);
        return this;
    }

    public FaultRun Always(Endpoint endpoint, Fault fault)
    {
        FaultName = endpoint + ": " + fault.Name + " (always)";
        Server.Always(endpoint, fault);
        return this;
    }

    public Task KitegatewayCall() => Clients.Kitegateway.SendTransactionCallbackAsync("KG-REF-1");

    public Task TorusCall() => Clients.Torus.GetFundsAsync(new FaultProviders.Torus.FundsRequest { Source = "N" });

    /// <summary>Runs <paramref name="call"/>, which must throw <typeparamref name="TException"/> (or a subclass) within <paramref name="limit"/>.</summary>
    public async Task<TException> FailsAsync<TException>(Func<Task> call, TimeSpan? limit = null, [CallerMemberName] string test = "")
        where TException : Exception
    {
        var (exception, elapsed) = await ObserveAsync(call, limit ?? TimeSpan.FromSeconds(10));
        exception.ShouldNotBeNull($"{FaultName}: the call succeeded; expected {typeof(TException).Name}");
        var typed = exception.ShouldBeAssignableTo<TException>($"{FaultName}: expected {typeof(TException).Name}, got {exception}")!;
        AssertNoSecret(exception.ToString(), "the exception");
        exception.Message.ShouldNotBeNullOrWhiteSpace();
        RuntimeFigures.RecordFault(test, FaultName, Describe(exception), elapsed);
        return typed;
    }

    /// <summary>
    /// Runs <paramref name="call"/>, which must fail to obtain its token: a <see cref="TokenAcquisitionException"/> naming
    /// the scheme, whose cause (its inner exception, or itself) is a <typeparamref name="TCause"/>; returns the cause.
    /// </summary>
    public async Task<TCause> TokenFailsAsync<TCause>(Func<Task> call, TimeSpan? limit = null, [CallerMemberName] string test = "")
        where TCause : Exception
    {
        var failure = await FailsAsync<TokenAcquisitionException>(call, limit, test);
        failure.SchemeName.ShouldNotBeNullOrEmpty();
        return failure.InnerException as TCause
            ?? failure as TCause
            ?? throw new Xunit.Sdk.XunitException($"{FaultName}: expected a token failure caused by {typeof(TCause).Name}, got {failure}");
    }

    /// <summary>Runs <paramref name="call"/>, which must succeed within <paramref name="limit"/> despite the fault.</summary>
    public async Task SucceedsAsync(Func<Task> call, TimeSpan? limit = null, [CallerMemberName] string test = "")
    {
        var (exception, elapsed) = await ObserveAsync(call, limit ?? TimeSpan.FromSeconds(10));
        exception.ShouldBeNull($"{FaultName}: expected success");
        RuntimeFigures.RecordFault(test, FaultName, "succeeded", elapsed);
    }

    /// <summary>Heals the server; the next call of <paramref name="call"/> succeeds, and no log so far holds a secret.</summary>
    public async Task RecoversAsync(Func<Task> call)
    {
        Server.Heal();
        var (exception, _) = await ObserveAsync(call, TimeSpan.FromSeconds(10));
        exception.ShouldBeNull($"after {FaultName} healed, the next call failed: the token cache or the client kept something bad");
        AssertNoSecret(Clients.Logs.AllText(), "the logs");
    }

    private static async Task<(Exception? Exception, TimeSpan Elapsed)> ObserveAsync(Func<Task> call, TimeSpan limit)
    {
        var stopwatch = Stopwatch.StartNew();
        var task = call();
        var finished = await Task.WhenAny(task, Task.Delay(limit));
        Assert.True(finished == task, $"the call did not finish within {limit.TotalSeconds} s");
        try
        {
            await task;
            return (null, stopwatch.Elapsed);
        }
        catch (Exception ex)
        {
            return (ex, stopwatch.Elapsed);
        }
    }

    private static void AssertNoSecret(string text, string where)
    {
        foreach (var secret in new[] { Secrets.Marker, Secrets.KitegatewaySecretKey, Secrets.KitegatewayApiKey, Secrets.TorusRequestToken, Secrets.TorusApiKey, Secrets.TorusApiSecret })
        {
            text.ShouldNotContain(secret, Case.Sensitive, $"a secret leaked into {where}:\n{text}");
        }
    }

    private static string Describe(Exception exception)
    {
        var text = exception.GetType().Name;
        if (exception is ApiException api)
        {
            text += " " + api.StatusCode + (api.RetryAfter is { } wait ? $" (Retry-After {wait.TotalSeconds:F0} s)" : string.Empty);
        }

        if (exception.InnerException is { } inner)
        {
            text += " <- " + inner.GetType().Name;
        }

        var message = exception.Message.Replace('\n', ' ');
        return text + ": " + (message.Length > 140 ? message.Substring(0, 140) + "…" : message);
    }

    public async ValueTask DisposeAsync()
    {
        Clients.Dispose();
        await Server.DisposeAsync();
    }
}
