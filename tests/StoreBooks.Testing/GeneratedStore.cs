using System.Globalization;
using System.Text;

namespace StoreBooks.Testing;

/// <summary>A product variant of the generated store: its SKU, the names Shopify gives it, its price.</summary>
public sealed record GeneratedProduct(string Handle, string Title, string Variant, string Sku, decimal Price)
{
    /// <summary>The line name Shopify writes in the orders export.</summary>
    public string LineName => $"{Title} - {Variant}";
}

/// <summary>A buyer of the generated store.</summary>
public sealed record GeneratedCustomer(string Email, string FirstName, string LastName)
{
    public string DisplayName => $"{FirstName} {LastName}";
}

/// <summary>One line of a generated order.</summary>
public sealed record GeneratedLine(GeneratedProduct Product, int Quantity);

/// <summary>A paid order of the generated store, in USD, without tax, shipping or discount; paid when placed or later.</summary>
public sealed record GeneratedOrder(int Number, long Id, GeneratedCustomer Customer, IReadOnlyList<GeneratedLine> Lines, DateTimeOffset CreatedAt, DateTimeOffset PaidAt)
{
    public string Name => $"#{Number}";

    public decimal Total => Lines.Sum(l => l.Quantity * l.Product.Price);
}

/// <summary>
/// A store made up for a test from a seed: products with SKUs, customers with distinct names and emails, and orders, oldest
/// first, written as Shopify's product export and orders export ("Orders → Export": one row per line item, the order's
/// columns on its first row).
/// </summary>
public sealed class GeneratedStore
{
    private static readonly string[] FirstNames =
    [
        "Ann", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonah", "Kira", "Liam", "Maya", "Noor", "Omar",
        "Priya", "Quinn", "Rosa", "Sam", "Tara", "Umar", "Vera", "Wes", "Xin", "Yara", "Zoe",
    ];

    private static readonly string[] LastNames =
    [
        "Abbott", "Bauer", "Castro", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jensen", "Kowalski", "Larsen", "Moreau",
        "Nakamura", "Okafor", "Petrov", "Quispe", "Rossi", "Silva", "Tanaka", "Ueda", "Varga", "Weber", "Yilmaz",
    ];

    private static readonly string[] ProductTitles =
    [
        "Trail Sock", "Linen Shirt", "Wool Beanie", "Canvas Tote", "Rain Shell", "Field Notebook", "Camp Mug", "Cotton Tee",
        "Merino Scarf", "Hiking Cap", "Down Vest", "Leather Belt", "Denim Jacket", "Fleece Hoodie", "Knit Gloves", "Travel Pouch",
    ];

    private static readonly string[] Sizes = ["S", "M", "L", "XL"];

    private static readonly string[] OrdersHeader =
        ("Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code," +
        "Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku," +
        "Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2," +
        "Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1," +
        "Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes," +
        "Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level," +
        "Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name," +
        "Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,Payment ID,Payment Terms Name,Next Payment Due At," +
        "Payment References").Split(',');

    private static readonly string[] ProductsHeader =
        ("Handle,Title,Body (HTML),Vendor,Product Category,Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,Option2 Value," +
        "Option3 Name,Option3 Value,Variant SKU,Variant Grams,Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy," +
        "Variant Fulfillment Service,Variant Price,Variant Compare At Price,Variant Requires Shipping,Variant Taxable,Variant Barcode,Image Src," +
        "Image Position,Image Alt Text,Gift Card,SEO Title,SEO Description,Variant Image,Variant Weight Unit,Variant Tax Code,Cost per item,Status").Split(',');

    private GeneratedStore(IReadOnlyList<GeneratedProduct> products, IReadOnlyList<GeneratedCustomer> customers, IReadOnlyList<GeneratedOrder> orders)
    {
        Products = products;
        Customers = customers;
        Orders = orders;
    }

    public IReadOnlyList<GeneratedProduct> Products { get; }

    public IReadOnlyList<GeneratedCustomer> Customers { get; }

    public IReadOnlyList<GeneratedOrder> Orders { get; }

    /// <summary>
    /// <paramref name="skus"/> variants (four sizes a product), <paramref name="customers"/> buyers and <paramref name="orders"/>
    /// orders of one to three lines, one every <paramref name="spacing"/> (seven minutes by default) from <paramref name="firstOrder"/>,
    /// the share <paramref name="paidLater"/> of them paid three days after they were placed; the same seed gives the same store.
    /// </summary>
    public static GeneratedStore Create(int orders, int customers, int skus, int seed, DateTimeOffset firstOrder, TimeSpan? spacing = null, double paidLater = 0)
    {
        var random = new Random(seed);
        var products = Enumerable.Range(0, skus).Select(i =>
        {
            var title = ProductTitles[i / Sizes.Length % ProductTitles.Length] + (i / (Sizes.Length * ProductTitles.Length) is var series and > 0 ? $" {series + 1}" : "");
            var handle = title.ToLowerInvariant().Replace(' ', '-');
            var price = random.Next(500, 12_000) / 100m;
            return new GeneratedProduct(handle, title, Sizes[i % Sizes.Length], $"GEN-{i + 1:D4}", price);
        }).ToList();
        if (customers > FirstNames.Length * LastNames.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(customers), $"At most {FirstNames.Length * LastNames.Length} distinct names.");
        }

        var names = FirstNames.SelectMany(f => LastNames.Select(l => (f, l))).OrderBy(_ => random.Next()).Take(customers).ToList();
        var buyers = names.Select((n, i) => new GeneratedCustomer($"{n.f}.{n.l}.{i + 1}@example.com".ToLowerInvariant(), n.f, n.l)).ToList();
        return new GeneratedStore(products, buyers, []).WithMoreOrders(orders, seed, firstOrder, spacing, paidLater);
    }

    /// <summary>The same store with <paramref name="count"/> orders more, numbered on from the last, for the same customers and products.</summary>
    public GeneratedStore WithMoreOrders(int count, int seed, DateTimeOffset firstOrder, TimeSpan? spacing = null, double paidLater = 0)
    {
        // Not HashCode.Combine: it is seeded anew in every process, so the "same" store would differ from run to run.
        var random = new Random(unchecked((seed * 7919) + Orders.Count));
        var step = spacing ?? TimeSpan.FromMinutes(7);
        var firstNumber = 1001 + Orders.Count;
        var list = new List<GeneratedOrder>(Orders.Count + count);
        list.AddRange(Orders);
        for (var i = 0; i < count; i++)
        {
            var lines = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => Products[random.Next(Products.Count)])
                .Distinct()
                .Select(p => new GeneratedLine(p, random.Next(1, 4)))
                .ToList();
            var number = firstNumber + i;
            var created = firstOrder + (step * i);
            var paid = random.NextDouble() < paidLater ? created.AddDays(3) : created;
            list.Add(new GeneratedOrder(number, 7_100_000_000 + number, Customers[random.Next(Customers.Count)], lines, created, paid));
        }

        return new GeneratedStore(Products, Customers, list);
    }

    /// <summary>Writes Shopify's product export of the store's products.</summary>
    public void WriteProducts(string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        WriteRow(writer, ProductsHeader, ProductsHeader.ToDictionary(h => h, h => h));
        foreach (var group in Products.GroupBy(p => p.Handle))
        {
            var first = true;
            foreach (var product in group)
            {
                var row = new Dictionary<string, string>
                {
                    ["Handle"] = product.Handle,
                    ["Option1 Value"] = product.Variant,
                    ["Variant SKU"] = product.Sku,
                    ["Variant Price"] = Money(product.Price),
                    ["Variant Requires Shipping"] = "TRUE",
                    ["Variant Taxable"] = "FALSE",
                    ["Variant Inventory Policy"] = "deny",
                    ["Variant Fulfillment Service"] = "manual",
                };
                if (first)
                {
                    row["Title"] = product.Title;
                    row["Body (HTML)"] = $"<p>{product.Title}, made for a test.</p>";
                    row["Vendor"] = "Generated Goods";
                    row["Published"] = "TRUE";
                    row["Option1 Name"] = "Size";
                    row["Gift Card"] = "FALSE";
                    row["Status"] = "active";
                    first = false;
                }

                WriteRow(writer, ProductsHeader, row);
            }
        }
    }

    /// <summary>Writes Shopify's orders export of the store's orders, oldest first.</summary>
    public void WriteOrders(string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        WriteRow(writer, OrdersHeader, OrdersHeader.ToDictionary(h => h, h => h));
        foreach (var order in Orders)
        {
            for (var i = 0; i < order.Lines.Count; i++)
            {
                var line = order.Lines[i];
                var row = new Dictionary<string, string>
                {
                    ["Name"] = order.Name,
                    ["Lineitem quantity"] = line.Quantity.ToString(CultureInfo.InvariantCulture),
                    ["Lineitem name"] = line.Product.LineName,
                    ["Lineitem price"] = Money(line.Product.Price),
                    ["Lineitem sku"] = line.Product.Sku,
                    ["Lineitem requires shipping"] = "true",
                    ["Lineitem taxable"] = "false",
                    ["Lineitem fulfillment status"] = "fulfilled",
                    ["Lineitem discount"] = "0.00",
                };
                if (i == 0)
                {
                    var created = Time(order.CreatedAt);
                    var customer = order.Customer;
                    row["Email"] = customer.Email;
                    row["Financial Status"] = "paid";
                    row["Paid at"] = Time(order.PaidAt);
                    row["Fulfillment Status"] = "fulfilled";
                    row["Accepts Marketing"] = "no";
                    row["Currency"] = "USD";
                    row["Subtotal"] = Money(order.Total);
                    row["Shipping"] = "0.00";
                    row["Taxes"] = "0.00";
                    row["Total"] = Money(order.Total);
                    row["Discount Amount"] = "0.00";
                    row["Created at"] = created;
                    foreach (var side in new[] { "Billing", "Shipping" })
                    {
                        row[$"{side} Name"] = customer.DisplayName;
                        row[$"{side} Address1"] = $"{100 + (order.Number % 800)} Main Street";
                        row[$"{side} City"] = "Portland";
                        row[$"{side} Zip"] = "97205";
                        row[$"{side} Province"] = "OR";
                        row[$"{side} Country"] = "US";
                    }

                    row["Payment Method"] = "Shopify Payments";
                    row["Refunded Amount"] = "0.00";
                    row["Outstanding Balance"] = "0.00";
                    row["Id"] = order.Id.ToString(CultureInfo.InvariantCulture);
                    row["Risk Level"] = "Low";
                    row["Source"] = "web";
                }

                WriteRow(writer, OrdersHeader, row);
            }
        }
    }

    private static void WriteRow(TextWriter writer, string[] header, IReadOnlyDictionary<string, string> row) =>
        writer.WriteLine(string.Join(',', header.Select(h => Quote(row.GetValueOrDefault(h, "")))));

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Shopify's time format: 2025-06-01 09:00:00 -0400.</summary>
    private static string Time(DateTimeOffset time) =>
        string.Create(CultureInfo.InvariantCulture, $"{time:yyyy-MM-dd HH:mm:ss} {(time.Offset < TimeSpan.Zero ? '-' : '+')}{time.Offset.Duration():hhmm}");
}
