using SpecClients.Testing;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using Shouldly;
using SpecClients.Generator.Input;
using SpecClients.Generator.Model;
using SpecClients.Generator.Parsing;
using Xunit;

namespace SpecClients.Generator.Tests;

/// <summary>The pipeline model is value-equal and holds no compiler or reader objects, or caching breaks.</summary>
public sealed class ModelTests
{
    private static ApiSpec Parse(string file)
    {
        var input = new SpecInput("/project/specs/" + file, Path.GetFileNameWithoutExtension(file), File.ReadAllText(RepositoryPaths.Spec(file)), "Test." + file.Replace("-", "").Replace(".yaml", ""), "Client", true);
        return SpecParser.Parse(input, "1.0.0", CancellationToken.None).Value!;
    }

    [Fact]
    public void ParsingTheSameSpecTwiceGivesEqualModelsAndHashCodes()
    {
        var first = Parse("kitegateway.yaml");
        var second = Parse("kitegateway.yaml");

        ReferenceEquals(first, second).ShouldBeFalse();
        second.ShouldBe(first);
        second.GetHashCode().ShouldBe(first.GetHashCode());
    }

    [Fact]
    public void CommentsDoNotChangeTheModel()
    {
        var text = File.ReadAllText(RepositoryPaths.Spec("kitegateway.yaml"));
        var a = SpecParser.Parse(new SpecInput("/p/specs/k.yaml", "k", text, "N", "C", true), "1", CancellationToken.None).Value!;
        var b = SpecParser.Parse(new SpecInput("/p/specs/k.yaml", "k", "# c\n" + text.Replace("\ninfo:", "\n# about the API\ninfo:"), "N", "C", true), "1", CancellationToken.None).Value!;

        b.Context.ShouldBe(a.Context);
        b.Types.ShouldBe(a.Types);
        b.Client!.Operations.ShouldBe(a.Client!.Operations);
        b.Client.SecuritySchemes.ShouldBe(a.Client.SecuritySchemes);
        b.Client.ShouldBe(a.Client);
        b.ShouldBe(a);
    }

    [Fact]
    public void TokenFactsLiveOnceWithTheNamesTheOptionsUse()
    {
        var client = Parse("kitegateway.yaml").Client!;

        client.AuthName.ShouldBe("ClientAuth");
        client.ServiceCollectionExtensionsName.ShouldBe("ClientServiceCollectionExtensions");
        var scheme = client.SecuritySchemes.Single(s => s.Name == "kitegatewayToken");
        scheme.IssuedByOperation.ShouldBeTrue();
        var source = client.TokenSources.ShouldHaveSingleItem().ShouldBeOfType<OperationTokenSourceSpec>();
        source.SchemeName.ShouldBe(scheme.Name);
        source.OperationId.ShouldBe("createAccessToken");
        source.RequestOptionName.ShouldBe("KitegatewayTokenRequest");
        source.RequestMethodName.ShouldBe("RequestKitegatewayTokenAsync");
        source.Token.Path.ShouldBe(new[] { "Data", "Token" });
        source.DefaultLifetimeSeconds.ShouldBe(900);
        source.Send.ShouldBe(new TokenAttachSpec(TokenAttachKind.Header, "Authorization", "JWT ", PrefixUnlessPresent: true));
        client.SecuritySchemes.Single(s => s.Name == "secretKey").Options.Value.ShouldBe("SecretKey");
    }

    [Fact]
    public void OAuth2FlowsBecomeFlowTokenSourcesNamingTheirOptions()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "SpecClients.Client.Tests", "TestSpecs", "security-schemes.yaml"));
        var client = SpecParser.Parse(new SpecInput("/p/specs/s.yaml", "s", text, "N", "SchemesClient", true), "1", CancellationToken.None).Value!.Client!;

        var password = client.TokenSources.OfType<OAuth2FlowTokenSourceSpec>().Single(s => s.SchemeName == "passwordFlow");
        password.Flow.ShouldBe(OAuthFlowKind.Password);
        password.TokenUrl.ShouldBe("/oauth2/password-token");
        password.RefreshUrl.ShouldBe("/oauth2/refresh");
        password.Options.ShouldBe(new OAuth2OptionNames(
            "PasswordFlowClientId",
            "PasswordFlowClientSecret",
            "PasswordFlowScope",
            "PasswordFlowUsername",
            "PasswordFlowPassword",
            "PasswordFlowTokenUrl",
            "PasswordFlowRefreshUrl",
            "PasswordFlowClientAuthentication"));
        var credentials = client.TokenSources.OfType<OAuth2FlowTokenSourceSpec>().Single(s => s.SchemeName == "clientCredentials");
        credentials.Options.Username.ShouldBeNull();
        credentials.Scopes.ShouldBe(new[] { "admin", "read", "reports:read" });
        client.SecuritySchemes.Single(s => s.Name == "basic").Options.ShouldBe(new SchemeOptionNames(null, "BasicUsername", "BasicPassword", null));
        client.SecuritySchemes.Single(s => s.Name == "staticBearer").Options.Token.ShouldBe("StaticBearerToken");
    }

    [Fact]
    public void SecurityRequirementsCarryTheScopesTheyListPerScheme()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "SpecClients.Client.Tests", "TestSpecs", "security-schemes.yaml"));
        var client = SpecParser.Parse(new SpecInput("/p/specs/s.yaml", "s", text, "N", "SchemesClient", true), "1", CancellationToken.None).Value!.Client!;

        var machine = client.Operations.Single(o => o.OperationId == "getAsMachine").Security.ShouldHaveSingleItem();
        machine.Scopes.ShouldBe(new[] { new SchemeScopesSpec("clientCredentials", new[] { "read" }.ToEquatableArray()) });
        var reports = client.Operations.Single(o => o.OperationId == "getReports").Security;
        reports.Select(a => a.Scopes.Single().Scopes).ShouldBe(new[]
        {
            new[] { "read", "reports:read" }.ToEquatableArray(),
            new[] { "admin" }.ToEquatableArray(),
        });
        client.Operations.Single(o => o.OperationId == "getAsUser").Security.Single().Scopes.ShouldBeEmpty();
    }

    [Fact]
    public void DifferentSpecsGiveDifferentModels()
    {
        Parse("kitegateway.yaml").ShouldNotBe(Parse("torus.yaml"));
    }

    [Fact]
    public void ModelHoldsNoCompilerOrReaderObjects()
    {
        var forbidden = new[] { "Microsoft.CodeAnalysis.", "Microsoft.OpenApi", "YamlDotNet", "System.Text.Json.Nodes" };
        var allowed = new HashSet<Type> { typeof(string), typeof(int), typeof(int?), typeof(bool) };
        var modelTypes = typeof(ApiSpec).Assembly.GetTypes()
            .Where(t => t.Namespace == "SpecClients.Generator.Model" && !t.Name.StartsWith("<", StringComparison.Ordinal) && !t.IsEnum && t != typeof(EquatableArray))
            .ToList();
        modelTypes.Count.ShouldBeGreaterThan(10);

        foreach (var type in modelTypes)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var propertyType = property.PropertyType;
                forbidden.ShouldNotContain(f => (propertyType.FullName ?? propertyType.Name).StartsWith(f, StringComparison.Ordinal), $"{type.Name}.{property.Name}");
                var ok = allowed.Contains(propertyType) || propertyType.IsEnum || (Nullable.GetUnderlyingType(propertyType)?.IsEnum ?? false) || propertyType.Namespace == "SpecClients.Generator.Model"
                    || (propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(EquatableArray<>))
                    || (propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(System.Collections.Immutable.ImmutableArray<>))
                    || propertyType == typeof(Type);
                ok.ShouldBeTrue($"{type.Name}.{property.Name} is {propertyType}: model members must be strings, numbers, enums, model records or EquatableArray");
            }
        }
    }
}
