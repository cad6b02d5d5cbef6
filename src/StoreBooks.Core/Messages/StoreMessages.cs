namespace StoreBooks.Core.Messages;

/// <summary>
/// Records a store (Shopify, WooCommerce) sent that StoreBooks cannot read: <c>{store}</c> is the store's name, <c>{detail}</c>
/// what the reader found wrong, as it said it.
/// </summary>
public static class StoreMessages
{
    public static readonly MessageTemplate OrderName = new("store.order.name", "order {name}");

    public static readonly MessageTemplate OrderUnreadable = new("store.order.unreadable", "{store} {order} (id {id}) cannot be read: {detail}");

    public static readonly MessageTemplate OrderIdUnreadable = new("store.order.unreadable-id", "{store} order {id} cannot be read: {detail}");

    public static readonly MessageTemplate CustomerUnreadable = new("store.customer.unreadable", "{store} customer {id} cannot be read: {detail}");

    public static readonly MessageTemplate ProductUnreadable = new("store.product.unreadable", "{store} product {id} cannot be read: {detail}");

    public static readonly MessageTemplate VariantUnreadable = new("store.variant.unreadable", "{store} variant cannot be read: {detail}");

    public static readonly MessageTemplate VariationUnreadable = new("store.variation.unreadable",
        "{store} variation {id} of product {product} cannot be read: {detail}");

    public static readonly MessageTemplate PayoutUnreadable = new("store.payout.unreadable", "{store} payout {id} cannot be read: {detail}");

    public static readonly MessageTemplate PayoutLeftOut = new("store.payout.left-out", "{store} payout {id} of {date} is left out: {problems}.");

    public static readonly MessageTemplate TransactionUnreadable = new("store.payout.transaction-unreadable", "balance transaction {id} cannot be read ({detail})");

    /// <summary>
    /// An order a store sent that cannot be read, named as the merchant knows it when its name can be read ("Shopify order #1043
    /// (id 450789469) cannot be read: ...").
    /// </summary>
    public static SyncMessage UnreadableOrder(string store, string id, string? name, string detail) => name is null
        ? OrderIdUnreadable.With(("store", store), ("id", id), ("detail", detail))
        : OrderUnreadable.With(("store", store), ("order", OrderReference(name)), ("id", id), ("detail", detail));

    /// <summary>"order #1043" for "#1043" or "1043" (as the sync names orders), else "order {name}".</summary>
    public static SyncMessage OrderReference(string name) =>
        name.StartsWith('#') && name.Length > 1 ? OrderMessages.Reference.With(("number", name[1..])) : OrderName.With(("name", name));
}
