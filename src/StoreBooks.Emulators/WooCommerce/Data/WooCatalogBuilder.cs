using System.Text.Json.Nodes;
using StoreBooks.Emulators.Stores;
using StoreBooks.Emulators.Stores.Demo;

namespace StoreBooks.Emulators.WooCommerce.Data;

/// <summary>
/// Renders the demo catalog and customers in WooCommerce REST v3 shapes, with the real stores' quirks: a variable product
/// whose variations have <c>manage_stock:"parent"</c>, a draft product with empty-string prices, nullable <c>stock_quantity</c>.
/// </summary>
internal sealed class WooCatalogBuilder(WooCommerceEmulatorOptions options, Func<string> site)
{
    /// <summary>The demo product whose variations take their stock from the parent.</summary>
    public const int ParentStockProduct = 9;

    private string Local(DateTimeOffset at) => StoreJson.WooDate(at, options.UtcOffset);

    private static string Gmt(DateTimeOffset at) => StoreJson.WooDate(at, TimeSpan.Zero);

    private static string Price(decimal? price) => price is { } p ? StoreJson.Money(p) : "";

    private JsonObject Links(string self, string collection, string? up = null)
    {
        var links = new JsonObject
        {
            ["self"] = new JsonArray(new JsonObject { ["href"] = $"{site()}/wp-json/wc/v3/{self}" }),
            ["collection"] = new JsonArray(new JsonObject { ["href"] = $"{site()}/wp-json/wc/v3/{collection}" }),
        };
        if (up is not null)
        {
            links["up"] = new JsonArray(new JsonObject { ["href"] = $"{site()}/wp-json/wc/v3/{up}" });
        }

        return links;
    }

    private static string StockStatus(int? stock) => stock is 0 ? "outofstock" : "instock";

    public JsonObject Product(DemoProduct product, DateTimeOffset at)
    {
        var id = WooIds.Product(product.Key);
        var variable = product.HasVariants;
        var first = product.Variants[0];
        var parentStock = product.Key == ParentStockProduct ? product.Variants.Sum(v => v.Stock ?? 0) : (int?)null;
        var prices = product.Variants.Select(v => v.Price).Where(p => p is not null).ToList();
        return new JsonObject
        {
            ["id"] = id,
            ["name"] = product.Title,
            ["slug"] = product.Handle,
            ["permalink"] = $"{site()}/product/{product.Handle}/",
            ["date_created"] = Local(at),
            ["date_created_gmt"] = Gmt(at),
            ["date_modified"] = Local(at),
            ["date_modified_gmt"] = Gmt(at),
            ["type"] = variable ? "variable" : "simple",
            ["status"] = product.Active ? "publish" : "draft",
            ["featured"] = false,
            ["catalog_visibility"] = "visible",
            ["description"] = $"<p>{product.Title} from {product.Vendor}.</p>",
            ["short_description"] = "",
            ["sku"] = variable ? product.Handle.ToUpperInvariant() : first.Sku,
            ["price"] = variable ? Price(prices.Min()) : Price(first.Price),
            ["regular_price"] = variable ? "" : Price(first.Price),
            ["sale_price"] = "",
            ["on_sale"] = false,
            ["purchasable"] = prices.Count > 0,
            ["total_sales"] = 0,
            ["virtual"] = product.ProductType is "Gift Card" or "Subscription",
            ["downloadable"] = false,
            ["tax_status"] = product.Taxable ? "taxable" : "none",
            ["tax_class"] = "",
            ["manage_stock"] = variable ? parentStock is not null : first.Tracked,
            ["stock_quantity"] = variable ? parentStock : first.Stock,
            ["stock_status"] = StockStatus(variable ? parentStock : first.Stock),
            ["backorders"] = "no",
            ["categories"] = new JsonArray(new JsonObject { ["id"] = 15 + product.Key, ["name"] = product.ProductType, ["slug"] = product.ProductType.ToLowerInvariant().Replace(' ', '-') }),
            ["attributes"] = variable
                ? new JsonArray(new JsonObject
                {
                    ["id"] = 0,
                    ["name"] = product.OptionName,
                    ["position"] = 0,
                    ["visible"] = true,
                    ["variation"] = true,
                    ["options"] = new JsonArray([.. product.Variants.Select(v => (JsonNode?)JsonValue.Create(v.Option))]),
                })
                : new JsonArray(),
            ["variations"] = variable ? new JsonArray([.. product.Variants.Select(v => (JsonNode?)JsonValue.Create(WooIds.Variation(v.Key)))]) : new JsonArray(),
            ["meta_data"] = new JsonArray(),
            ["_links"] = Links($"products/{id}", "products"),
        };
    }

    public JsonObject Variation(DemoProduct product, DemoVariant variant, DateTimeOffset at)
    {
        var id = WooIds.Variation(variant.Key);
        var parentStock = product.Key == ParentStockProduct;
        return new JsonObject
        {
            ["id"] = id,
            ["date_created"] = Local(at),
            ["date_created_gmt"] = Gmt(at),
            ["date_modified"] = Local(at),
            ["date_modified_gmt"] = Gmt(at),
            ["description"] = "",
            ["permalink"] = $"{site()}/product/{product.Handle}/?attribute_{product.OptionName.ToLowerInvariant()}={Uri.EscapeDataString(variant.Option)}",
            ["sku"] = variant.Sku,
            ["price"] = Price(variant.Price),
            ["regular_price"] = Price(variant.Price),
            ["sale_price"] = "",
            ["on_sale"] = false,
            ["status"] = "publish",
            ["purchasable"] = variant.Price is not null,
            ["virtual"] = product.ProductType is "Gift Card",
            ["downloadable"] = false,
            ["tax_status"] = product.Taxable ? "taxable" : "none",
            ["tax_class"] = "",
            ["manage_stock"] = parentStock ? "parent" : variant.Tracked,
            ["stock_quantity"] = parentStock ? null : variant.Stock,
            ["stock_status"] = StockStatus(variant.Stock),
            ["backorders"] = "no",
            ["attributes"] = new JsonArray(new JsonObject { ["id"] = 0, ["name"] = product.OptionName, ["option"] = variant.Option }),
            ["menu_order"] = 0,
            ["meta_data"] = new JsonArray(),
            ["_links"] = Links($"products/{WooIds.Product(product.Key)}/variations/{id}", $"products/{WooIds.Product(product.Key)}/variations", $"products/{WooIds.Product(product.Key)}"),
        };
    }

    public JsonObject Customer(DemoCustomer customer, DateTimeOffset at)
    {
        var id = WooIds.Customer(customer.Key);
        return new JsonObject
        {
            ["id"] = id,
            ["date_created"] = Local(at),
            ["date_created_gmt"] = Gmt(at),
            ["date_modified"] = Local(at),
            ["date_modified_gmt"] = Gmt(at),
            ["email"] = customer.Email,
            ["first_name"] = customer.FirstName,
            ["last_name"] = customer.LastName,
            ["role"] = "customer",
            ["username"] = customer.Email.Split('@')[0],
            ["billing"] = Address(customer, withEmail: true),
            ["shipping"] = Address(customer, withEmail: false),
            ["is_paying_customer"] = true,
            ["avatar_url"] = "https://secure.gravatar.com/avatar/?s=96&d=mm&r=g",
            ["meta_data"] = new JsonArray(),
            ["_links"] = Links($"customers/{id}", "customers"),
        };
    }

    public static JsonObject Address(DemoCustomer customer, bool withEmail)
    {
        var address = new JsonObject
        {
            ["first_name"] = customer.FirstName,
            ["last_name"] = customer.LastName,
            ["company"] = customer.TaxExempt ? customer.FirstName : "",
            ["address_1"] = customer.Address1,
            ["address_2"] = "",
            ["city"] = customer.City,
            ["state"] = customer.ProvinceCode,
            ["postcode"] = customer.Zip,
            ["country"] = "US",
        };
        if (withEmail)
        {
            address["email"] = customer.Email;
        }

        address["phone"] = customer.Phone;
        return address;
    }

    public static JsonObject EmptyAddress() => new()
    {
        ["first_name"] = "", ["last_name"] = "", ["company"] = "", ["address_1"] = "", ["address_2"] = "",
        ["city"] = "", ["state"] = "", ["postcode"] = "", ["country"] = "", ["phone"] = "",
    };
}
