using StoreBooks.Core.Connections;
using StoreBooks.Core.Model;
using StoreBooks.Core.Products;
using StoreBooks.Core.Sales;
using Xunit;

namespace StoreBooks.Core.Tests.Connections;

public sealed class ConnectionSettingsTests
{
    [Fact]
    public void Settings_round_trip_through_json_with_readable_enums()
    {
        var settings = new ConnectionSettings
        {
            SyncStartDate = new DateOnly(2026, 2, 1),
            Products = new ProductSettings { Mode = ItemMode.Automatic, CreateAs = CreatedItemType.Inventory, InventoryStartDate = new DateOnly(2026, 1, 31) },
            Sales = new SalesSettings { Statuses = [FinancialStatus.Paid], Payments = new Dictionary<string, PaymentMapping> { ["paypal"] = new() { DepositAccount = "PayPal clearing" } } },
        };

        var json = settings.ToJson();
        var back = ConnectionSettings.From(json);

        Assert.Equal("Automatic", json["products"]!["mode"]!.GetValue<string>());
        Assert.Equal("Inventory", json["products"]!["createAs"]!.GetValue<string>());
        Assert.Equal("Paid", json["sales"]!["statuses"]![0]!.GetValue<string>());
        Assert.Equal(new DateOnly(2026, 1, 31), back.Products.InventoryStartDate);
        Assert.Equal("PayPal clearing", back.Sales.Payments["paypal"].DepositAccount);
        Assert.Equal(new DateOnly(2026, 2, 1), back.SyncStartDate);
    }

    [Fact]
    public void An_empty_object_gives_the_defaults()
    {
        var settings = ConnectionSettings.From([]);

        Assert.Equal(ItemMode.Manual, settings.Products.Mode);
        Assert.Equal(SaleDocumentKind.SalesReceipt, settings.Sales.Document);
        Assert.Contains(FinancialStatus.Paid, settings.Sales.Statuses);
    }
}
