namespace StoreBooks.Shopify.Products;

/// <summary>The GraphQL Admin API documents StoreBooks sends, written by hand with only the fields it reads.</summary>
internal static class ProductQueries
{
    /// <summary>Variants with their product, SKU, price, tracking and cost; <c>$query</c> filters (<c>updated_at:&gt;=…</c>, <c>product_id:…</c>).</summary>
    public const string Variants = """
        query StoreBooksVariants($first: Int!, $after: String, $query: String) {
          productVariants(first: $first, after: $after, query: $query, sortKey: ID) {
            nodes {
              legacyResourceId
              title
              sku
              price
              updatedAt
              inventoryItem { legacyResourceId tracked unitCost { amount } }
              product { legacyResourceId title status updatedAt }
            }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    /// <summary>Ids of products changed since a time (a title or status change does not touch the variants' own times).</summary>
    public const string ChangedProducts = """
        query StoreBooksChangedProducts($first: Int!, $after: String, $query: String) {
          products(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
            nodes { legacyResourceId }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    /// <summary>The shop's name, domain and currency: the cheap call that checks a token.</summary>
    public const string Shop = "query StoreBooksShop { shop { name myshopifyDomain currencyCode } }";

    /// <summary>Shopify prices a connection at 2 points plus, per node asked for, 1 and its objects (inventoryItem, unitCost, product).</summary>
    public static int VariantsCost(int first) => 2 + (first * 4);

    public static int ChangedProductsCost(int first) => 2 + first;
}
