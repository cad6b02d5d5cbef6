using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StoreBooks.Core.State;
using Xunit;

namespace StoreBooks.Corpus.Tests;

/// <summary>
/// Every case of tests/corpus synced by <c>storebooks sync</c> into a fresh QuickBooks company of the emulator: each order's
/// outcome, document, figures (to the cent), customer and messages against the case's expected.json, written beforehand by hand.
/// </summary>
public sealed partial class CorpusTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Cases => [.. CorpusCase.All()];

    [GeneratedRegex(@"^\[StoreBooks (?<kind>.+?) order (?<id>.+?)\]")]
    private static partial Regex SaleMarker();

    [Fact]
    public void Corpus_has_cases_for_every_source()
    {
        var cases = CorpusCase.All().ToList();
        Assert.Contains(cases, c => c.StartsWith("shopify/", StringComparison.Ordinal));
        Assert.Contains(cases, c => c.StartsWith("woocommerce/", StringComparison.Ordinal));
        Assert.Contains(cases, c => c.StartsWith("csv/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Case_syncs_into_QuickBooks_as_written_down(string name)
    {
        var corpusCase = CorpusCase.Load(name);
        await using var rig = await CorpusRig.StartAsync(corpusCase);
        var (status, syncCode) = await rig.SyncAsync(Ct);

        var books = await BooksAsync(rig);
        var issues = (status["issues"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(i => (SourceId: (string?)i["sourceId"] ?? "", Reference: (string?)i["reference"] ?? "", Message: (string?)i["message"] ?? ""))
            .ToList();
        var links = (await rig.LinksAsync(status, LinkKind.Sale, Ct)).ToDictionary(l => l.SourceId, StringComparer.Ordinal);
        var refundLinks = await rig.LinksAsync(status, LinkKind.Refund, Ct);

        var findings = new List<string>();
        var report = new StringBuilder();
        var counts = new Dictionary<string, int>();
        foreach (var order in corpusCase.Orders)
        {
            var at = $"order {order.Number}";
            var link = Find(links, order);
            var documents = Find(books.Sales, order) ?? [];
            var text = MessagesOf(order, link, issues);
            var actual = documents.Count == 1 ? documents[0].ToString() : $"{documents.Count} sales documents";
            var outcome = Outcome(link, documents, text);
            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
            report.AppendLine(CultureInfo.InvariantCulture, $"  {at}: expected {order.Outcome}, got {outcome} (link {link?.State.ToString() ?? "none"}); {actual}; messages: {Shorten(text)}");

            if (outcome != order.Outcome)
            {
                findings.Add($"{at}: expected {order.Outcome}, got {outcome} (link {link?.State.ToString() ?? "none"}: {link?.Message}); {actual}; messages: {Shorten(text)}");
            }

            if (order.Outcome == "posted" && documents.Count == 1)
            {
                CompareDocument(order, documents[0], books, findings);
            }

            if (order.Outcome != "posted" && documents.Count > 0)
            {
                findings.Add($"{at}: must not be in QuickBooks but has {string.Join("; ", documents)}");
            }

            foreach (var word in order.Messages.Concat(order.Warnings))
            {
                if (!text.Contains(word, StringComparison.OrdinalIgnoreCase))
                {
                    findings.Add($"{at}: the message must contain \"{word}\"; StoreBooks said: {(text.Length == 0 ? "nothing" : text)}");
                }
            }

            if (order.Outcome == "posted" && order.Warnings.Count == 0 && order.Messages.Count == 0 && text.Length > 0)
            {
                findings.Add($"{at}: posted cleanly is expected, but StoreBooks said: {text}");
            }

            CompareRefunds(order, books, refundLinks, findings);
        }

        var expectedPosted = corpusCase.Orders.Count(o => o.Outcome == "posted");
        if (books.Sales.Values.Sum(d => d.Count) != expectedPosted)
        {
            findings.Add($"QuickBooks holds {books.Sales.Values.Sum(d => d.Count)} sales documents for {expectedPosted} orders expected posted: {string.Join(", ", books.Sales.Keys)}");
        }

        var allIssues = string.Join(" | ", issues.Select(i => $"{i.Reference}: {i.Message}"));
        foreach (var word in corpusCase.CaseMessages)
        {
            if (!allIssues.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                findings.Add($"the issues must mention \"{word}\"; they are: {(allIssues.Length == 0 ? "none" : allIssues)}");
            }
        }

        if (corpusCase.Expected["customers"] is { } customers && customers.GetValue<int>() != books.Customers.Count)
        {
            findings.Add($"expected {customers.GetValue<int>()} QuickBooks customers, got {books.Customers.Count}: {string.Join(", ", books.Customers.Values.Select(c => c.Name + " <" + c.Email + ">"))}");
        }

        if (corpusCase.Expected["distinctGoodsItems"] is { } distinct)
        {
            var used = books.Sales.Values.SelectMany(d => d).SelectMany(d => d.GoodsItemIds).Distinct().Select(i => books.Items.GetValueOrDefault(i)?.Name).ToList();
            if (used.Count != distinct.GetValue<int>())
            {
                findings.Add($"the sales use {used.Count} distinct goods items, expected {distinct.GetValue<int>()}: {string.Join(" | ", used)}");
            }
        }

        if ((bool?)corpusCase.Expected["noColonsOrTabsInNames"] == true)
        {
            foreach (var bad in books.Items.Values.Select(i => i.Name).Concat(books.Customers.Values.Select(c => c.Name)).Where(n => n.IndexOfAny([':', '\t', '\n', '\r']) >= 0))
            {
                findings.Add($"QuickBooks name \"{bad.Replace("\t", "\\t", StringComparison.Ordinal)}\" keeps a colon, tab or line break");
            }
        }

        var expectedCode = corpusCase.Orders.All(o => o.Outcome is "posted" or "skipped" or "waiting") && corpusCase.CaseMessages.Count == 0
            && corpusCase.Orders.All(o => o.Messages.Count == 0) ? 0 : 3;
        if (syncCode != expectedCode)
        {
            findings.Add($"storebooks sync exited {syncCode}, expected {expectedCode}");
        }

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{(findings.Count == 0 ? "PASS" : "FAIL")} {name}: {corpusCase.Orders.Count} orders ({string.Join(", ", counts.Select(c => $"{c.Value} {c.Key}"))}), {findings.Count} findings");
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        Console.WriteLine(summary);
        Assert.True(findings.Count == 0,
            $"{summary}\n- {string.Join("\n- ", findings)}\n\nper order:\n{report}\nissues: {allIssues}\n\ntranscript:\n{rig.Transcript}");
    }

    private static void CompareDocument(ExpectedOrder order, QboSale actual, Books books, List<string> findings)
    {
        var at = $"order {order.Number}";
        if (order.Document is { } type && type != actual.Type)
        {
            findings.Add($"{at}: expected a {type}, got {actual}");
        }

        void Money(string key, decimal value)
        {
            if (order.Money(key) is { } expected && expected != value)
            {
                findings.Add(string.Create(CultureInfo.InvariantCulture, $"{at}: {key} expected {expected}, got {value} ({actual})"));
            }
        }

        Money("total", actual.Total);
        Money("tax", actual.Tax);
        Money("shipping", actual.Shipping);
        Money("discount", actual.Discount);
        Money("tip", actual.Tip);
        Money("duties", actual.Duties);
        Money("fees", actual.Fees);
        Money("giftCardSold", actual.GiftCardSold);
        Money("giftCardRedeemed", actual.GiftCardRedeemed);
        Money("goods", actual.Goods);
        if (order.Money("balance") is { } balance && actual.Balance != balance)
        {
            findings.Add(string.Create(CultureInfo.InvariantCulture, $"{at}: balance expected {balance}, got {actual.Balance} ({actual})"));
        }

        if (order.Money("giftCardSold") is > 0)
        {
            foreach (var item in actual.GiftCardItemIds.Distinct())
            {
                var account = books.Items.GetValueOrDefault(item)?.IncomeAccountType;
                if (account is not ("Other Current Liability" or "Long Term Liability"))
                {
                    findings.Add($"{at}: the gift card sold is on item {books.Items.GetValueOrDefault(item)?.Name}, whose account is of type {account ?? "none"}, not a liability");
                }
            }

            if (actual.GiftCardItemIds.Count == 0)
            {
                findings.Add($"{at}: no gift-card line ({actual})");
            }
        }

        var customer = actual.CustomerId is null ? null : books.Customers.GetValueOrDefault(actual.CustomerId);
        if (order.Customers.Count > 0 && (customer is null || !order.Customers.Contains(customer.Name, StringComparer.Ordinal)))
        {
            findings.Add($"{at}: customer expected {string.Join(" or ", order.Customers.Select(c => $"\"{c}\""))}, got \"{customer?.Name}\"");
        }

        if (order.Json.ContainsKey("customerEmail"))
        {
            var email = (string?)order.Json["customerEmail"];
            if (!string.Equals(email ?? "", customer?.Email ?? "", StringComparison.OrdinalIgnoreCase))
            {
                findings.Add($"{at}: customer email expected \"{email}\", got \"{customer?.Email}\"");
            }
        }

        if (order.Json["itemNames"] is JsonArray names)
        {
            foreach (var expectedName in names.Select(n => (string)n!))
            {
                if (!books.Items.Values.Any(i => i.Name == expectedName))
                {
                    findings.Add($"{at}: no QuickBooks item named \"{expectedName}\"; items: {string.Join(" | ", books.Items.Values.Select(i => i.Name))}");
                }
            }
        }
    }

    private static void CompareRefunds(ExpectedOrder order, Books books, IReadOnlyList<Link> refundLinks, List<string> findings)
    {
        var at = $"order {order.Number}";
        foreach (var refund in order.Refunds)
        {
            var id = (string?)refund["id"];
            var matches = books.Refunds.Where(r => id is not null ? r.Note.StartsWith($"[StoreBooks refund {id}]", StringComparison.Ordinal)
                : r.Note.Contains(order.Id, StringComparison.Ordinal) || r.Note.Contains(order.Number, StringComparison.Ordinal)).ToList();
            var posted = (bool?)refund["posted"] ?? true;
            if (!posted)
            {
                if (matches.Count > 0)
                {
                    findings.Add($"{at}: refund {id} must not be posted, QuickBooks has {matches[0].Sale}");
                }

                continue;
            }

            if (matches.Count != 1)
            {
                findings.Add($"{at}: refund {id ?? "(any)"} expected once in QuickBooks, found {matches.Count} (refund links: {string.Join(", ", refundLinks.Select(l => $"{l.SourceId} {l.State} {l.Message}"))})");
                continue;
            }

            var actual = matches[0].Sale;
            foreach (var (key, value) in new[] { ("total", actual.Total), ("tax", actual.Tax), ("shipping", actual.Shipping) })
            {
                if (refund[key] is { } node && QboSale.Money(node) != value)
                {
                    findings.Add(string.Create(CultureInfo.InvariantCulture, $"{at}: refund {id} {key} expected {QboSale.Money(node)}, got {value} ({actual})"));
                }
            }
        }
    }

    private static string Outcome(Link? link, IReadOnlyList<QboSale> documents, string text) => link?.State switch
    {
        LinkState.Done when documents.Count == 1 => "posted",
        LinkState.Done => $"linked-but-{documents.Count}-documents",
        LinkState.Skipped => "skipped",
        LinkState.NotDue => "waiting",
        LinkState.Failed or LinkState.Waiting => "refused",
        null when documents.Count == 0 && text.Length > 0 => "refused",
        null when documents.Count == 0 => "absent",
        _ => $"{link?.State}",
    };

    private static T? Find<T>(IReadOnlyDictionary<string, T> byId, ExpectedOrder order)
        where T : class
    {
        foreach (var key in new[] { order.Id, order.Id.TrimStart('#'), order.Number, order.Number.TrimStart('#') })
        {
            if (byId.TryGetValue(key, out var found))
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>What StoreBooks says of one order: its open issues (by store id, or naming its number) and its link's message and warnings.</summary>
    private static string MessagesOf(ExpectedOrder order, Link? link, IEnumerable<(string SourceId, string Reference, string Message)> issues)
    {
        var number = order.Number;
        var parts = issues
            .Where(i => i.SourceId == order.Id || i.SourceId == order.Id.TrimStart('#') || Names(i.Reference, number) || Names(i.Message, number))
            .Select(i => $"{i.Reference}: {i.Message}")
            .ToList();
        if (link is not null)
        {
            if (link.State != LinkState.Done && !string.IsNullOrEmpty(link.Message) && !parts.Any(p => p.Contains(link.Message, StringComparison.Ordinal)))
            {
                parts.Add(link.Message);
            }

            parts.AddRange(link.Warnings.Select(w => "warning: " + w));
        }

        return string.Join(" | ", parts);
    }

    /// <summary>True when <paramref name="text"/> names the order number as a whole word ("#1001", not "#10011").</summary>
    private static bool Names(string text, string number) =>
        Regex.IsMatch(text, $@"(?<![\w#]){Regex.Escape(number.StartsWith('#') ? number : "#" + number)}(?!\d)") ||
        (!number.StartsWith('#') && Regex.IsMatch(text, $@"order {Regex.Escape(number)}(?!\d)"));

    private static string Shorten(string text) => text.Length <= 300 ? (text.Length == 0 ? "none" : text) : text[..300] + "…";

    private static async Task<Books> BooksAsync(CorpusRig rig)
    {
        var accounts = (await rig.Books.AllAsync("Account", Ct)).ToDictionary(a => (string)a["Id"]!, a => (string?)a["AccountType"] ?? "");
        var items = (await rig.Books.AllAsync("Item", Ct)).ToDictionary(
            i => (string)i["Id"]!,
            i => new ItemInfo((string?)i["Name"] ?? "", accounts.GetValueOrDefault((string?)i["IncomeAccountRef"]?["value"] ?? "")));
        var names = items.ToDictionary(i => i.Key, i => i.Value.Name);
        var customers = (await rig.Books.AllAsync("Customer", Ct)).ToDictionary(
            c => (string)c["Id"]!, c => new CustomerInfo((string?)c["DisplayName"] ?? "", (string?)c["PrimaryEmailAddr"]?["Address"]));
        var sales = new Dictionary<string, List<QboSale>>(StringComparer.Ordinal);
        foreach (var type in new[] { "SalesReceipt", "Invoice" })
        {
            foreach (var document in await rig.Books.AllAsync(type, Ct))
            {
                var match = SaleMarker().Match((string?)document["PrivateNote"] ?? "");
                var key = match.Success ? match.Groups["id"].Value : "(no marker) " + (string?)document["Id"];
                if (!sales.TryGetValue(key, out var list))
                {
                    sales[key] = list = [];
                }

                list.Add(QboSale.Of(type, document, names));
            }
        }

        var refunds = new List<(string Note, QboSale Sale)>();
        foreach (var type in new[] { "RefundReceipt", "CreditMemo" })
        {
            refunds.AddRange((await rig.Books.AllAsync(type, Ct)).Select(d => ((string?)d["PrivateNote"] ?? "", QboSale.Of(type, d, names))));
        }

        return new Books(items, customers, sales.ToDictionary(s => s.Key, s => (IReadOnlyList<QboSale>)s.Value, StringComparer.Ordinal), refunds);
    }

    private sealed record ItemInfo(string Name, string? IncomeAccountType);

    private sealed record CustomerInfo(string Name, string? Email);

    private sealed record Books(
        IReadOnlyDictionary<string, ItemInfo> Items,
        IReadOnlyDictionary<string, CustomerInfo> Customers,
        IReadOnlyDictionary<string, IReadOnlyList<QboSale>> Sales,
        IReadOnlyList<(string Note, QboSale Sale)> Refunds);
}
