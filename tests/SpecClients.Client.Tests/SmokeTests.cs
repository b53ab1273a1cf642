using Shouldly;
using Xunit;

namespace SpecClients.Client.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void GeneratedClientsExistForEverySpec()
    {
        typeof(Providers.Fincart.FincartClient).ShouldNotBeNull();
        typeof(Providers.Kitegateway.KitegatewayClient).ShouldNotBeNull();
        typeof(Providers.Fincode.FincodeClient).ShouldNotBeNull();
        typeof(Providers.FaspaySendme.FaspaySendmeClient).ShouldNotBeNull();
        typeof(Providers.Torus.TorusClient).ShouldNotBeNull();
    }
}
