using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using SpecClients.Client.Tests.Support;
using SpecClients.Testing;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Http;
using Xunit;

namespace SpecClients.Client.Tests;

/// <summary>
/// Issue 17: every security scheme kind and credential placement × every redirect status × same origin, another port,
/// another host — against real Kestrel servers. The first origin (127.0.0.1:A) redirects one request; the second origin
/// records whatever reaches it. Clients are built the way users build them: <c>new XClient(new HttpClient(), options)</c>
/// (whose default handler follows redirects), and with <c>services.AddXClient()</c>.
/// </summary>
public sealed class RedirectMatrixTests
{
    /// <summary>Where the redirect points.</summary>
    public enum Target
    {
        /// <summary>The first origin, another path.</summary>
        SameOrigin,

        /// <summary>127.0.0.1, another port (a second server).</summary>
        OtherPort,

        /// <summary><c>localhost</c> instead of 127.0.0.1, same port: same server, another origin.</summary>
        OtherHost,
    }

    private static readonly int[] Statuses = [301, 302, 303, 307, 308];

    public static TheoryData<int> RedirectStatuses => new(Statuses);

    public static TheoryData<string, int, Target> Matrix() => Cells(RedirectCases.All.Keys);

    public static TheoryData<string, int, Target> DependencyInjectionMatrix() => Cells(RedirectCases.WithDependencyInjection.Keys);

    [Theory]
    [MemberData(nameof(Matrix))]
    public Task CredentialsStayOnTheirOriginWithAUserSuppliedHttpClient(string scheme, int status, Target target) =>
        RunAsync(RedirectCases.All[scheme], status, target, static (redirectCase, baseAddress) => redirectCase.CallWithHttpClient(baseAddress));

    [Theory]
    [MemberData(nameof(DependencyInjectionMatrix))]
    public Task CredentialsStayOnTheirOriginWithDependencyInjection(string scheme, int status, Target target) =>
        RunAsync(RedirectCases.WithDependencyInjection[scheme], status, target, static (redirectCase, baseAddress) => redirectCase.CallWithDependencyInjection!(baseAddress));

    [Theory]
    [MemberData(nameof(RedirectStatuses))]
    public async Task HttpsToHttpIsRefusedAgainstALoopbackTlsServer(int status)
    {
        using var certificate = LoopbackCertificate();
        await using var first = await RecordingServer.StartAsync(certificate);
        await using var second = await RecordingServer.StartAsync();
        first.Uri.Scheme.ShouldBe(Uri.UriSchemeHttps);
        var location = new Uri(second.Uri, "elsewhere");
        first.RedirectAt("/v1/inherited", status, location);

        // A handler that trusts this one certificate and, as every default handler, would follow redirects.
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString() };
        using var http = new HttpClient(handler);
        var options = new Providers.SecuritySchemes.SecuritySchemesClientOptions { BaseAddress = new Uri(first.Uri, "v1/"), HeaderKey = "hk-tls-secret" };
        var client = new Providers.SecuritySchemes.SecuritySchemesClient(http, options);

        var refused = await Wire.ThrowsAsync<RedirectRefusedException>(() => client.GetInheritedAsync());

        first.SingleRequest.Header("X-Api-Key").ShouldBe("hk-tls-secret");
        second.Requests.ShouldBeEmpty();
        refused.From.Scheme.ShouldBe(Uri.UriSchemeHttps);
        refused.To.ShouldBe(new Uri(second.Uri.GetLeftPart(UriPartial.Authority) + "/"));
        refused.ToString().ShouldNotContain("hk-tls-secret");
    }

    private static TheoryData<string, int, Target> Cells(IEnumerable<string> schemes)
    {
        var data = new TheoryData<string, int, Target>();
        foreach (var scheme in schemes)
        {
            foreach (var status in Statuses)
            {
                foreach (var target in Enum.GetValues<Target>())
                {
                    data.Add(scheme, status, target);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RedirectStatuses))]
    public async Task OperationWithoutSecurityIsNotRedirectedToAnotherOriginEither(int status)
    {
        // Nothing tells the runtime that a parameter or body of an operation without security is not a secret.
        await using var first = await RecordingServer.StartAsync();
        await using var second = await RecordingServer.StartAsync();
        first.RedirectAt("/v1/public", status, new Uri(second.Uri, "elsewhere"));
        using var http = new HttpClient();
        var client = new Providers.SecuritySchemes.SecuritySchemesClient(http, new Providers.SecuritySchemes.SecuritySchemesClientOptions { BaseAddress = new Uri(first.Uri, "v1/") });

        var refused = await Wire.ThrowsAsync<RedirectRefusedException>(() => client.GetPublicAsync());

        refused.OperationId.ShouldBe("getPublic");
        second.Requests.ShouldBeEmpty();
    }

    // A self-signed certificate for 127.0.0.1, made in memory: no file, no store, no trust change on the machine.
    private static X509Certificate2 LoopbackCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    private static async Task RunAsync(RedirectCase redirectCase, int status, Target target, Func<RedirectCase, Uri, Task> call)
    {
        await using var first = await RecordingServer.StartAsync();
        await using var second = await RecordingServer.StartAsync();
        foreach (var (path, json) in redirectCase.Answers)
        {
            first.RespondJsonAt(path, 200, json);
        }

        var landingPath = target == Target.SameOrigin ? "/landing" : "/elsewhere";
        var landingServer = target == Target.OtherPort ? second : first;
        var landingBase = target switch
        {
            Target.OtherPort => second.Uri,
            Target.OtherHost => new Uri("http://localhost:" + first.Uri.Port + "/"),
            _ => first.Uri,
        };
        var location = new Uri(landingBase, landingPath.TrimStart('/'));
        first.RedirectAt(redirectCase.RedirectedPath, status, location);
        landingServer.RespondJsonAt(landingPath, 200, redirectCase.Answers[redirectCase.RedirectedPath]);

        var error = await Record.ExceptionAsync(() => call(redirectCase, first.Uri));

        var redirected = first.Requests.Single(r => r.Path == redirectCase.RedirectedPath);
        if (target == Target.SameOrigin)
        {
            error.ShouldBeNull($"{redirectCase.Name}: a same-origin {status} is followed");
            var landed = first.Requests.Single(r => r.Path == landingPath);
            ShouldCarry(landed, redirectCase.Secrets[0]);
            var becomesGet = status == 303 || (status is 301 or 302 && redirected.Method == "POST");
            landed.Method.ShouldBe(becomesGet ? "GET" : redirected.Method);
            landed.Body.ShouldBe(becomesGet ? Array.Empty<byte>() : redirected.Body, $"{status} {(becomesGet ? "drops" : "keeps")} the body");
            return;
        }

        // Nothing at all reaches the other origin: no credential, no token request, no call.
        second.Requests.ShouldBeEmpty();
        first.Requests.ShouldNotContain(r => r.Path == landingPath);
        first.Requests.ShouldNotContain(r => (r.Header("Host") ?? string.Empty).StartsWith("localhost", StringComparison.OrdinalIgnoreCase));
        var refused = Find<RedirectRefusedException>(error);
        refused.ShouldNotBeNull($"{redirectCase.Name}: expected RedirectRefusedException, got {error}");
        refused.StatusCode.ShouldBe(status);
        refused.FollowedByHandler.ShouldBeFalse();
        refused.From.ShouldBe(new Uri(first.Uri.GetLeftPart(UriPartial.Authority) + "/"));
        refused.To.ShouldBe(new Uri(landingBase.GetLeftPart(UriPartial.Authority) + "/"));
        refused.Message.ShouldContain(first.Uri.Authority);
        refused.Message.ShouldContain(landingBase.Authority);
        foreach (var secret in redirectCase.Secrets)
        {
            error!.ToString().ShouldNotContain(secret);
        }
    }

    private static void ShouldCarry(RecordedRequest request, string secret)
    {
        var wire = string.Join("\n", request.Headers.Select(h => h.Key + ": " + h.Value)) + "\n" + request.Query + "\n" + request.BodyText;
        wire.ShouldContain(secret, Case.Sensitive, "the credential is applied again for the same origin");
    }

    private static T? Find<T>(Exception? error)
        where T : Exception
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}
