using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Emulators.Tests.Qbo.Npm;

/// <summary>node-quickbooks 2.0.50, a widely used third-party client, sells an inventory item through the emulator.</summary>
public sealed class NodeQuickBooksTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Node_quickbooks_creates_finds_and_sells_an_inventory_item_and_gets_qbos_faults()
    {
        var result = await NodeScript.RunAsync("quickbooks-inventory.js", emulator.BaseUrl, TestContext.Current.CancellationToken);

        var itemId = result["itemId"]!.GetValue<string>();
        Assert.Equal(emulator.RealmId, result["realmId"]!.GetValue<string>());
        Assert.Equal("Inventory", result["itemType"]!.GetValue<string>());
        Assert.Equal([itemId], result["foundBySku"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Equal(50m, result["salesReceiptTotal"]!.GetValue<decimal>());
        Assert.Equal(8m, result["qtyOnHandAfterSale"]!.GetValue<decimal>());
        Assert.Equal("6240", result["duplicateNameCode"]?.GetValue<string>());
        Assert.Equal("6270", result["saleBeforeStartDateCode"]?.GetValue<string>());
    }
}
