using StoreBooks.QuickBooks.Common;

namespace StoreBooks.QuickBooks.Items;

/// <summary>A product or service QBO sells (<c>/item</c>): Inventory, NonInventory, Service, Category or Group (bundle, read-only).</summary>
public sealed record Item : QboEntity
{
    /// <summary>Unique among items, 1-100 characters, no tab, newline or colon.</summary>
    public string? Name { get; init; }

    public string? Sku { get; init; }

    /// <summary>One of <see cref="ItemTypes"/>.</summary>
    public string? Type { get; init; }

    public bool? Active { get; init; }

    public string? Description { get; init; }

    public string? PurchaseDesc { get; init; }

    public decimal? UnitPrice { get; init; }

    public decimal? PurchaseCost { get; init; }

    public Ref? IncomeAccountRef { get; init; }

    public Ref? ExpenseAccountRef { get; init; }

    public Ref? AssetAccountRef { get; init; }

    public bool? TrackQtyOnHand { get; init; }

    public decimal? QtyOnHand { get; init; }

    public DateOnly? InvStartDate { get; init; }

    public decimal? ReorderPoint { get; init; }

    public bool? Taxable { get; init; }

    public bool? SalesTaxIncluded { get; init; }

    public Ref? SalesTaxCodeRef { get; init; }

    public bool? SubItem { get; init; }

    public Ref? ParentRef { get; init; }

    public int? Level { get; init; }

    public string? FullyQualifiedName { get; init; }

    /// <summary>Group items: the bundle's contents.</summary>
    public ItemGroupDetail? ItemGroupDetail { get; init; }

    public bool? PrintGroupedItems { get; init; }
}

/// <summary>The <c>Type</c> values of <see cref="Item"/>.</summary>
public static class ItemTypes
{
    public const string Inventory = "Inventory";
    public const string NonInventory = "NonInventory";
    public const string Service = "Service";
    public const string Category = "Category";
    public const string Group = "Group";
}

/// <summary>The items inside a bundle.</summary>
public sealed record ItemGroupDetail : QboObject
{
    public IReadOnlyList<ItemComponentLine>? ItemGroupLine { get; init; }
}

/// <summary>One item and quantity inside a bundle.</summary>
public sealed record ItemComponentLine : QboObject
{
    public Ref? ItemRef { get; init; }

    public decimal? Qty { get; init; }
}
