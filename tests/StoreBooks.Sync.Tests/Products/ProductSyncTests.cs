using StoreBooks.Core.Connections;
using StoreBooks.Core.Model;
using StoreBooks.Core.Products;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Items;
using StoreBooks.Sync.Products;
using Xunit;

namespace StoreBooks.Sync.Tests.Products;

public sealed class ProductSyncTests
{
    private static readonly DateOnly SyncStart = new(2026, 2, 1);

    private static ConnectionSettings Automatic(CreatedItemType type = CreatedItemType.NonInventory, ItemMatchKey key = ItemMatchKey.Sku) => new()
    {
        SyncStartDate = SyncStart,
        Products = new ProductSettings
        {
            Mode = ItemMode.Automatic,
            MatchKey = key,
            CreateAs = type,
            IncomeAccount = "Sales of Product Income",
            ExpenseAccount = "Cost of Goods Sold",
            InventoryAssetAccount = "Inventory Asset",
            InventoryStartDate = new DateOnly(2026, 1, 31),
        },
    };

    private static StoreProduct Product(string sku, string title = "Organic Tee", string? variant = null, decimal price = 25m) => new()
    {
        SourceId = "p-" + sku,
        ProductId = title,
        ProductTitle = title,
        VariantTitle = variant,
        Sku = sku,
        Price = price,
        Cost = 9.5m,
    };

    private static async Task<Item> CreateItemAsync(QboClient qbo, string name, string? sku, string incomeAccountId, bool active = true)
    {
        var item = await qbo.Items.CreateAsync(new Item
        {
            Name = name,
            Sku = sku,
            Type = ItemTypes.NonInventory,
            IncomeAccountRef = Ref.To(incomeAccountId),
        }, QboRequestOptions.NewRequestId(), TestContext.Current.CancellationToken);
        return active ? item : await qbo.Items.DeactivateAsync(item.Id!, item.SyncToken!, QboRequestOptions.NewRequestId(), TestContext.Current.CancellationToken);
    }

    private static async Task<string> AccountIdAsync(QboClient qbo, string name) =>
        (await qbo.Accounts.FindAsync(qbo.Accounts.Where().WhereEquals("Name", name), TestContext.Current.CancellationToken))!.Id!;

    [Fact]
    public async Task A_matched_item_keeps_its_accounts_after_any_number_of_syncs()
    {
        await using var harness = await SyncHarness.StartAsync(Automatic());
        var qbo = await harness.ClientAsync();
        var services = await AccountIdAsync(qbo, "Services");
        var existing = await CreateItemAsync(qbo, "Tee made by hand", "TEE-1", services);

        for (var run = 0; run < 3; run++)
        {
            var result = await new ProductSync(await harness.ContextAsync()).PushAsync([Product("tee-1 ")], TestContext.Current.CancellationToken);
            Assert.Equal(run == 0 ? ItemAction.Matched : ItemAction.Linked, Assert.Single(result.Entries).Action);
        }

        var after = await qbo.Items.GetAsync(existing.Id!, TestContext.Current.CancellationToken);
        Assert.Equal(services, after.IncomeAccountRef!.Value);
        Assert.Equal(existing.SyncToken, after.SyncToken);
        Assert.Equal("Tee made by hand", after.Name);
    }

    [Fact]
    public async Task An_item_StoreBooks_created_then_edited_in_QuickBooks_is_not_reverted()
    {
        await using var harness = await SyncHarness.StartAsync(Automatic() with { Products = Automatic().Products with { UpdatePrices = true } });
        var created = Assert.Single((await new ProductSync(await harness.ContextAsync()).PushAsync([Product("MUG-1", "Mug")], TestContext.Current.CancellationToken)).Entries);
        Assert.Equal(ItemAction.Created, created.Action);
        var qbo = await harness.ClientAsync();
        var services = await AccountIdAsync(qbo, "Services");
        var edited = await qbo.Items.SparseUpdateAsync(new Item { Id = created.Item!.Id, SyncToken = created.Item.SyncToken, IncomeAccountRef = Ref.To(services) }, QboRequestOptions.NewRequestId(), TestContext.Current.CancellationToken);

        var again = Assert.Single((await new ProductSync(await harness.ContextAsync()).PushAsync([Product("MUG-1", "Mug", price: 30m)], TestContext.Current.CancellationToken)).Entries);

        var after = await qbo.Items.GetAsync(created.Item.Id!, TestContext.Current.CancellationToken);
        Assert.Equal(ItemAction.Linked, again.Action);
        Assert.Equal(services, after.IncomeAccountRef!.Value);
        Assert.Equal(30m, after.UnitPrice);
        Assert.Equal(edited.ExpenseAccountRef?.Value, after.ExpenseAccountRef?.Value);
    }

    [Fact]
    public async Task Created_items_carry_exactly_the_defaults_with_no_stock_and_no_cost()
    {
        await using var harness = await SyncHarness.StartAsync(Automatic(CreatedItemType.Inventory));
        var result = await new ProductSync(await harness.ContextAsync()).PushAsync([Product("TEE-L", "Organic Tee", "Large")], TestContext.Current.CancellationToken);

        var entry = Assert.Single(result.Entries);
        Assert.Equal(ItemAction.Created, entry.Action);
        var qbo = await harness.ClientAsync();
        var item = await qbo.Items.GetAsync(entry.Item!.Id!, TestContext.Current.CancellationToken);
        Assert.Equal("Organic Tee - Large", item.Name);
        Assert.Equal(ItemTypes.Inventory, item.Type);
        Assert.Equal("TEE-L", item.Sku);
        Assert.Equal(0m, item.QtyOnHand);
        Assert.Equal(new DateOnly(2026, 1, 31), item.InvStartDate);
        Assert.Equal(await AccountIdAsync(qbo, "Sales of Product Income"), item.IncomeAccountRef!.Value);
        Assert.Equal(await AccountIdAsync(qbo, "Cost of Goods Sold"), item.ExpenseAccountRef!.Value);
        Assert.Equal(await AccountIdAsync(qbo, "Inventory Asset"), item.AssetAccountRef!.Value);
        Assert.True(item.PurchaseCost is null or 0m);
        var link = await harness.State.Links.FindAsync(harness.Connection.Id, LinkKind.Item, "p-TEE-L", TestContext.Current.CancellationToken);
        Assert.Equal(LinkState.Done, link!.State);
        Assert.Contains("\"invStartDate\":\"2026-01-31\"", link.CreatedWith, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manual_mode_creates_nothing_and_says_what_to_create()
    {
        await using var harness = await SyncHarness.StartAsync(Automatic() with { Products = Automatic().Products with { Mode = ItemMode.Manual } });
        var result = await new ProductSync(await harness.ContextAsync()).PushAsync([Product("CAP-9", "Cap")], TestContext.Current.CancellationToken);

        var entry = Assert.Single(result.Entries);
        Assert.Equal(ItemAction.Missing, entry.Action);
        Assert.Contains("Create a product or service in QuickBooks with SKU CAP-9", entry.Message, StringComparison.Ordinal);
        var qbo = await harness.ClientAsync();
        Assert.Null(await qbo.Items.FindBySkuAsync("CAP-9", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Inactive_and_duplicate_matches_are_reported_never_guessed()
    {
        await using var harness = await SyncHarness.StartAsync(Automatic());
        var qbo = await harness.ClientAsync();
        var income = await AccountIdAsync(qbo, "Sales of Product Income");
        await CreateItemAsync(qbo, "Old sock", "SOCK-1", income, active: false);
        await CreateItemAsync(qbo, "Scarf A", "SCARF", income);
        await CreateItemAsync(qbo, "Scarf B", "scarf", income);
        var before = await qbo.Items.CountAsync(qbo.Items.Where().IncludeInactive(), TestContext.Current.CancellationToken);

        var result = await new ProductSync(await harness.ContextAsync()).PushAsync([Product("SOCK-1", "Sock"), Product("SCARF", "Scarf")], TestContext.Current.CancellationToken);

        Assert.Equal(ItemAction.Inactive, result.Entries[0].Action);
        Assert.Contains("inactive", result.Entries[0].Message, StringComparison.Ordinal);
        Assert.Equal(ItemAction.Ambiguous, result.Entries[1].Action);
        Assert.Contains("is on 2 QuickBooks items", result.Entries[1].Message, StringComparison.Ordinal);
        Assert.Equal(before, await qbo.Items.CountAsync(qbo.Items.Where().IncludeInactive(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Names_are_matched_without_case_or_spaces_and_clashes_get_a_readable_name()
    {
        await using var harness = await SyncHarness.StartAsync(Automatic(key: ItemMatchKey.Name));
        var qbo = await harness.ClientAsync();
        var income = await AccountIdAsync(qbo, "Sales of Product Income");
        var mug = await CreateItemAsync(qbo, "Blue Mug", null, income);
        await CreateItemAsync(qbo, "Socks", "OTHER", income, active: false);

        var result = await new ProductSync(await harness.ContextAsync()).PushAsync(
            [Product("M1", "  blue mug ") with { Sku = null }, Product("S1", "Tote: Large")],
            TestContext.Current.CancellationToken);

        Assert.Equal(ItemAction.Matched, result.Entries[0].Action);
        Assert.Equal(mug.Id, result.Entries[0].Item!.Id);
        Assert.Equal(ItemAction.Created, result.Entries[1].Action);
        Assert.Equal("Tote - Large", result.Entries[1].Item!.Name);
    }

    [Fact]
    public async Task A_created_name_that_clashes_with_another_item_takes_the_sku_in_brackets()
    {
        await using var harness = await SyncHarness.StartAsync(Automatic());
        var qbo = await harness.ClientAsync();
        await CreateItemAsync(qbo, "Organic Tee", "SOMETHING-ELSE", await AccountIdAsync(qbo, "Services"));

        var entry = Assert.Single((await new ProductSync(await harness.ContextAsync()).PushAsync([Product("TEE-9")], TestContext.Current.CancellationToken)).Entries);

        Assert.Equal(ItemAction.Created, entry.Action);
        Assert.Equal("Organic Tee (TEE-9)", entry.Item!.Name);
    }

    [Fact]
    public async Task A_thousand_products_are_matched_in_a_handful_of_calls()
    {
        await using var harness = await SyncHarness.StartAsync(Automatic());
        var qbo = await harness.ClientAsync();
        var income = await AccountIdAsync(qbo, "Sales of Product Income");
        var products = Enumerable.Range(1, 1000).Select(i => Product($"SKU-{i:0000}", $"Product {i}")).ToList();
        foreach (var chunk in products.Chunk(30))
        {
            var operations = chunk.Select((p, i) => QuickBooks.Batch.QboBatchOperation.Create(
                new Item { Name = p.ProductTitle, Sku = p.Sku, Type = ItemTypes.NonInventory, IncomeAccountRef = Ref.To(income) }, $"b{i}")).ToList();
            var results = await qbo.Batch.ExecuteAsync(operations, QboRequestOptions.NewRequestId(), TestContext.Current.CancellationToken);
            Assert.Equal(chunk.Length, results.Count);
        }

        var before = harness.QboRequests;
        var result = await new ProductSync(await harness.ContextAsync()).PushAsync(products, TestContext.Current.CancellationToken);
        var calls = harness.QboRequests - before;

        Assert.Equal(1000, result.Count(ItemAction.Matched));
        Assert.InRange(calls, 1, 6);
        TestContext.Current.SendDiagnosticMessage($"1,000 products matched with {calls} QuickBooks calls");
    }
}
