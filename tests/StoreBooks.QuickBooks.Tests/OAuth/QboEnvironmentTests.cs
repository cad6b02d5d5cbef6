using Xunit;

namespace StoreBooks.QuickBooks.Tests.OAuth;

public sealed class QboEnvironmentTests
{
    [Fact]
    public void Names_and_urls_resolve_to_api_and_discovery_addresses()
    {
        Assert.Equal("https://quickbooks.api.intuit.com/", QboEnvironment.Parse("production").ApiBaseUrl.AbsoluteUri);
        Assert.Equal("https://developer.api.intuit.com/.well-known/openid_sandbox_configuration", QboEnvironment.Parse("Sandbox").DiscoveryDocument.AbsoluteUri);
        var local = QboEnvironment.Parse("http://127.0.0.1:5055");
        Assert.Equal("http://127.0.0.1:5055/", local.ApiBaseUrl.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:5055/.well-known/openid_configuration", local.DiscoveryDocument.AbsoluteUri);
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("ftp://127.0.0.1/")]
    public void Anything_else_is_refused_with_the_accepted_forms(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => QboEnvironment.Parse(value));

        Assert.Contains("production, sandbox or an http(s) base URL", error.Message, StringComparison.Ordinal);
    }
}
