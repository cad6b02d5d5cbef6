using System.Text.Json.Serialization;

namespace StoreBooks.Core.Products;

/// <summary>How StoreBooks gets an item in QuickBooks for every product a sale uses.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ItemMode>))]
public enum ItemMode
{
    /// <summary>The merchant creates items in QuickBooks; StoreBooks only matches them. Sales needing a missing item wait.</summary>
    Manual,

    /// <summary>StoreBooks creates the missing items, all with the same default settings.</summary>
    Automatic,
}

/// <summary>Which QuickBooks field a store product is matched on.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ItemMatchKey>))]
public enum ItemMatchKey
{
    /// <summary>The store's SKU against the item's SKU field (QBO <c>Sku</c>).</summary>
    Sku,

    /// <summary>The product's name against the item's name (QBO <c>Name</c>).</summary>
    Name,
}

/// <summary>What to do with a store product that has no SKU when matching on SKU.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MissingSkuRule>))]
public enum MissingSkuRule
{
    /// <summary>Match it on its name instead (and create it without a SKU in automatic mode).</summary>
    MatchByName,

    /// <summary>Leave it unmatched and report it, so the merchant adds a SKU in the store.</summary>
    Report,
}

/// <summary>The QuickBooks item type StoreBooks creates.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CreatedItemType>))]
public enum CreatedItemType
{
    NonInventory,
    Inventory,
}

/// <summary>
/// A connection's product settings (the article's "item push options"). Accounts are given by QuickBooks id or name and checked
/// against QuickBooks' account types when saved; <see cref="ProductSettingsCheck"/> does that.
/// </summary>
public sealed record ProductSettings
{
    public ItemMode Mode { get; init; } = ItemMode.Manual;

    public ItemMatchKey MatchKey { get; init; } = ItemMatchKey.Sku;

    public MissingSkuRule WithoutSku { get; init; } = MissingSkuRule.MatchByName;

    /// <summary>Type of the items StoreBooks creates (automatic mode).</summary>
    public CreatedItemType CreateAs { get; init; } = CreatedItemType.NonInventory;

    /// <summary>Income account of created items (an account of type Income): id or name.</summary>
    public string? IncomeAccount { get; init; }

    /// <summary>
    /// Expense account of created items: for inventory items the cost-of-goods-sold account (type Cost of Goods Sold); for
    /// non-inventory items a Cost of Goods Sold or Expense account. Set only when the item is created.
    /// </summary>
    public string? ExpenseAccount { get; init; }

    /// <summary>Inventory asset account of created inventory items (type Other Current Asset).</summary>
    public string? InventoryAssetAccount { get; init; }

    /// <summary>
    /// QuickBooks' "inventory start date" (InvStartDate) of created inventory items. It must be before the sync start date:
    /// QuickBooks refuses a sale dated before it.
    /// </summary>
    public DateOnly? InventoryStartDate { get; init; }

    /// <summary>Name of a variant's item; <c>{product}</c> and <c>{variant}</c> are replaced.</summary>
    public string VariantNameTemplate { get; init; } = "{product} - {variant}";

    /// <summary>Send later store price changes to items StoreBooks created (off by default; never touches accounts).</summary>
    public bool UpdatePrices { get; init; }

    /// <summary>Send later store description changes to items StoreBooks created (off by default; never touches accounts).</summary>
    public bool UpdateDescriptions { get; init; }
}
