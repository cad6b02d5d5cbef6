using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Shopify.Bulk;
using StoreBooks.Shopify.Http;
using StoreBooks.Shopify.Tests.Products;
using StoreBooks.Shopify.Tests.Support;
using Xunit;

namespace StoreBooks.Shopify.Tests.Bulk;

/// <summary>StoreBooks' bulk query client against the emulator: same variants as the paged query, waiting, failures, and a large catalog streamed.</summary>
public sealed class ShopifyBulkQueryTests(ShopifyEmulatorFixture emulator) : IClassFixture<ShopifyEmulatorFixture>
{
    private const string ProductsWithVariants = """
        { products { edges { node { id legacyResourceId title variants { edges { node { id legacyResourceId sku price } } } } } } }
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private (ShopifyBulkQuery Bulk, FileReadCounter Counter) CreateBulk()
    {
        var counter = new FileReadCounter();
        var options = new ShopifySourceOptions { Shop = ShopifyEmulatorFixture.Shop, AccessToken = "demo-token", BaseUrl = emulator.BaseUrl };
        var client = new ShopifyClient(new HttpClient(counter), options, new ShopifyRateLimits(emulator.Clock));
        return (new ShopifyBulkQuery(client), counter);
    }

    private async Task<JsonNode> RawGraphQLAsync(string query, JsonObject? variables = null)
    {
        using var http = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl, "admin/api/2025-07/") };
        http.DefaultRequestHeaders.Add("X-Shopify-Access-Token", "demo-token");
        using var content = new StringContent(new JsonObject { ["query"] = query, ["variables"] = variables ?? [] }.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("graphql.json", UriKind.Relative), content, Ct);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
    }

    private async Task<string> RawStartAsync(string query)
    {
        var answer = await RawGraphQLAsync("mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id } userErrors { message } } }", new JsonObject { ["q"] = query });
        return (string)answer["data"]!["bulkOperationRunQuery"]!["bulkOperation"]!["id"]!;
    }

    [Fact]
    public async Task The_bulk_export_reads_back_the_same_variants_as_the_paged_query_each_under_its_product()
    {
        await emulator.AdminAsync("reset", """{"demo":true,"generateOrders":0}""", Ct);
        var (source, _, _) = emulator.CreateSource();
        var paged = await ShopifyProductTests.ReadAllAsync(source.ReadProductsAsync(null, Ct));
        var (bulk, counter) = CreateBulk();

        var roots = new List<ShopifyBulkNode>();
        await foreach (var root in bulk.ReadAsync(ProductsWithVariants, Ct))
        {
            roots.Add(root);
        }

        Assert.All(roots, r => Assert.Equal("Product", r.Type));
        var variants = roots.SelectMany(r => r.ChildrenOf("ProductVariant").Select(v => (Product: r, Variant: v))).ToList();
        Assert.Equal(paged.Count, variants.Count);
        foreach (var product in paged)
        {
            var (parent, variant) = Assert.Single(variants, v => (string)v.Variant.Value["legacyResourceId"]! == product.SourceId);
            Assert.Equal(product.ProductId, (string)parent.Value["legacyResourceId"]!);
            Assert.Equal(product.Sku, (string?)variant.Value["sku"]);
            Assert.Equal(product.Price, decimal.Parse((string)variant.Value["price"]!, CultureInfo.InvariantCulture));
            Assert.Null(variant.Value["__parentId"]);
        }

        Assert.Equal(1, counter.FileRequests);
        Assert.False(counter.FileHadToken, "the access token went to the file URL");
    }

    [Fact]
    public async Task A_bulk_query_already_running_is_waited_for_then_ours_runs()
    {
        await emulator.AdminAsync("reset", """{"demo":true,"generateOrders":0}""", Ct);
        var other = await RawStartAsync("{ productVariants { edges { node { id } } } }");
        var (bulk, _) = CreateBulk();

        var id = await bulk.StartAsync(ProductsWithVariants, Ct);

        Assert.NotEqual(other, id);
        var first = await RawGraphQLAsync("query($id: ID!) { node(id: $id) { ... on BulkOperation { status } } }", new JsonObject { ["id"] = other });
        Assert.Equal("COMPLETED", (string)first["data"]!["node"]!["status"]!);
        Assert.NotNull(await bulk.WaitAsync(id, Ct));
    }

    [Fact]
    public async Task Canceled_and_expired_exports_are_errors_that_say_what_happened()
    {
        await emulator.AdminAsync("reset", """{"demo":true,"generateOrders":0}""", Ct);
        var (bulk, _) = CreateBulk();
        var canceled = await RawStartAsync(ProductsWithVariants);
        await RawGraphQLAsync("mutation($id: ID!) { bulkOperationCancel(id: $id) { userErrors { message } } }", new JsonObject { ["id"] = canceled });
        var error = await Assert.ThrowsAsync<ShopifyApiException>(() => bulk.WaitAsync(canceled, Ct));
        Assert.Contains("was canceled", error.Message, StringComparison.Ordinal);
        Assert.Contains(canceled, error.Message, StringComparison.Ordinal);

        var expired = await bulk.StartAsync(ProductsWithVariants, Ct);
        Assert.NotNull(await bulk.WaitAsync(expired, Ct));
        await Task.Delay(TimeSpan.FromDays(8), emulator.Clock, Ct);
        error = await Assert.ThrowsAsync<ShopifyApiException>(() => bulk.WaitAsync(expired, Ct));
        Assert.Contains("has expired", error.Message, StringComparison.Ordinal);

        var refused = await Assert.ThrowsAsync<ShopifyApiException>(() => bulk.StartAsync("{ shop { name } }", Ct));
        Assert.Contains("at least one connection", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_catalog_of_20000_variants_is_streamed_root_by_root_before_the_file_is_read_to_its_end()
    {
        var products = new JsonArray();
        for (var p = 1; p <= 1000; p++)
        {
            var variants = new JsonArray();
            for (var v = 1; v <= 20; v++)
            {
                var vid = (p * 100) + v;
                variants.Add(new JsonObject { ["id"] = vid, ["product_id"] = p, ["title"] = $"Size {v}", ["sku"] = $"SKU-{vid}", ["price"] = "9.50", ["position"] = v, ["inventory_item_id"] = 5_000_000 + vid });
            }

            products.Add(new JsonObject { ["id"] = p, ["title"] = $"Product {p}", ["status"] = "active", ["variants"] = variants });
        }

        await emulator.LoadOnlyAsync(Ct, new JsonObject { ["products"] = products }.ToJsonString());
        var (bulk, counter) = CreateBulk();
        var roots = 0;
        var variantCount = 0;
        long? readAtFirst = null;
        await foreach (var root in bulk.ReadAsync(ProductsWithVariants, Ct))
        {
            readAtFirst ??= counter.FileBytesRead;
            roots++;
            var children = root.ChildrenOf("ProductVariant");
            Assert.Equal(20, children.Count);
            Assert.All(children, c => Assert.StartsWith("SKU-" + (string)root.Value["legacyResourceId"]!, (string)c.Value["sku"]!, StringComparison.Ordinal));
            variantCount += children.Count;
        }

        Assert.Equal(1000, roots);
        Assert.Equal(20000, variantCount);
        Assert.True(counter.FileBytesRead > 1_000_000, $"the file is {counter.FileBytesRead} bytes");
        Assert.True(readAtFirst < counter.FileBytesRead / 4, $"the first product came after {readAtFirst} of {counter.FileBytesRead} bytes: the file was not streamed");
    }

    [Fact]
    public async Task A_child_is_attached_within_the_hold_back_and_one_whose_parent_has_gone_is_an_error()
    {
        const string Jsonl = """
            {"id":"gid://shopify/Order/1"}
            {"id":"gid://shopify/LineItem/11","__parentId":"gid://shopify/Order/1"}
            {"id":"gid://shopify/Order/2"}
            {"id":"gid://shopify/LineItem/12","__parentId":"gid://shopify/Order/1"}
            {"id":"gid://shopify/Order/3"}
            {"id":"gid://shopify/LineItem/13","__parentId":"gid://shopify/Order/1"}
            """;
        async Task<List<ShopifyBulkNode>> Read(int holdBack)
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Jsonl));
            var roots = new List<ShopifyBulkNode>();
            await foreach (var root in ShopifyBulkFile.ReadAsync(stream, holdBack, "the test file", Ct))
            {
                roots.Add(root);
            }

            return roots;
        }

        var read = await Read(3);
        Assert.Equal(["gid://shopify/Order/1", "gid://shopify/Order/2", "gid://shopify/Order/3"], read.Select(r => r.Id));
        Assert.Equal(["gid://shopify/LineItem/11", "gid://shopify/LineItem/12", "gid://shopify/LineItem/13"], read[0].ChildrenOf("LineItem").Select(c => c.Id));
        var error = await Assert.ThrowsAsync<ShopifyApiException>(() => Read(2));
        Assert.Contains("Line 6 of the test file is a LineItem of gid://shopify/Order/1", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Counts the bytes read of bulk files (requests outside <c>/admin</c>) and notes whether one carried the access token.</summary>
    private sealed class FileReadCounter() : DelegatingHandler(new SocketsHttpHandler())
    {
        private long _bytes;

        public int FileRequests { get; private set; }

        public bool FileHadToken { get; private set; }

        public long FileBytesRead => Interlocked.Read(ref _bytes);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri!.AbsolutePath.StartsWith("/admin", StringComparison.Ordinal))
            {
                return response;
            }

            FileRequests++;
            FileHadToken |= request.Headers.Contains("X-Shopify-Access-Token");
            var inner = await response.Content.ReadAsStreamAsync(cancellationToken);
            var counted = new StreamContent(new CountingStream(inner, n => Interlocked.Add(ref _bytes, n)));
            foreach (var header in response.Content.Headers)
            {
                counted.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = counted;
            return response;
        }
    }

    private sealed class CountingStream(Stream inner, Action<int> read) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            read(n);
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            read(n);
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
