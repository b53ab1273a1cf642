using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Shouldly;
using SpecClients.Runtime.StackExchangeRedis.Tests.Support;
using SpecClients.Testing;
using Xunit;
using Xunit.Abstractions;

namespace SpecClients.Runtime.StackExchangeRedis.Tests;

/// <summary>
/// Separate OS processes (SpecClients.TokenCoordination.Worker) with the same credentials, sharing a token cache and
/// Redis token coordination, against a loopback token endpoint that counts what arrives (docs/reliability.md quotes these).
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class CrossProcessTokenTests(RedisFixture redis, ITestOutputHelper output)
{
    private const int Processes = 4;
    private const int Lifetimes = 3;
    private const int LifetimeSeconds = 2;

    [Fact]
    public async Task ProcessesMissingTheCacheTogetherMakeExactlyOneTokenRequestPerLifetime()
    {
        await redis.Server.CommandAsync("FLUSHALL");
        var requests = new ConcurrentQueue<string>();
        await using var tokenEndpoint = await LoopbackServer.StartAsync(context => IssueAsync(context, requests));

        var workers = Enumerable.Range(0, Processes)
            .Select(_ => WorkerProcess.Start(redis.Server.Configuration, tokenEndpoint.Uri, Lifetimes, TimeSpan.FromSeconds(10)))
            .ToList();
        try
        {
            await Task.WhenAll(workers.Select(w => w.WaitUntilReadyAsync()));
            workers.ForEach(w => w.Go());
            var exitCodes = await Task.WhenAll(workers.Select(w => w.WaitForExitAsync()));

            foreach (var worker in workers)
            {
                output.WriteLine($"worker {worker.Id}: {worker.Output}");
            }

            exitCodes.ShouldAllBe(code => code == 0);
            output.WriteLine($"{Processes} processes, {Lifetimes} token lifetimes of {LifetimeSeconds} s: {requests.Count} token requests");
            requests.Count.ShouldBe(Lifetimes, "one token request per lifetime among all the processes");

            // Each process saw the same tokens in the same order: the ones the endpoint issued.
            var issued = Enumerable.Range(1, Lifetimes).Select(n => "token-" + n).ToArray();
            workers.ShouldAllBe(w => w.Tokens.SequenceEqual(issued));
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task WhenTheLeaseHolderDiesMidRequestAnotherProcessRequestsOnceItsLeaseExpires()
    {
        await redis.Server.CommandAsync("FLUSHALL");
        var requests = new ConcurrentQueue<string>();
        var firstArrived = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var tokenEndpoint = await LoopbackServer.StartAsync(async context =>
        {
            var worker = context.Request.Headers["X-Worker"].ToString();
            if (requests.IsEmpty && firstArrived.TrySetResult(worker))
            {
                // The first request never gets an answer: its process is killed while waiting for it.
                requests.Enqueue(worker);
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            await IssueAsync(context, requests);
        });

        var workers = Enumerable.Range(0, 3)
            .Select(_ => WorkerProcess.Start(redis.Server.Configuration, tokenEndpoint.Uri, 1, TimeSpan.FromSeconds(2)))
            .ToList();
        try
        {
            await Task.WhenAll(workers.Select(w => w.WaitUntilReadyAsync()));
            workers.ForEach(w => w.Go());
            var holderId = await firstArrived.Task.WaitAsync(TimeSpan.FromMinutes(2));
            var holder = workers.Single(w => w.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == holderId);
            holder.Kill();

            var survivors = workers.Where(w => w != holder).ToList();
            var exitCodes = await Task.WhenAll(survivors.Select(w => w.WaitForExitAsync()));
            foreach (var worker in survivors)
            {
                output.WriteLine($"worker {worker.Id}: {worker.Output}");
            }

            // Every survivor got a token (none waited past the lease into its TokenRequestTimeout), from one new request
            // made by a survivor after the dead holder's lease expired.
            exitCodes.ShouldAllBe(code => code == 0);
            requests.Count.ShouldBe(2);
            var takeOver = requests.Last();
            takeOver.ShouldNotBe(holderId);
            survivors.Select(w => w.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ShouldContain(takeOver);
            survivors.ShouldAllBe(w => w.Tokens.SequenceEqual(new[] { "token-2" }));
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }

    private static async Task IssueAsync(HttpContext context, ConcurrentQueue<string> requests)
    {
        string value;
        lock (requests)
        {
            requests.Enqueue(context.Request.Headers["X-Worker"].ToString());
            value = "token-" + requests.Count;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"access_token":"{{value}}","token_type":"Bearer","expires_in":{{LifetimeSeconds}}}""");
    }
}
