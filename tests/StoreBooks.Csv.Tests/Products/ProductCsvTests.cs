using System.Text;
using StoreBooks.Core.Model;
using StoreBooks.Core.Sources;
using Xunit;

namespace StoreBooks.Csv.Tests.Products;

public sealed class ProductCsvTests : IDisposable
{
    private const string Export = """"
        Handle,Title,Body (HTML),Vendor,Published,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,Variant SKU,Variant Inventory Tracker,Variant Price,Cost per item,Image Src,Status
        organic-tee,Organic Cotton Tee,"<p>Heavyweight cotton, <b>cut &amp; sewn</b> in Montréal.</p><p>Pre-shrunk.</p>",Maple Lane Goods,TRUE,Size,S,Color,White,,,MLG-TEE-S-WHT,,32.00,11.00,https://images.example.com/tee-1.jpg,active
        organic-tee,,,,,,S,,Navy,,,MLG-TEE-S-NAV,,32.00,11.00,,
        organic-tee,,,,,,,,,,,,,,,https://images.example.com/tee-2.jpg,
        organic-tee,,,,,,M,,White,,,,,34.00,,,
        camp-mug,Enamel Camp Mug,<p>350 ml</p>,Maple Lane Goods,TRUE,Title,Default Title,,,,,MLG-MUG,shopify,18.00,6.20,,active
        maple-candle,Maple Syrup Candle,,Maple Lane Goods,FALSE,Title,Default Title,,,,,MLG-CNDL,,26.00,,,draft
        ceramic-planter,Ceramic Planter,,Maple Lane Goods,TRUE,Size,"6""",,,,,MLG-PLT-6,,36.00,,,active
        """";

    private readonly TestFolder _folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Variants_carry_their_products_columns_down_and_image_rows_are_skipped()
    {
        var (products, problems) = await ReadAsync(Export);

        Assert.Empty(problems);
        Assert.Equal(
            ["organic-tee:S / White", "organic-tee:S / Navy", "organic-tee:M / White", "camp-mug", "maple-candle", "ceramic-planter:6\""],
            products.Select(p => p.SourceId));

        var navy = products[1];
        Assert.Equal(("organic-tee", "Organic Cotton Tee", "S / Navy"), (navy.ProductId, navy.ProductTitle, navy.VariantTitle));
        Assert.Equal(("MLG-TEE-S-NAV", 32.00m, 11.00m), (navy.Sku, navy.Price, navy.Cost));
        Assert.Equal("Heavyweight cotton, cut & sewn in Montréal. Pre-shrunk.", navy.Description);
        Assert.True(navy.Active);
        Assert.Equal("products.csv line 3", navy.Origin);

        var medium = products[2];
        Assert.Null(medium.Sku);
        Assert.Equal(34.00m, medium.Price);
        Assert.Null(medium.Cost);
        Assert.Equal("products.csv line 5", medium.Origin);

        var mug = products[3];
        Assert.Null(mug.VariantTitle);
        Assert.True(mug.TracksInventory);
        Assert.False(navy.TracksInventory);

        Assert.False(products[4].Active); // draft
        Assert.Equal("6\"", products[5].VariantTitle);
    }

    [Fact]
    public async Task A_bad_price_is_reported_with_its_line_and_the_rest_is_read()
    {
        var export = Export.Replace("MLG-TEE-S-NAV,,32.00", "MLG-TEE-S-NAV,,$32", StringComparison.Ordinal);

        var (products, problems) = await ReadAsync(export);

        Assert.Equal(5, products.Count);
        var problem = Assert.Single(problems);
        Assert.Equal("organic-tee:S / Navy", problem.RecordId);
        Assert.Equal("products.csv line 3 (product Organic Cotton Tee - S / Navy): Variant Price \"$32\" is not a number (write it like 24.99).", problem.Message);
    }

    [Theory]
    [InlineData("-4.00", "Variant Price -4.00 is negative")]
    [InlineData("", "Variant Price is empty")]
    public async Task A_negative_or_empty_price_leaves_the_product_without_a_price_and_says_so(string price, string what)
    {
        var export = Export.Replace("MLG-TEE-S-NAV,,32.00", $"MLG-TEE-S-NAV,,{price}", StringComparison.Ordinal);

        var (products, problems) = await ReadAsync(export);

        Assert.Equal(6, products.Count);
        var navy = products.Single(p => p.SourceId == "organic-tee:S / Navy");
        Assert.Null(navy.Price);
        Assert.Equal(11.00m, navy.Cost);
        var problem = Assert.Single(problems);
        Assert.Equal("organic-tee:S / Navy", problem.RecordId);
        Assert.Equal(
            $"products.csv line 3 (product Organic Cotton Tee - S / Navy): {what}; the product was read without a price, so its QuickBooks item gets none " +
            "from the store. Set the price in Shopify, then export the products again.",
            problem.Message);
    }

    [Fact]
    public async Task A_broken_line_is_one_problem_and_the_products_after_it_read()
    {
        var export = Export.Replace("organic-tee,,,,,,S,,Navy,", "organic-tee,,\"Soft,,,,S,,Navy,", StringComparison.Ordinal);

        var (products, problems) = await ReadAsync(export);

        Assert.Equal(["organic-tee:S / White", "organic-tee:M / White", "camp-mug", "maple-candle", "ceramic-planter:6\""], products.Select(p => p.SourceId));
        Assert.StartsWith("products.csv line 3 (product organic-tee): a value opens with a quote", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_in_windows_1252_reads_its_accents()
    {
        var path = _folder.WriteBytes("products.csv", CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(Export));
        var source = new CsvSource(new CsvSourceOptions { ProductsPath = path });

        var products = await CollectAsync(source.ReadProductsAsync(null, Ct));

        Assert.Equal("Heavyweight cotton, cut & sewn in Montréal. Pre-shrunk.", products[0].Description);
    }

    [Fact]
    public async Task An_empty_or_binary_products_file_is_one_problem()
    {
        var (products, problems) = await ReadAsync(string.Empty);
        Assert.Empty(products);
        Assert.Equal("products.csv is empty. Export the file again from Shopify.", Assert.Single(problems).Message);

        var source = new CsvSource(new CsvSourceOptions { ProductsPath = _folder.WriteBytes("products.csv", Orders.MalformedOrderCsvTests.Binary("zip", Export)) });
        var binary = new List<SourceProblem>();
        await foreach (var page in source.ReadProductsAsync(null, Ct))
        {
            Assert.Empty(page.Records);
            binary.AddRange(page.Problems);
        }

        Assert.StartsWith("products.csv is not a CSV text file", Assert.Single(binary).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_older_export_without_status_uses_published()
    {
        var export = """
            Handle,Title,Published,Option1 Name,Option1 Value,Variant SKU,Variant Price
            soap-bar,Hand-Poured Soap Bar,false,Scent,Cedar,MLG-SOAP-CED,9.50
            field-notebook,Field Notebook,true,Title,Default Title,MLG-NB,12.00
            """;

        var (products, problems) = await ReadAsync(export);

        Assert.Empty(problems);
        Assert.Equal([false, true], products.Select(p => p.Active));
    }

    [Fact]
    public async Task A_file_that_is_not_a_product_export_is_one_problem()
    {
        var (products, problems) = await ReadAsync("Name,Total\n#1001,10.00\n");

        Assert.Empty(products);
        Assert.Equal("products.csv has no \"Handle\" or \"Variant Price\" column, so it is not a Shopify product export. Export the products again from Shopify (Products → Export).",
            Assert.Single(problems).Message);
    }

    [Fact]
    public async Task Products_are_stamped_with_the_files_time_and_not_reread_when_it_is_older_than_the_cursor()
    {
        var path = _folder.Write("products.csv", Export);
        var written = new DateTimeOffset(2025, 10, 1, 12, 0, 0, TimeSpan.Zero);
        File.SetLastWriteTimeUtc(path, written.UtcDateTime);
        var source = new CsvSource(new CsvSourceOptions { ProductsPath = path });

        var all = await CollectAsync(source.ReadProductsAsync(written.AddDays(-1), Ct));
        var none = await CollectAsync(source.ReadProductsAsync(written.AddSeconds(1), Ct));

        Assert.Equal(6, all.Count);
        Assert.All(all, p => Assert.Equal(written, p.UpdatedAt));
        Assert.Empty(none);
    }

    private async Task<(List<StoreProduct> Products, List<SourceProblem> Problems)> ReadAsync(string csv)
    {
        var source = new CsvSource(new CsvSourceOptions { ProductsPath = _folder.Write("products.csv", csv) });
        var products = new List<StoreProduct>();
        var problems = new List<SourceProblem>();
        await foreach (var page in source.ReadProductsAsync(null, Ct))
        {
            products.AddRange(page.Records);
            problems.AddRange(page.Problems);
        }

        return (products, problems);
    }

    private static async Task<List<StoreProduct>> CollectAsync(IAsyncEnumerable<SourcePage<StoreProduct>> pages)
    {
        var products = new List<StoreProduct>();
        await foreach (var page in pages)
        {
            products.AddRange(page.Records);
        }

        return products;
    }
}
