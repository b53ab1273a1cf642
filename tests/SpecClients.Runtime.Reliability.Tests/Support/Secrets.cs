namespace SpecClients.Runtime.Reliability.Tests.Support;

/// <summary>
/// Every credential the tests use, and every token the fault server issues, contains <see cref="Marker"/>, so one
/// search of an exception or a log proves that no secret leaked into it.
/// </summary>
internal static class Secrets
{
    public const string Marker = "SECRET";

    public const string KitegatewaySecretKey = "sk-live-SECRET-kitegateway-7f3a9c";
    public const string KitegatewayApiKey = "ak-SECRET-kitegateway-9d2e41";
    public const string TorusRequestToken = "rt-SECRET-torus-55aa01";
    public const string TorusApiKey = "tk-SECRET-torus-key-0c7d";
    public const string TorusApiSecret = "ts-SECRET-torus-secret-e19b";
}
