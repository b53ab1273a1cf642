using System;
using System.Collections.Generic;

namespace SpecClients.Generator.Naming;

/// <summary>
/// The names of the classes generated around a client, decided from the client's name alone; schema types must not
/// take them, so the type scope reserves <see cref="All"/> before any schema is named.
/// </summary>
/// <param name="Client">The client class, e.g. <c>KitegatewayClient</c>.</param>
/// <param name="Options">Its options class: <c>KitegatewayClientOptions</c>.</param>
/// <param name="ServerEnum">The enum of its servers: <c>KitegatewayServer</c> (a trailing <c>Client</c> dropped).</param>
/// <param name="Auth">The class of its token providers and authenticators: <c>KitegatewayClientAuth</c>.</param>
/// <param name="ServiceCollectionExtensions">The class of <c>services.AddKitegatewayClient()</c>.</param>
internal sealed record ClientNames(string Client, string Options, string ServerEnum, string Auth, string ServiceCollectionExtensions)
{
    public static ClientNames For(string client)
    {
        var stem = client.EndsWith("Client", StringComparison.Ordinal) ? client.Substring(0, client.Length - "Client".Length) : client;
        return new ClientNames(client, client + "Options", stem + "Server", client + "Auth", client + "ServiceCollectionExtensions");
    }

    public IEnumerable<string> All => new[] { Client, Options, Auth, ServiceCollectionExtensions, ServerEnum };
}
