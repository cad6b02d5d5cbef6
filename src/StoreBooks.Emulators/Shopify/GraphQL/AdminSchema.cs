namespace StoreBooks.Emulators.Shopify.GraphQL;

/// <summary>
/// The part of the GraphQL Admin API schema the emulator serves: the product and variant fields a connector reads.
/// Used to reject unknown fields (as Shopify does, before running anything) and to price a query.
/// </summary>
internal static class AdminSchema
{
    /// <summary>A field's type: its name, and whether it is a connection (paged with first/after) or a plain list.</summary>
    public sealed record FieldType(string Type, bool Connection = false, bool List = false)
    {
        public bool IsLeaf => Type is "ID" or "String" or "Int" or "Boolean" or "DateTime" or "Money" or "Decimal" or "URL" or "ProductStatus" or "CurrencyCode" or "UnsignedInt64"
            || Orders.OrderSchema.Scalars.Contains(Type);
    }

    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, FieldType>> Types = new Dictionary<string, IReadOnlyDictionary<string, FieldType>>
    {
        ["QueryRoot"] = new Dictionary<string, FieldType>
        {
            ["products"] = new("Product", Connection: true),
            ["productVariants"] = new("ProductVariant", Connection: true),
            ["product"] = new("Product"),
            ["productVariant"] = new("ProductVariant"),
            ["shop"] = new("Shop"),
            ["orders"] = new("Order", Connection: true),
            ["order"] = new("Order"),
            ["ordersCount"] = new("Count"),
            ["refund"] = new("Refund"),
        },
        ["Shop"] = new Dictionary<string, FieldType>
        {
            ["id"] = new("ID"), ["name"] = new("String"), ["myshopifyDomain"] = new("String"), ["currencyCode"] = new("CurrencyCode"),
        },
        ["Product"] = new Dictionary<string, FieldType>
        {
            ["id"] = new("ID"), ["legacyResourceId"] = new("UnsignedInt64"), ["title"] = new("String"), ["handle"] = new("String"),
            ["status"] = new("ProductStatus"), ["vendor"] = new("String"), ["productType"] = new("String"), ["createdAt"] = new("DateTime"),
            ["updatedAt"] = new("DateTime"), ["tags"] = new("String", List: true), ["hasOnlyDefaultVariant"] = new("Boolean"),
            ["totalInventory"] = new("Int"), ["variants"] = new("ProductVariant", Connection: true),
        },
        ["ProductVariant"] = new Dictionary<string, FieldType>
        {
            ["id"] = new("ID"), ["legacyResourceId"] = new("UnsignedInt64"), ["title"] = new("String"), ["displayName"] = new("String"),
            ["sku"] = new("String"), ["barcode"] = new("String"), ["price"] = new("Money"), ["compareAtPrice"] = new("Money"),
            ["taxable"] = new("Boolean"), ["inventoryQuantity"] = new("Int"), ["position"] = new("Int"), ["createdAt"] = new("DateTime"),
            ["updatedAt"] = new("DateTime"), ["inventoryItem"] = new("InventoryItem"), ["selectedOptions"] = new("SelectedOption", List: true),
            ["product"] = new("Product"),
        },
        ["InventoryItem"] = new Dictionary<string, FieldType>
        {
            ["id"] = new("ID"), ["legacyResourceId"] = new("UnsignedInt64"), ["sku"] = new("String"), ["tracked"] = new("Boolean"),
            ["requiresShipping"] = new("Boolean"), ["unitCost"] = new("MoneyV2"),
        },
        ["MoneyV2"] = new Dictionary<string, FieldType> { ["amount"] = new("Decimal"), ["currencyCode"] = new("CurrencyCode") },
        ["SelectedOption"] = new Dictionary<string, FieldType> { ["name"] = new("String"), ["value"] = new("String") },
        ["PageInfo"] = new Dictionary<string, FieldType>
        {
            ["hasNextPage"] = new("Boolean"), ["hasPreviousPage"] = new("Boolean"), ["startCursor"] = new("String"), ["endCursor"] = new("String"),
        },
    }.Concat(Orders.OrderSchema.Types).ToDictionary();

    /// <summary>Fields of a connection type (<c>ProductConnection</c> …).</summary>
    public static FieldType? ConnectionField(string nodeType, string field) => field switch
    {
        "edges" => new FieldType(nodeType + "Edge", List: true),
        "nodes" => new FieldType(nodeType, List: true),
        "pageInfo" => new FieldType("PageInfo"),
        _ => null,
    };

    public static FieldType? EdgeField(string nodeType, string field) => field switch
    {
        "cursor" => new FieldType("String"),
        "node" => new FieldType(nodeType),
        _ => null,
    };
}
