using StoreBooks.QuickBooks.Accounts;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Customers;
using StoreBooks.QuickBooks.Errors;
using StoreBooks.QuickBooks.Invoices;
using StoreBooks.QuickBooks.Items;
using StoreBooks.QuickBooks.Payments;
using StoreBooks.QuickBooks.RefundReceipts;
using StoreBooks.QuickBooks.SalesReceipts;
using StoreBooks.QuickBooks.Tests.Support;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.QuickBooks.Tests.Entities;

/// <summary>Typed writes and reads of each resource against the emulator's accounting API, with QBO's faults as typed errors.</summary>
public sealed class EntityTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static QboRequestOptions NewId() => QboRequestOptions.NewRequestId();

    [Fact]
    public async Task Items_are_created_read_updated_sparsely_and_deactivated()
    {
        await using var connection = await QboTestConnection.CreateAsync(emulator, await emulator.NewRealmAsync());
        using var client = connection.CreateClient();
        var income = await AccountAsync(client, "Sales of Product Income");
        var sku = "SKU-" + Guid.NewGuid().ToString("N")[..6];

        var created = await client.Items.CreateAsync(new Item { Name = "Blue mug", Sku = sku, Type = ItemTypes.NonInventory, UnitPrice = 12.34m, IncomeAccountRef = income }, NewId(), Ct);
        var read = await client.Items.GetAsync(created.Id!, Ct);
        var repriced = await client.Items.SparseUpdateAsync(new Item { Id = read.Id, SyncToken = read.SyncToken, UnitPrice = 15.5m }, NewId(), Ct);
        var renamed = await client.Items.UpdateAsync(repriced with { Description = "Stoneware, 350 ml" }, NewId(), Ct);
        var inactive = await client.Items.DeactivateAsync(renamed.Id!, renamed.SyncToken!, NewId(), Ct);
        var bySku = await client.Items.FindBySkuAsync(sku, Ct);

        Assert.Equal("0", created.SyncToken);
        Assert.Equal(12.34m, read.UnitPrice);
        Assert.Equal(sku, read.Sku);
        Assert.Equal(15.5m, repriced.UnitPrice);
        Assert.Equal("Blue mug", repriced.Name);
        Assert.Equal("Stoneware, 350 ml", renamed.Description);
        Assert.Equal(15.5m, renamed.UnitPrice);
        Assert.False(inactive.Active);
        Assert.NotNull(bySku);
        Assert.Equal(created.Id, bySku!.Id);
        Assert.Null(await client.Items.FindByNameAsync("Blue mug", Ct));
    }

    [Fact]
    public async Task A_duplicate_name_is_a_typed_6240()
    {
        await using var connection = await QboTestConnection.CreateAsync(emulator, await emulator.NewRealmAsync());
        using var client = connection.CreateClient();
        await client.Customers.CreateAsync(new Customer { DisplayName = "Ada Lovelace" }, NewId(), Ct);

        var error = await Assert.ThrowsAsync<QboDuplicateNameException>(() => client.Customers.CreateAsync(new Customer { DisplayName = "Ada Lovelace" }, NewId(), Ct));

        Assert.Equal("6240", error.Code);
        Assert.Equal(400, error.HttpStatus);
        Assert.Contains("Duplicate Name Exists Error", error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.IntuitTid));
    }

    [Fact]
    public async Task A_stale_sync_token_is_a_typed_5010()
    {
        await using var connection = await QboTestConnection.CreateAsync(emulator, await emulator.NewRealmAsync());
        using var client = connection.CreateClient();
        var customer = await client.Customers.CreateAsync(new Customer { DisplayName = "Grace Hopper" }, NewId(), Ct);
        await client.Customers.SparseUpdateAsync(new Customer { Id = customer.Id, SyncToken = customer.SyncToken, CompanyName = "Navy" }, NewId(), Ct);

        var error = await Assert.ThrowsAsync<QboStaleObjectException>(() => client.Customers.SparseUpdateAsync(new Customer { Id = customer.Id, SyncToken = customer.SyncToken, CompanyName = "Harvard" }, NewId(), Ct));

        Assert.Equal("5010", error.Code);
        Assert.Contains("current SyncToken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_object_is_a_typed_not_found()
    {
        await using var connection = await QboTestConnection.CreateAsync(emulator);
        using var client = connection.CreateClient();

        var error = await Assert.ThrowsAnyAsync<QboException>(() => client.Invoices.GetAsync("987654", Ct));

        Assert.Equal(QboErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task A_sales_receipt_with_item_discount_and_description_lines_totals_in_decimal_and_can_be_voided()
    {
        await using var connection = await QboTestConnection.CreateAsync(emulator, await emulator.NewRealmAsync());
        using var client = connection.CreateClient();
        var item = await client.Items.CreateAsync(new Item { Name = "Tea tin", Type = ItemTypes.NonInventory, UnitPrice = 19.99m, IncomeAccountRef = await AccountAsync(client, "Sales of Product Income") }, NewId(), Ct);
        var receipt = new SalesReceipt
        {
            DocNumber = "SHOP-1001",
            TxnDate = new DateOnly(2026, 11, 2),
            Line =
            [
                Line.SalesItem(Ref.To(item.Id!), 3, 19.99m, "Tea tin", Ref.To("NON")),
                Line.DiscountAmount(5.97m, await AccountAsync(client, "Discounts given")),
                Line.DescriptionOnly("Thank you for shopping with us"),
            ],
            PrivateNote = "Order #1001",
        };

        var created = await client.SalesReceipts.CreateAsync(receipt, NewId(), Ct);
        var voided = await client.SalesReceipts.VoidAsync(created.Id!, created.SyncToken!, NewId(), Ct);

        Assert.Equal(54.00m, created.TotalAmt);
        Assert.Equal("SHOP-1001", created.DocNumber);
        Assert.Contains(created.Line!, l => l.DetailType == LineDetailTypes.SubTotal);
        Assert.Contains(created.Line!, l => l.DetailType == LineDetailTypes.DescriptionOnly);
        Assert.Equal(0m, voided.TotalAmt);
        Assert.StartsWith("Voided", voided.PrivateNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invoice_paid_by_a_payment_and_a_refund_receipt()
    {
        await using var connection = await QboTestConnection.CreateAsync(emulator, await emulator.NewRealmAsync());
        using var client = connection.CreateClient();
        var customer = await client.Customers.CreateAsync(new Customer { DisplayName = "Marie Curie", PrimaryEmailAddr = EmailAddress.Of("marie@example.org") }, NewId(), Ct);
        var services = (await client.Items.FindByNameAsync("Services", Ct))!;

        var invoice = await client.Invoices.CreateAsync(new Invoice { CustomerRef = Ref.To(customer.Id!), Line = [Line.SalesItem(Ref.To(services.Id!), 2, 40m)] }, NewId(), Ct);
        var payment = await client.Payments.CreateAsync(new Payment
        {
            CustomerRef = Ref.To(customer.Id!),
            TotalAmt = 80m,
            Line = [new Line { Amount = 80m, LinkedTxn = [LinkedTxn.To("Invoice", invoice.Id!)] }],
        }, NewId(), Ct);
        var paidInvoice = await client.Invoices.GetAsync(invoice.Id!, Ct);
        var refund = await client.RefundReceipts.CreateAsync(new RefundReceipt
        {
            CustomerRef = Ref.To(customer.Id!),
            DepositToAccountRef = await AccountAsync(client, "Checking"),
            Line = [Line.SalesItem(Ref.To(services.Id!), 1, 40m)],
        }, NewId(), Ct);

        Assert.Equal(80m, invoice.Balance);
        Assert.Equal(0m, paidInvoice.Balance);
        Assert.Equal(0m, payment.UnappliedAmt);
        Assert.Equal(40m, refund.TotalAmt);
        Assert.Equal(customer.Id, (await client.Customers.FindByDisplayNameAsync("Marie Curie", Ct))!.Id);
    }

    [Fact]
    public async Task A_transaction_is_deleted()
    {
        await using var connection = await QboTestConnection.CreateAsync(emulator, await emulator.NewRealmAsync());
        using var client = connection.CreateClient();
        var customer = await client.Customers.CreateAsync(new Customer { DisplayName = "Alan Turing" }, NewId(), Ct);
        var services = (await client.Items.FindByNameAsync("Services", Ct))!;
        var invoice = await client.Invoices.CreateAsync(new Invoice { CustomerRef = Ref.To(customer.Id!), Line = [Line.SalesItem(Ref.To(services.Id!), 1, 10m)] }, NewId(), Ct);

        var deleted = await client.Invoices.DeleteAsync(invoice.Id!, invoice.SyncToken!, NewId(), Ct);

        Assert.Equal("Deleted", deleted.Status);
        Assert.Equal(invoice.Id, deleted.Id);
        await Assert.ThrowsAnyAsync<QboException>(() => client.Invoices.GetAsync(invoice.Id!, Ct));
    }

    [Fact]
    public async Task Company_settings_tax_codes_and_payment_methods_are_read()
    {
        await using var connection = await QboTestConnection.CreateAsync(emulator);
        using var client = connection.CreateClient();

        var preferences = await client.GetPreferencesAsync(Ct);
        var company = await client.GetCompanyInfoAsync(Ct);
        var taxCodes = await client.Query.ListAllAsync<TaxCodes.TaxCode>(client.TaxCodes.Where(), Ct);
        var taxRates = await client.Query.ListAllAsync<TaxRates.TaxRate>(client.TaxRates.Where(), Ct);
        var methods = await client.Query.ListAllAsync<PaymentMethods.PaymentMethod>(client.PaymentMethods.Where(), Ct);

        Assert.True(preferences.ProductAndServicesPrefs!.QuantityOnHand);
        Assert.Equal("US", company.Country);
        Assert.Contains(taxCodes, t => t.Id == "TAX");
        Assert.NotEmpty(taxRates);
        Assert.All(taxRates, r => Assert.True(r.RateValue >= 0));
        Assert.Contains(methods, m => m is { Name: "Visa", Type: "CREDIT_CARD" });
    }

    internal static async Task<Ref> AccountAsync(QboClient client, string name)
    {
        var account = await client.Accounts.FindAsync(client.Accounts.Where().WhereEquals("Name", name), Ct)
            ?? throw new InvalidOperationException($"The emulator's company has no account named {name}.");
        return Ref.To(account.Id!, account.Name);
    }
}
