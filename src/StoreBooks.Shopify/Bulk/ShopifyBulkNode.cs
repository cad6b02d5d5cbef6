using System.Text.Json.Nodes;

namespace StoreBooks.Shopify.Bulk;

/// <summary>
/// One object of a bulk export with the nodes of its nested connections put back under it: an order and its line items,
/// a product and its variants. Children are grouped by their type, read from their id (<c>gid://shopify/LineItem/…</c> →
/// <c>LineItem</c>), in file order.
/// </summary>
internal sealed class ShopifyBulkNode
{
    private readonly Dictionary<string, List<ShopifyBulkNode>> _children = new(StringComparer.Ordinal);

    public ShopifyBulkNode(JsonObject value)
    {
        Value = value;
        Id = (value["id"] as JsonValue)?.TryGetValue<string>(out var id) == true ? id : null;
        Type = TypeOf(Id);
    }

    /// <summary>The object as the file has it, without <c>__parentId</c>.</summary>
    public JsonObject Value { get; }

    /// <summary>Its <c>id</c>, when the query selected it (a node with nested connections always needs it).</summary>
    public string? Id { get; }

    /// <summary>The GraphQL type in its id (<c>Order</c>, <c>ProductVariant</c>); empty without an id.</summary>
    public string Type { get; }

    /// <summary>Children by type.</summary>
    public IReadOnlyDictionary<string, List<ShopifyBulkNode>> Children => _children;

    /// <summary>The children of one type (<c>ProductVariant</c>), in file order; empty when there are none.</summary>
    public IReadOnlyList<ShopifyBulkNode> ChildrenOf(string type) => _children.TryGetValue(type, out var list) ? list : [];

    internal void Add(ShopifyBulkNode child)
    {
        if (!_children.TryGetValue(child.Type, out var list))
        {
            _children[child.Type] = list = [];
        }

        list.Add(child);
    }

    /// <summary><c>gid://shopify/ProductVariant/1?x=y</c> → <c>ProductVariant</c>.</summary>
    public static string TypeOf(string? gid)
    {
        const string Prefix = "gid://shopify/";
        if (gid is null || !gid.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return "";
        }

        var end = gid.IndexOf('/', Prefix.Length);
        return end < 0 ? gid[Prefix.Length..] : gid[Prefix.Length..end];
    }
}
