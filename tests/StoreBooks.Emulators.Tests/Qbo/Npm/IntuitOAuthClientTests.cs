using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Emulators.Tests.Qbo.Npm;

/// <summary>Intuit's own Node.js OAuth client (intuit-oauth 4.2.5) runs the whole flow against the emulator.</summary>
public sealed class IntuitOAuthClientTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Intuit_oauth_authorizes_exchanges_refreshes_and_revokes()
    {
        var result = await NodeScript.RunAsync("oauth-flow.js", emulator.BaseUrl, TestContext.Current.CancellationToken);

        Assert.Equal(302, result["authorizeStatus"]!.GetValue<int>());
        Assert.Equal("storebooks-state", result["redirectState"]!.GetValue<string>());
        Assert.Equal(emulator.RealmId, result["realmId"]!.GetValue<string>());
        Assert.Equal("bearer", result["tokenType"]!.GetValue<string>());
        Assert.Equal(3600, result["expiresIn"]!.GetValue<int>());
        Assert.NotEqual(401, result["apiWithFirstToken"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(result["userInfoSub"]?.GetValue<string>()));
        Assert.True(result["refreshRotated"]!.GetValue<bool>());
        Assert.True(result["accessTokenChanged"]!.GetValue<bool>());
        Assert.Equal(400, result["reuseOfOldRefreshToken"]!["status"]!.GetValue<int>());
        Assert.Equal("invalid_grant", result["reuseOfOldRefreshToken"]!["error"]!.GetValue<string>());
        Assert.NotEqual(401, result["apiBeforeRevoke"]!.GetValue<int>());
        Assert.Equal(401, result["apiAfterRevoke"]!.GetValue<int>());
    }
}
