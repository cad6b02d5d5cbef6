namespace StoreBooks.Emulators.Stores.Demo;

/// <summary>
/// A wide made-up catalogue for benchmarks: <see cref="CustomerCount"/> customers and <see cref="SkuCount"/> SKUs (products of up to
/// three sizes), each computed from its key, so that <see cref="DemoCatalog.Customer"/> and <see cref="DemoCatalog.Variant"/>
/// resolve them like demo ones without storing them. Keys lie far above the demo's (customers from 10,000, products from
/// 100,000, variants product × 10 + 1..3), so both catalogues can live in one store.
/// </summary>
public sealed record GeneratedCatalog(int CustomerCount, int SkuCount)
{
    private const int FirstCustomer = 10_000;
    private const int FirstProduct = 100_000;
    private const int SizesPerProduct = 3;

    private static readonly string[] FirstNames =
        ["Ann", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonah", "Kira", "Liam", "Maya", "Noor", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tara"];

    private static readonly string[] LastNames =
        ["Abbott", "Bauer", "Castro", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jensen", "Kowalski", "Larsen", "Moreau", "Nakamura", "Okafor", "Petrov"];

    private static readonly (string City, string Province, string Code, string Zip)[] Places =
    [
        ("Boston", "Massachusetts", "MA", "02110"), ("Providence", "Rhode Island", "RI", "02903"), ("Portland", "Maine", "ME", "04101"),
        ("Burlington", "Vermont", "VT", "05401"), ("Concord", "New Hampshire", "NH", "03301"), ("Worcester", "Massachusetts", "MA", "01608"),
    ];

    private static readonly string[] Titles =
        ["Roast", "Blend", "Tea", "Mug", "Dripper", "Kettle", "Grinder", "Filter", "Scale", "Tin", "Tote", "Cap"];

    private static readonly string[] Sizes = ["Small", "Medium", "Large"];

    public int ProductCount => (SkuCount + SizesPerProduct - 1) / SizesPerProduct;

    /// <summary>The key of the catalogue's customer number <paramref name="n"/> (0-based).</summary>
    public static int CustomerKey(int n) => FirstCustomer + n;

    /// <summary>The variant key of the catalogue's SKU number <paramref name="n"/> (0-based).</summary>
    public static int VariantKey(int n) => ((FirstProduct + (n / SizesPerProduct)) * 10) + 1 + (n % SizesPerProduct);

    public IEnumerable<DemoCustomer> Customers() => Enumerable.Range(0, CustomerCount).Select(n => Customer(CustomerKey(n))!);

    public IEnumerable<DemoProduct> Products() => Enumerable.Range(0, ProductCount).Select(n => Product(FirstProduct + n, SkuCount));

    public static bool IsGeneratedCustomer(int key) => key >= FirstCustomer;

    public static bool IsGeneratedVariant(int key) => key >= FirstProduct * 10;

    public static DemoCustomer? Customer(int key)
    {
        if (!IsGeneratedCustomer(key))
        {
            return null;
        }

        var n = key - FirstCustomer;
        var first = FirstNames[n % FirstNames.Length];
        var last = LastNames[(n / FirstNames.Length) % LastNames.Length];
        var place = Places[n % Places.Length];
        return new DemoCustomer(key, first, $"{last} {n + 1}", $"{first}.{last}.{n + 1}@example.com".ToLowerInvariant(), $"+1617555{n % 10_000:D4}",
            $"{1 + (n % 400)} Harbor Street", place.City, place.Province, place.Code, place.Zip, TaxExempt: n % 97 == 0);
    }

    public static (DemoProduct Product, DemoVariant Variant)? Variant(int key)
    {
        if (!IsGeneratedVariant(key))
        {
            return null;
        }

        var product = Product(key / 10, int.MaxValue);
        return (product, product.Variants.First(v => v.Key == key));
    }

    /// <summary>Product <paramref name="key"/>, with its sizes up to the catalogue's last SKU.</summary>
    private static DemoProduct Product(int key, int skuCount)
    {
        var n = key - FirstProduct;
        var title = $"{Titles[n % Titles.Length]} No. {n + 1}";
        var sizes = Math.Clamp(skuCount - (n * SizesPerProduct), 1, SizesPerProduct);
        var basePrice = 6m + (n * 7 % 60) + 0.5m * (n % 2);
        var variants = Enumerable.Range(0, sizes)
            .Select(s => new DemoVariant((key * 10) + 1 + s, $"GEN-{n + 1:D4}-{Sizes[s][0]}", Sizes[s], basePrice + (s * 4m), Math.Round(basePrice * 0.4m, 2), 500, true))
            .ToList();
        return new DemoProduct(key, title, $"gen-{n + 1}", "Harbor Roasters", Titles[n % Titles.Length], "Size", Taxable: true, Active: true, variants);
    }
}
