using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using StoreBooks.Core.Messages;
using StoreBooks.Core.Payouts;
using StoreBooks.Core.Sources;
using StoreBooks.Shopify.Http;
using StoreBooks.Shopify.Json;

namespace StoreBooks.Shopify.Payouts;

/// <summary>
/// Shopify Payments payouts through REST (<c>shopify_payments/payouts.json</c>, most recent first, Link paging) and each
/// payout's balance transactions (<c>balance/transactions.json?payout_id=</c>, paged), on the client's REST bucket. A token
/// without <c>read_shopify_payments_payouts</c> and a shop without Shopify Payments are errors that say so.
/// </summary>
internal sealed class ShopifyPayouts(ShopifyClient client)
{
    public const string Scope = "read_shopify_payments_payouts";

    private string Shop => client.Options.ShopDomain;

    /// <summary>Whether the shop has a Shopify Payments account: <c>balance.json</c> answers, rather than 404.</summary>
    public async Task<bool> UsesShopifyPaymentsAsync(CancellationToken cancellationToken)
    {
        using var page = await GetAsync("shopify_payments/balance.json", "read the Shopify Payments balance", cancellationToken).ConfigureAwait(false);
        return page is not null;
    }

    /// <summary>Payouts issued on or after <paramref name="issuedSince"/> (all when null), a page at a time, each with its transactions.</summary>
    public async IAsyncEnumerable<SourcePage<StorePayout>> ReadAsync(DateOnly? issuedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var url = $"shopify_payments/payouts.json?limit={client.Options.PageSize}";
        if (issuedSince is { } since)
        {
            url += "&date_min=" + since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        for (string? next = url; next is not null;)
        {
            var payouts = new List<(ShopifyPayoutJson? Payout, string RawId, SyncMessage? Problem)>();
            using (var page = await GetAsync(next, "list payouts", cancellationToken).ConfigureAwait(false) ?? throw new ShopifyPaymentsNotUsedException(Shop))
            {
                foreach (var element in Items(page.Body, "payouts"))
                {
                    try
                    {
                        payouts.Add((ShopifyJson.Read<ShopifyPayoutJson>(element), RawId(element), null));
                    }
                    catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
                    {
                        payouts.Add((null, RawId(element), StoreMessages.PayoutUnreadable.With(("store", "Shopify"), ("id", RawId(element)), ("detail", e.Message))));
                    }
                }

                next = page.Next?.AbsoluteUri;
            }

            var records = new List<StorePayout>();
            var problems = new List<SourceProblem>();
            foreach (var (payout, rawId, problem) in payouts)
            {
                if (payout is null)
                {
                    problems.Add(new SourceProblem($"payout {rawId}", problem!));
                    continue;
                }

                var (transactions, unreadable) = await TransactionsAsync(payout.Id, payout.Currency ?? "", cancellationToken).ConfigureAwait(false);
                if (unreadable.Count > 0)
                {
                    problems.Add(new SourceProblem(
                        $"payout {payout.Id.ToString(CultureInfo.InvariantCulture)}",
                        StoreMessages.PayoutLeftOut.With(("store", "Shopify"), ("id", payout.Id.ToString(CultureInfo.InvariantCulture)),
                            ("date", payout.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("problems", MessageArg.List(unreadable.Select(u => (MessageArg)u), "; ")))));
                    continue;
                }

                records.Add(ShopifyPayoutMapper.Map(payout, transactions));
            }

            yield return new SourcePage<StorePayout>(records, problems);
        }
    }

    /// <summary>One payout's balance transactions, every page; with the messages of rows that cannot be read.</summary>
    public async Task<(List<StorePayoutTransaction> Transactions, List<SyncMessage> Unreadable)> TransactionsAsync(long payoutId, string currency, CancellationToken cancellationToken)
    {
        var transactions = new List<StorePayoutTransaction>();
        var unreadable = new List<SyncMessage>();
        var id = payoutId.ToString(CultureInfo.InvariantCulture);
        for (string? next = $"shopify_payments/balance/transactions.json?payout_id={id}&limit={client.Options.PageSize}"; next is not null;)
        {
            using var page = await GetAsync(next, $"list the balance transactions of payout {id}", cancellationToken).ConfigureAwait(false)
                ?? throw new ShopifyPaymentsNotUsedException(Shop);
            foreach (var element in Items(page.Body, "transactions"))
            {
                try
                {
                    transactions.Add(ShopifyPayoutMapper.Map(ShopifyJson.Read<ShopifyBalanceTransactionJson>(element), currency));
                }
                catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
                {
                    unreadable.Add(StoreMessages.TransactionUnreadable.With(("id", RawId(element)), ("detail", e.Message)));
                }
            }

            next = page.Next?.AbsoluteUri;
        }

        return (transactions, unreadable);
    }

    /// <summary>A GET that turns 404 into null (no Shopify Payments) and a 403 into the scope the app needs.</summary>
    private async Task<ShopifyPage?> GetAsync(string url, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetAsync(url, cancellationToken, missingIsNull: true).ConfigureAwait(false);
        }
        catch (ShopifyAccessDeniedException e) when (e.Status == HttpStatusCode.Forbidden)
        {
            throw new ShopifyAccessDeniedException(
                $"Shopify refused to {what}: the app needs the {Scope} scope. In {Shop}'s admin (Settings → Apps and sales channels → Develop apps → " +
                "Configuration → Admin API integration), add read_shopify_payments_payouts, install the app again, then connect with the new token.",
                HttpStatusCode.Forbidden);
        }
    }

    private static IEnumerable<JsonElement> Items(JsonDocument body, string key) =>
        body.RootElement.TryGetProperty(key, out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : [];

    private static string RawId(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var id) ? id.ToString() : "(no id)";
}
