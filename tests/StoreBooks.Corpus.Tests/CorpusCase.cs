using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo;

namespace StoreBooks.Corpus.Tests;

/// <summary>
/// One folder of tests/corpus/&lt;source&gt;/&lt;case&gt;: the store's data (every file but expected.json) and what QuickBooks must hold
/// after a sync (expected.json, written by hand from the store data; tests/corpus/README.md says how it reads).
/// </summary>
public sealed class CorpusCase
{
    private CorpusCase(string folder, JsonObject expected)
    {
        Folder = folder;
        Source = Path.GetFileName(Path.GetDirectoryName(folder))!;
        Name = Source + "/" + Path.GetFileName(folder);
        Expected = expected;
        Orders = [.. (expected["orders"] as JsonArray ?? []).OfType<JsonObject>().Select(o => new ExpectedOrder(o))];
    }

    public string Folder { get; }

    /// <summary>shopify, woocommerce or csv: the name of the folder above the case.</summary>
    public string Source { get; }

    public string Name { get; }

    public JsonObject Expected { get; }

    public IReadOnlyList<ExpectedOrder> Orders { get; }

    /// <summary>The store's files, in name order (Shopify and WooCommerce JSON are loaded in this order).</summary>
    public IReadOnlyList<string> StoreFiles =>
        [.. Directory.GetFiles(Folder).Where(f => Path.GetFileName(f) != "expected.json").Order(StringComparer.Ordinal)];

    /// <summary>"US" (default: automated sales tax at 8.25 %, which StoreBooks must keep out) or "CA" (GST/HST/QST codes).</summary>
    public QboCompanySettings Company
    {
        get
        {
            var company = (string?)Expected["company"] ?? "US";
            var multi = (bool?)Expected["multiCurrency"] ?? false;
            return company switch
            {
                "US" => QboCompanySettings.DefaultUs with { SalesTaxRatePercent = 8.25m, MultiCurrency = multi },
                "CA" => QboCompanySettings.DefaultCanada with { MultiCurrency = multi },
                _ => throw new InvalidOperationException($"{Name}: company {company} is not US or CA."),
            };
        }
    }

    /// <summary>The settings of a merchant starting out, then the case's own (later ones win).</summary>
    public IReadOnlyList<string> Settings =>
        ["syncStartDate=2000-01-01", "products.mode=Automatic", "products.incomeAccount=Sales of Product Income",
         .. (Expected["settings"] as JsonArray ?? []).Select(s => (string)s!)];

    /// <summary>Key words that must appear in the connection's issues, whoever they belong to (a row the source could not read).</summary>
    public IReadOnlyList<string> CaseMessages => [.. (Expected["messages"] as JsonArray ?? []).Select(s => (string)s!)];

    public static string CorpusRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "StoreBooks.slnx")))
                {
                    return Path.Combine(dir.FullName, "tests", "corpus");
                }
            }

            throw new InvalidOperationException("tests/corpus not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Every case folder (source/case), sorted.</summary>
    public static IEnumerable<string> All() =>
        Directory.GetDirectories(CorpusRoot).SelectMany(Directory.GetDirectories)
            .Where(d => File.Exists(Path.Combine(d, "expected.json")))
            .Select(d => Path.GetRelativePath(CorpusRoot, d).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public static CorpusCase Load(string relative)
    {
        var folder = Path.Combine(CorpusRoot, relative);
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "expected.json"))) as JsonObject
            ?? throw new InvalidOperationException($"{relative}/expected.json is not an object.");
        return new CorpusCase(folder, expected);
    }
}

/// <summary>One order of expected.json.</summary>
public sealed class ExpectedOrder(JsonObject json)
{
    public JsonObject Json { get; } = json;

    /// <summary>The store's id (Shopify/WooCommerce order id; for CSV the order's Name, e.g. "#1001").</summary>
    public string Id => (string)Json["id"]!;

    /// <summary>What the merchant calls it ("#1001", "1001").</summary>
    public string Number => (string?)Json["number"] ?? Id;

    public string Outcome => (string)Json["outcome"]!;

    public string? Document => (string?)Json["document"];

    public decimal? Money(string key) => Json[key] is { } node ? decimal.Parse(node.ToJsonString().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    public IReadOnlyList<string> Customers => Json["customer"] switch
    {
        JsonArray many => [.. many.Select(c => (string)c!)],
        JsonValue one => [(string)one!],
        _ => [],
    };

    public IReadOnlyList<string> Messages => [.. (Json["messages"] as JsonArray ?? []).Select(s => (string)s!)];

    public IReadOnlyList<string> Warnings => [.. (Json["warnings"] as JsonArray ?? []).Select(s => (string)s!)];

    public IReadOnlyList<JsonObject> Refunds => [.. (Json["refunds"] as JsonArray ?? []).OfType<JsonObject>()];
}
