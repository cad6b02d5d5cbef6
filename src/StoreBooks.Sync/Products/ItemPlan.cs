using System.Text.Json.Serialization;
using StoreBooks.Core.Messages;
using StoreBooks.Core.Model;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks.Items;

namespace StoreBooks.Sync.Products;

/// <summary>What will happen (or happened) to one store product.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ItemAction>))]
public enum ItemAction
{
    /// <summary>Already linked to a QuickBooks item by an earlier sync.</summary>
    Linked,

    /// <summary>Matched to an existing QuickBooks item on its SKU or name; its accounts are left as they are.</summary>
    Matched,

    /// <summary>No item matches; StoreBooks creates one with the default settings (automatic mode).</summary>
    Create,

    /// <summary>Created during this run.</summary>
    Created,

    /// <summary>No item matches and StoreBooks does not create items (manual mode): the merchant creates it in QuickBooks.</summary>
    Missing,

    /// <summary>Two or more QuickBooks items have the same key: reported, never guessed.</summary>
    Ambiguous,

    /// <summary>The only match is inactive in QuickBooks: reported, never guessed.</summary>
    Inactive,

    /// <summary>The product has no SKU and products without one are reported (settings).</summary>
    NoSku,

    /// <summary>QuickBooks refused to create it, or the settings do not allow creating it; the message says why.</summary>
    Failed,
}

/// <summary>The item StoreBooks will create for a product: exactly the connection's defaults.</summary>
public sealed record NewItem
{
    public required string Name { get; init; }

    public string? Sku { get; init; }

    /// <summary>"NonInventory" or "Inventory".</summary>
    public required string Type { get; init; }

    public required string IncomeAccountId { get; init; }

    public string? ExpenseAccountId { get; init; }

    public string? AssetAccountId { get; init; }

    public DateOnly? InvStartDate { get; init; }

    public decimal? UnitPrice { get; init; }

    public string? Description { get; init; }

    /// <summary>The QuickBooks item to send: accounts and type now, opening quantity 0, no cost price.</summary>
    public Item ToItem() => new()
    {
        Name = Name,
        Sku = Sku,
        Type = Type,
        IncomeAccountRef = QuickBooks.Common.Ref.To(IncomeAccountId),
        ExpenseAccountRef = ExpenseAccountId is null ? null : QuickBooks.Common.Ref.To(ExpenseAccountId),
        AssetAccountRef = AssetAccountId is null ? null : QuickBooks.Common.Ref.To(AssetAccountId),
        TrackQtyOnHand = Type == ItemTypes.Inventory ? true : null,
        QtyOnHand = Type == ItemTypes.Inventory ? 0m : null,
        InvStartDate = Type == ItemTypes.Inventory ? InvStartDate : null,
        UnitPrice = UnitPrice,
        Description = Description,
    };
}

/// <summary>One line of an item plan: the product, what happens to it, the QuickBooks item concerned, and a message when it needs attention.</summary>
public sealed record ItemPlanEntry
{
    public required StoreProduct Product { get; init; }

    public required ItemAction Action { get; init; }

    /// <summary>The QuickBooks item it is (or was just) linked to.</summary>
    public Item? Item { get; init; }

    /// <summary>What will be created (Create), or was (Created).</summary>
    public NewItem? NewItem { get; init; }

    /// <summary>The link row, when one exists.</summary>
    [JsonIgnore]
    public Link? Link { get; init; }

    /// <summary>For Missing, Ambiguous, Inactive, NoSku and Failed: what is wrong and what to do, in the merchant's words.</summary>
    public string? Message { get; init; }

    /// <summary><see cref="Message"/> with its code and arguments, to show it in the reader's language.</summary>
    [JsonIgnore]
    public SyncMessage? Detail { get; init; }

    /// <summary>
    /// The product whose item this one shares: the same SKU but for case and surrounding spaces ("ABC-1", "abc-1 "), which
    /// QuickBooks sees as one SKU. One item is created, for the first; this one is linked to it.
    /// </summary>
    public string? SameAs { get; init; }

    /// <summary>True when a sale using this product can post.</summary>
    public bool HasItem => Item?.Id is not null && Action is ItemAction.Linked or ItemAction.Matched or ItemAction.Created;

    /// <summary>
    /// True when its creation was sent but got no answer (no reply, throttled, QuickBooks down): its link stays Pending with what
    /// was sent, and the next run finishes it under the same requestid. Nothing for the merchant to fix.
    /// </summary>
    [JsonIgnore]
    public bool CreationUnanswered => Action == ItemAction.Failed && Link is { State: LinkState.Pending, CreatedWith: not null };
}
