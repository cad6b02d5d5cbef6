namespace StoreBooks.Emulators.Stores.Demo;

/// <summary>One product of the built-in demo shop (a coffee and tea roaster); each platform renders it in its own format.</summary>
public sealed record DemoProduct(
    int Key,
    string Title,
    string Handle,
    string Vendor,
    string ProductType,
    string OptionName,
    bool Taxable,
    bool Active,
    IReadOnlyList<DemoVariant> Variants)
{
    public bool HasVariants => Variants.Count > 1;
}

/// <summary>One variant (size, colour…) of a demo product; <see cref="Price"/> is null for a product not yet priced.</summary>
public sealed record DemoVariant(int Key, string Sku, string Option, decimal? Price, decimal Cost, int? Stock, bool Tracked);

/// <summary>A demo customer.</summary>
public sealed record DemoCustomer(
    int Key,
    string FirstName,
    string LastName,
    string Email,
    string Phone,
    string Address1,
    string City,
    string Province,
    string ProvinceCode,
    string Zip,
    bool TaxExempt);

/// <summary>The built-in demo catalog and customers, written for StoreBooks (no real shop's data).</summary>
public static class DemoCatalog
{
    public static readonly IReadOnlyList<DemoProduct> Products =
    [
        new(1, "House Blend Coffee", "house-blend-coffee", "Harbor Roasters", "Coffee", "Size", true, true,
            [new(11, "HB-250", "250 g", 14.00m, 5.20m, 120, true), new(12, "HB-1000", "1 kg", 42.00m, 17.50m, 35, true)]),
        new(2, "Ethiopia Yirgacheffe", "ethiopia-yirgacheffe", "Harbor Roasters", "Coffee", "Size", true, true,
            [new(21, "ETH-250", "250 g", 17.50m, 6.80m, 60, true), new(22, "ETH-1000", "1 kg", 56.00m, 22.40m, 12, true)]),
        new(3, "Decaf Colombia", "decaf-colombia", "Harbor Roasters", "Coffee", "Size", true, true,
            [new(31, "DEC-250", "250 g", 15.00m, 6.10m, 40, true)]),
        new(4, "Earl Grey Tea", "earl-grey-tea", "Harbor Roasters", "Tea", "Format", true, true,
            [new(41, "TEA-EG-TIN", "Tin 100 g", 12.00m, 3.90m, 80, true), new(42, "TEA-EG-REF", "Refill 250 g", 22.00m, 7.10m, 25, true)]),
        new(5, "Sencha Green Tea", "sencha-green-tea", "Harbor Roasters", "Tea", "Format", true, true,
            [new(51, "TEA-SEN", "Tin 100 g", 13.50m, 4.40m, 45, true)]),
        new(6, "Ceramic Pour-Over Dripper", "ceramic-dripper", "Kiln & Co", "Brewing", "Color", true, true,
            [new(61, "DRIP-WHT", "White", 28.00m, 11.00m, 18, true), new(62, "DRIP-BLK", "Black", 28.00m, 11.00m, 9, true)]),
        new(7, "Paper Filters #2 (100 pack)", "paper-filters-2", "Kiln & Co", "Brewing", "Title", true, true,
            [new(71, "FILT-2-100", "Default Title", 6.50m, 1.80m, 300, true)]),
        new(8, "Gooseneck Kettle 0.9 L", "gooseneck-kettle", "Pourwell", "Brewing", "Title", true, true,
            [new(81, "KETTLE-09", "Default Title", 64.99m, 31.00m, 7, true)]),
        new(9, "Burr Grinder", "burr-grinder", "Pourwell", "Brewing", "Drive", true, true,
            [new(91, "GRIND-MAN", "Manual", 45.00m, 19.50m, 14, true), new(92, "GRIND-ELEC", "Electric", 129.00m, 61.00m, 5, true)]),
        new(10, "Travel Mug 12 oz", "travel-mug-12oz", "Harbor Roasters", "Merchandise", "Color", true, true,
            [new(101, "MUG-SAND", "Sand", 24.00m, 8.20m, 30, true), new(102, "MUG-FOREST", "Forest", 24.00m, 8.20m, 22, true),
             new(103, "MUG-SLATE", "Slate", 24.00m, 8.20m, 0, true)]),
        new(11, "Gift Card", "gift-card", "Harbor Roasters", "Gift Card", "Denomination", false, true,
            [new(111, "GIFT-25", "$25", 25.00m, 0m, null, false), new(112, "GIFT-50", "$50", 50.00m, 0m, null, false)]),
        new(12, "Monthly Coffee Subscription", "monthly-subscription", "Harbor Roasters", "Subscription", "Title", true, false,
            [new(121, "SUB-MONTH", "Default Title", null, 0m, null, false)]),
    ];

    public static readonly IReadOnlyList<DemoCustomer> Customers =
    [
        new(1, "Maya", "Okafor", "maya.okafor@example.com", "+16175550101", "12 Wharf Street", "Boston", "Massachusetts", "MA", "02110", false),
        new(2, "Daniel", "Brandt", "daniel.brandt@example.com", "+16175550102", "48 Elm Avenue", "Cambridge", "Massachusetts", "MA", "02139", false),
        new(3, "Sofia", "Marquez", "sofia.marquez@example.net", "+14015550103", "7 Ocean Road", "Providence", "Rhode Island", "RI", "02903", false),
        new(4, "Ken", "Watanabe", "ken.watanabe@example.org", "+12075550104", "301 Fore Street", "Portland", "Maine", "ME", "04101", false),
        new(5, "Lakeside Cafe", "Purchasing", "orders@lakeside-cafe.example", "+18025550105", "90 Lake Street", "Burlington", "Vermont", "VT", "05401", true),
        new(6, "Priya", "Raman", "priya.raman@example.com", "+16035550106", "5 Mill Lane", "Concord", "New Hampshire", "NH", "03301", false),
    ];

    public static DemoProduct Product(int key) => Products.First(p => p.Key == key);

    public static (DemoProduct Product, DemoVariant Variant) Variant(int variantKey)
    {
        if (GeneratedCatalog.Variant(variantKey) is { } generated)
        {
            return generated;
        }

        foreach (var product in Products)
        {
            foreach (var variant in product.Variants)
            {
                if (variant.Key == variantKey)
                {
                    return (product, variant);
                }
            }
        }

        throw new ArgumentOutOfRangeException(nameof(variantKey), variantKey, "No demo variant has this key.");
    }

    public static DemoCustomer Customer(int key) => GeneratedCatalog.Customer(key) ?? Customers.First(c => c.Key == key);
}
