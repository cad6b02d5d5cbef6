using StoreBooks.Emulators.Stores.Demo;

namespace StoreBooks.Emulators.Shopify.Data;

/// <summary>Fills a <see cref="ShopifyShop"/> with the built-in demo shop and, optionally, generated benchmark orders.</summary>
internal static class ShopifyDemoSeeder
{
    public static void Seed(ShopifyShop shop, ShopifyEmulatorOptions options, DateTimeOffset anchor, bool demo, int generated, int seed)
    {
        if (demo)
        {
            var catalogDate = anchor.AddDays(-90);
            foreach (var product in DemoCatalog.Products)
            {
                shop.PutProduct(ShopifyCatalogBuilder.Product(product, catalogDate.AddDays(product.Key), options));
                foreach (var variant in product.Variants)
                {
                    lock (shop.Gate)
                    {
                        shop.InventoryItems[ShopifyIds.InventoryItem(variant.Key)] = ShopifyCatalogBuilder.InventoryItem(variant, catalogDate, options);
                    }

                    foreach (var level in ShopifyCatalogBuilder.InventoryLevels(variant, anchor.AddDays(-1), options))
                    {
                        shop.PutInventoryLevel(level);
                    }
                }
            }

            lock (shop.Gate)
            {
                shop.Locations[ShopifyIds.Location(1)] = ShopifyCatalogBuilder.Location(1, "Harbor Roastery", "1 Atlantic Avenue", "Boston", "MA", "02110", catalogDate, options);
                shop.Locations[ShopifyIds.Location(2)] = ShopifyCatalogBuilder.Location(2, "Portland Warehouse", "88 Commercial Street", "Portland", "ME", "04101", catalogDate, options);
                foreach (var customer in DemoCatalog.Customers)
                {
                    shop.Customers[ShopifyIds.Customer(customer.Key)] = ShopifyCatalogBuilder.Customer(customer, catalogDate.AddDays(customer.Key), options);
                }
            }
        }

        shop.UsePlans(demo ? DemoOrderBook.Plans(anchor) : [], generated > 0 ? new OrderPlanGenerator(seed, generated, anchor) : null);
    }
}
