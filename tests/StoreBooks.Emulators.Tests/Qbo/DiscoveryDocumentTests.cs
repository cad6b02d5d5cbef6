using System.Text.Json.Nodes;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Emulators.Tests.Qbo;

public sealed class DiscoveryDocumentTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Names_this_servers_endpoints_with_intuits_keys()
    {
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        var served = JsonNode.Parse(await http.GetStringAsync(new Uri(".well-known/openid_configuration", UriKind.Relative), TestContext.Current.CancellationToken))!.AsObject();

        var tokenEndpoint = new Uri(served["token_endpoint"]!.GetValue<string>());
        Assert.Equal(emulator.BaseUrl.Port, tokenEndpoint.Port);
        Assert.Equal("/oauth2/v1/tokens/bearer", tokenEndpoint.AbsolutePath);
        Assert.Equal("/connect/oauth2", new Uri(served["authorization_endpoint"]!.GetValue<string>()).AbsolutePath);
        Assert.Equal("/v2/oauth2/tokens/revoke", new Uri(served["revocation_endpoint"]!.GetValue<string>()).AbsolutePath);
    }

    [Fact]
    public async Task Has_every_key_of_intuits_real_document()
    {
        var real = JsonNode.Parse(await File.ReadAllTextAsync(SharedFixtures.Path("qbo/oauth/discovery-document.json"), TestContext.Current.CancellationToken))!.AsObject();
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        var served = JsonNode.Parse(await http.GetStringAsync(new Uri(".well-known/openid_configuration", UriKind.Relative), TestContext.Current.CancellationToken))!.AsObject();

        Assert.Equal(real.Select(p => p.Key).Order(), served.Select(p => p.Key).Order());
        Assert.Equal(real["token_endpoint_auth_methods_supported"]!.ToJsonString(), served["token_endpoint_auth_methods_supported"]!.ToJsonString());
    }
}
