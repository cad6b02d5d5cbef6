using StoreBooks.QuickBooks.Entities;

namespace StoreBooks.QuickBooks.Items;

/// <summary>Items (<c>/item</c>): the usual writes plus look-ups by SKU and by name.</summary>
public sealed class ItemService : QboNameListService<Item>
{
    internal ItemService(QboClient client)
        : base(client)
    {
    }

    /// <summary>The item with this SKU, active or not (QBO does not enforce SKU uniqueness: the first match wins).</summary>
    public Task<Item?> FindBySkuAsync(string sku, CancellationToken cancellationToken = default) =>
        FindAsync(Where().WhereEquals("Sku", sku).IncludeInactive(), cancellationToken);

    /// <summary>The active item with this name.</summary>
    public Task<Item?> FindByNameAsync(string name, CancellationToken cancellationToken = default) =>
        FindAsync(Where().WhereEquals("Name", name), cancellationToken);
}
