using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StoreBooks.Core.Model;
using StoreBooks.Core.Sales;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Customers;
using Xunit;
using static StoreBooks.Sync.Tests.Sales.OrderBuilder;

namespace StoreBooks.Sync.Tests.Sales;

/// <summary>Whose name a sale is under: the store's customer matched by email then display name, or one generic customer.</summary>
public sealed class CustomerTests
{
    [Fact]
    public async Task In_generic_mode_every_sale_is_under_one_customer()
    {
        var ann = Order("6101").By(Customers.Ann).Line("TEE-1", "Organic Tee", 1, 20.00m).Build();
        var bob = Order("6102").By(Customers.Bob).Line("TEE-1", "Organic Tee", 1, 20.00m).Build();
        var guest = Order("6103").By(null).Line("TEE-1", "Organic Tee", 1, 20.00m).Build();
        var sales = SalesScenario.CanadianSales(new SalesSettings { Customers = CustomerMode.Generic, GenericCustomerName = "Shop Sales" });
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(sales), ann, bob, guest);

        await scenario.RunCleanAsync();

        var customer = Assert.Single(await scenario.AllAsync(scenario.Qbo.Customers));
        Assert.Equal("Shop Sales", customer.DisplayName);
        foreach (var order in new[] { ann, bob, guest })
        {
            Assert.Equal(customer.Id, (await scenario.ReceiptAsync(order)).CustomerRef!.Value);
        }
    }

    [Fact]
    public async Task A_buyer_is_matched_by_email_to_a_customer_the_merchant_already_has()
    {
        var order = Order("6104").By(Customers.Ann).Line("TEE-1", "Organic Tee", 1, 20.00m).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), order);
        var existing = await scenario.Qbo.Customers.CreateAsync(
            new Customer { DisplayName = "Lee, Ann (wholesale)", PrimaryEmailAddr = EmailAddress.Of("Ann.Lee@example.com") }, QboRequestOptions.NewRequestId(), SalesScenario.Token);

        await scenario.RunCleanAsync();

        Assert.Equal(existing.Id, (await scenario.ReceiptAsync(order)).CustomerRef!.Value);
        Assert.Single(await scenario.AllAsync(scenario.Qbo.Customers));

        // Another order of hers goes to the same customer through the link.
        scenario.Store.Put(Order("6105").By(Customers.Ann).Line("TEE-1", "Organic Tee", 1, 20.00m).UpdatedAt(DefaultTime.AddHours(1)).Build());
        await scenario.RunCleanAsync();
        Assert.Equal(existing.Id, (await scenario.ReceiptAsync(scenario.Store["o-6105"])).CustomerRef!.Value);
    }

    [Fact]
    public async Task Orders_of_one_new_buyer_posted_at_once_make_one_customer()
    {
        var orders = Enumerable.Range(1, 12).Select(i => Order($"61{i:00}").By(Customers.Bob).Line("MUG-1", "Mug", i, 12.00m).At(DefaultTime.AddMinutes(i)).Build()).ToArray();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), orders);

        await scenario.RunCleanAsync();

        var customer = Assert.Single(await scenario.AllAsync(scenario.Qbo.Customers));
        Assert.Equal("Bob Martin", customer.DisplayName);
        Assert.Equal(12, (await scenario.AllAsync(scenario.Qbo.SalesReceipts)).Count(r => r.CustomerRef!.Value == customer.Id));
        Assert.Single(await scenario.AllAsync(scenario.Qbo.Items), i => i.Sku == "MUG-1");
    }

    [Fact]
    public async Task A_buyer_without_email_is_matched_by_display_name()
    {
        var buyer = new StoreCustomer { SourceId = "c-carl", FirstName = "Carl", LastName = "Diaz" };
        var order = Order("6106").By(buyer).Line("TEE-1", "Organic Tee", 1, 20.00m).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), order);
        var existing = await scenario.Qbo.Customers.CreateAsync(new Customer { DisplayName = "Carl Diaz" }, QboRequestOptions.NewRequestId(), SalesScenario.Token);

        await scenario.RunCleanAsync();

        Assert.Equal(existing.Id, (await scenario.ReceiptAsync(order)).CustomerRef!.Value);
    }

    [Fact]
    public async Task A_display_name_taken_by_a_vendor_gives_the_customer_a_readable_name_of_their_own()
    {
        var order = Order("6107").By(Customers.Ann).Line("TEE-1", "Organic Tee", 1, 20.00m).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), order);
        await CreateVendorAsync(scenario, "Ann Lee");

        await scenario.RunCleanAsync();

        var customer = await scenario.Qbo.Customers.GetAsync((await scenario.ReceiptAsync(order)).CustomerRef!.Value!, SalesScenario.Token);
        Assert.Equal("Ann Lee (ann.lee@example.com)", customer.DisplayName);
        Assert.Equal("Ann", customer.GivenName);
        Assert.Equal("ann.lee@example.com", customer.PrimaryEmailAddr!.Address);
    }

    /// <summary>A vendor made in QuickBooks by the merchant (StoreBooks' client has no vendors: the raw API, as a merchant's app).</summary>
    internal static async Task CreateVendorAsync(SalesScenario scenario, string displayName)
    {
        var emulator = scenario.Harness.Emulator;
        var tokens = emulator.Qbo.OAuth.IssueTokens(scenario.Harness.RealmId);
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        using var response = await http.PostAsJsonAsync($"v3/company/{scenario.Harness.RealmId}/vendor", new JsonObject { ["DisplayName"] = displayName }, SalesScenario.Token);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(SalesScenario.Token));
    }
}
