using System.Text.Json.Nodes;
using StoreBooks.Emulators.Stores;
using StoreBooks.Emulators.Stores.Demo;

namespace StoreBooks.Emulators.Shopify.Data;

/// <summary>Renders the demo catalog, stock and customers in Shopify's REST 2025-07 shapes.</summary>
internal static class ShopifyCatalogBuilder
{
    public static JsonObject Product(DemoProduct product, DateTimeOffset at, ShopifyEmulatorOptions options)
    {
        var id = ShopifyIds.Product(product.Key);
        var date = StoreJson.ShopifyDate(at, options.UtcOffset);
        var variants = new JsonArray();
        var position = 1;
        foreach (var variant in product.Variants)
        {
            variants.Add(Variant(product, variant, position++, at, options));
        }

        return new JsonObject
        {
            ["id"] = id,
            ["title"] = product.Title,
            ["body_html"] = $"<p>{product.Title} from {product.Vendor}.</p>",
            ["vendor"] = product.Vendor,
            ["product_type"] = product.ProductType,
            ["created_at"] = date,
            ["handle"] = product.Handle,
            ["updated_at"] = date,
            ["published_at"] = product.Active ? date : null,
            ["template_suffix"] = null,
            ["published_scope"] = "web",
            ["tags"] = product.ProductType,
            ["status"] = product.Active ? "active" : "draft",
            ["admin_graphql_api_id"] = ShopifyIds.Gid("Product", id),
            ["variants"] = variants,
            ["options"] = new JsonArray(new JsonObject
            {
                ["id"] = id + 500,
                ["product_id"] = id,
                ["name"] = product.OptionName,
                ["position"] = 1,
                ["values"] = new JsonArray([.. product.Variants.Select(v => (JsonNode?)JsonValue.Create(v.Option))]),
            }),
            ["images"] = new JsonArray(),
            ["image"] = null,
        };
    }

    public static JsonObject Variant(DemoProduct product, DemoVariant variant, int position, DateTimeOffset at, ShopifyEmulatorOptions options)
    {
        var id = ShopifyIds.Variant(variant.Key);
        var date = StoreJson.ShopifyDate(at, options.UtcOffset);
        var price = StoreJson.Money(variant.Price ?? 0m);
        return new JsonObject
        {
            ["id"] = id,
            ["product_id"] = ShopifyIds.Product(product.Key),
            ["title"] = variant.Option,
            ["price"] = price,
            ["position"] = position,
            ["inventory_policy"] = "deny",
            ["compare_at_price"] = null,
            ["option1"] = variant.Option,
            ["option2"] = null,
            ["option3"] = null,
            ["created_at"] = date,
            ["updated_at"] = date,
            ["taxable"] = product.Taxable,
            ["barcode"] = null,
            ["fulfillment_service"] = "manual",
            ["grams"] = 250,
            ["inventory_management"] = variant.Tracked ? "shopify" : null,
            ["requires_shipping"] = product.ProductType != "Gift Card",
            ["sku"] = variant.Sku,
            ["weight"] = 0.25,
            ["weight_unit"] = "kg",
            ["inventory_item_id"] = ShopifyIds.InventoryItem(variant.Key),
            ["inventory_quantity"] = variant.Stock ?? 0,
            ["old_inventory_quantity"] = variant.Stock ?? 0,
            ["presentment_prices"] = new JsonArray(new JsonObject
            {
                ["price"] = new JsonObject { ["amount"] = price, ["currency_code"] = options.Currency },
                ["compare_at_price"] = null,
            }),
            ["admin_graphql_api_id"] = ShopifyIds.Gid("ProductVariant", id),
            ["image_id"] = null,
        };
    }

    public static JsonObject InventoryItem(DemoVariant variant, DateTimeOffset at, ShopifyEmulatorOptions options)
    {
        var id = ShopifyIds.InventoryItem(variant.Key);
        var date = StoreJson.ShopifyDate(at, options.UtcOffset);
        return new JsonObject
        {
            ["id"] = id,
            ["sku"] = variant.Sku,
            ["created_at"] = date,
            ["updated_at"] = date,
            ["requires_shipping"] = true,
            ["cost"] = variant.Cost == 0 ? null : StoreJson.Money(variant.Cost),
            ["country_code_of_origin"] = null,
            ["province_code_of_origin"] = null,
            ["harmonized_system_code"] = null,
            ["tracked"] = variant.Tracked,
            ["country_harmonized_system_codes"] = new JsonArray(),
            ["admin_graphql_api_id"] = ShopifyIds.Gid("InventoryItem", id),
        };
    }

    public static IEnumerable<JsonObject> InventoryLevels(DemoVariant variant, DateTimeOffset at, ShopifyEmulatorOptions options)
    {
        if (variant.Stock is not { } stock)
        {
            yield break;
        }

        var split = new[] { stock - (stock / 4), stock / 4 };
        for (var n = 1; n <= 2; n++)
        {
            var location = ShopifyIds.Location(n);
            yield return new JsonObject
            {
                ["inventory_item_id"] = ShopifyIds.InventoryItem(variant.Key),
                ["location_id"] = location,
                ["available"] = split[n - 1],
                ["updated_at"] = StoreJson.ShopifyDate(at, options.UtcOffset),
                ["admin_graphql_api_id"] = $"gid://shopify/InventoryLevel/{location}?inventory_item_id={ShopifyIds.InventoryItem(variant.Key)}",
            };
        }
    }

    public static JsonObject Location(int n, string name, string address, string city, string provinceCode, string zip, DateTimeOffset at, ShopifyEmulatorOptions options)
    {
        var id = ShopifyIds.Location(n);
        var date = StoreJson.ShopifyDate(at, options.UtcOffset);
        return new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["address1"] = address,
            ["address2"] = null,
            ["city"] = city,
            ["zip"] = zip,
            ["province"] = provinceCode == "MA" ? "Massachusetts" : "Maine",
            ["country"] = "US",
            ["phone"] = null,
            ["created_at"] = date,
            ["updated_at"] = date,
            ["country_code"] = "US",
            ["country_name"] = "United States",
            ["province_code"] = provinceCode,
            ["legacy"] = false,
            ["active"] = true,
            ["admin_graphql_api_id"] = ShopifyIds.Gid("Location", id),
            ["localized_country_name"] = "United States",
            ["localized_province_name"] = provinceCode == "MA" ? "Massachusetts" : "Maine",
        };
    }

    public static JsonObject Customer(DemoCustomer customer, DateTimeOffset at, ShopifyEmulatorOptions options)
    {
        var result = OrderCustomer(customer, options, at);
        result["addresses"] = new JsonArray(DefaultAddress(customer));
        return result;
    }

    public static JsonObject OrderCustomer(DemoCustomer customer, ShopifyEmulatorOptions options, DateTimeOffset? at = null)
    {
        var id = ShopifyIds.Customer(customer.Key);
        var date = StoreJson.ShopifyDate(at ?? new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.Zero).AddDays(customer.Key * 9), options.UtcOffset);
        return new JsonObject
        {
            ["id"] = id,
            ["email"] = customer.Email,
            ["created_at"] = date,
            ["updated_at"] = date,
            ["first_name"] = customer.FirstName,
            ["last_name"] = customer.LastName,
            ["state"] = "enabled",
            ["note"] = customer.TaxExempt ? "Wholesale account" : null,
            ["verified_email"] = true,
            ["multipass_identifier"] = null,
            ["tax_exempt"] = customer.TaxExempt,
            ["phone"] = customer.Phone,
            ["tags"] = customer.TaxExempt ? "wholesale" : "",
            ["currency"] = options.Currency,
            ["tax_exemptions"] = new JsonArray(),
            ["admin_graphql_api_id"] = ShopifyIds.Gid("Customer", id),
            ["default_address"] = DefaultAddress(customer),
        };
    }

    private static JsonObject DefaultAddress(DemoCustomer customer) => new()
    {
        ["id"] = ShopifyIds.Customer(customer.Key) + 1_000,
        ["customer_id"] = ShopifyIds.Customer(customer.Key),
        ["first_name"] = customer.FirstName,
        ["last_name"] = customer.LastName,
        ["company"] = customer.TaxExempt ? customer.FirstName : null,
        ["address1"] = customer.Address1,
        ["address2"] = "",
        ["city"] = customer.City,
        ["province"] = customer.Province,
        ["country"] = "United States",
        ["zip"] = customer.Zip,
        ["phone"] = customer.Phone,
        ["name"] = $"{customer.FirstName} {customer.LastName}",
        ["province_code"] = customer.ProvinceCode,
        ["country_code"] = "US",
        ["country_name"] = "United States",
        ["default"] = true,
    };
}
