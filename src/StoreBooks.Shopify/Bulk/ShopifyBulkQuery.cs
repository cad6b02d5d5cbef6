using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.Shopify.Http;

namespace StoreBooks.Shopify.Bulk;

/// <summary>
/// A Shopify bulk query: one export of a whole connection (every order with its line items) instead of thousands of
/// pages. <see cref="ReadAsync"/> starts it with <c>bulkOperationRunQuery</c> (waiting out one already running), polls it
/// with a growing pause, then streams the JSONL file line by line, yielding each root object with its nested nodes.
/// Memory stays flat whatever the file's size. Every call to Shopify goes through <see cref="ShopifyClient"/> (cost,
/// throttling, retries); the file is fetched without the access token.
/// </summary>
internal sealed class ShopifyBulkQuery(ShopifyClient client)
{
    private const string Run = """
        mutation StoreBooksBulkRun($query: String!) {
          bulkOperationRunQuery(query: $query) { bulkOperation { id status } userErrors { field message code } }
        }
        """;

    private const string Poll = """
        query StoreBooksBulkPoll($id: ID!) {
          node(id: $id) { ... on BulkOperation { id status errorCode objectCount url partialDataUrl } }
        }
        """;

    private const string Current = "query StoreBooksBulkCurrent { currentBulkOperation(type: QUERY) { id status } }";

    /// <summary>Pause before the first poll; it grows by half each poll up to <see cref="LongestPoll"/>.</summary>
    public TimeSpan FirstPoll { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan LongestPoll { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long, on the clock, to wait for an export (ours or one already running) before giving up.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Roots kept open while reading, in case a nested node comes after later roots (see <see cref="ShopifyBulkFile"/>).</summary>
    public int HoldBack { get; init; } = 50;

    private string Shop => client.Options.ShopDomain;

    /// <summary>
    /// Runs <paramref name="query"/> (one top-level connection, up to five connections two levels deep, every node selecting
    /// <c>id</c>) and yields each root object with its children.
    /// </summary>
    public async IAsyncEnumerable<ShopifyBulkNode> ReadAsync(string query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var id = await StartAsync(query, cancellationToken).ConfigureAwait(false);
        var url = await WaitAsync(id, cancellationToken).ConfigureAwait(false);
        if (url is null)
        {
            yield break;
        }

        using var response = await client.OpenFileAsync(url, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var node in ShopifyBulkFile.ReadAsync(stream, HoldBack, $"Shopify's bulk export {id} of {Shop}", cancellationToken).ConfigureAwait(false))
            {
                yield return node;
            }
        }
    }

    /// <summary>Starts the export and returns its id; while another bulk query runs on the shop, waits for it to end first.</summary>
    public async Task<string> StartAsync(string query, CancellationToken cancellationToken)
    {
        var deadline = client.Time.GetUtcNow() + MaxWait;
        while (true)
        {
            var data = await client.QueryAsync(Run, new JsonObject { ["query"] = query }, 10, cancellationToken).ConfigureAwait(false);
            var payload = data.GetProperty("bulkOperationRunQuery");
            var errors = payload.TryGetProperty("userErrors", out var e) && e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().ToList() : [];
            if (errors.Count == 0 && payload.TryGetProperty("bulkOperation", out var operation) && operation.ValueKind == JsonValueKind.Object)
            {
                return operation.GetProperty("id").GetString()!;
            }

            var messages = string.Join("; ", errors.Select(x => x.TryGetProperty("message", out var m) ? m.GetString() : x.ToString()));
            var busy = errors.Any(x => (x.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String && c.GetString() == "OPERATION_IN_PROGRESS")
                || (x.TryGetProperty("message", out var m) && m.GetString()?.Contains("already in progress", StringComparison.OrdinalIgnoreCase) == true));
            if (!busy)
            {
                throw new ShopifyApiException($"Shopify refused StoreBooks' bulk export on {Shop}: {(messages.Length > 0 ? messages : "no bulk operation was created")}.");
            }

            await WaitForRunningAsync(deadline, messages, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Polls until the export ends: its file's URL when COMPLETED (null when it found nothing), else a clear error.</summary>
    public async Task<Uri?> WaitAsync(string id, CancellationToken cancellationToken)
    {
        var deadline = client.Time.GetUtcNow() + MaxWait;
        var pause = FirstPoll;
        while (true)
        {
            var data = await client.QueryAsync(Poll, new JsonObject { ["id"] = id }, 1, cancellationToken).ConfigureAwait(false);
            if (!data.TryGetProperty("node", out var node) || node.ValueKind != JsonValueKind.Object)
            {
                throw new ShopifyApiException($"Shopify has no bulk operation {id} on {Shop}; the sync stops here and the next run starts the export again.");
            }

            var status = Text(node, "status");
            var objects = Text(node, "objectCount") ?? "0";
            switch (status)
            {
                case "COMPLETED":
                    return Text(node, "url") is { } url ? new Uri(url) : null;
                case "FAILED":
                    throw new ShopifyApiException($"Shopify's bulk export {id} of {Shop} failed after {objects} objects: {Explain(Text(node, "errorCode"))}");
                case "CANCELED":
                    throw new ShopifyApiException($"Shopify's bulk export {id} of {Shop} was canceled after {objects} objects (by another program using the app's token, or from the shop's admin); the next sync starts it again.");
                case "EXPIRED":
                    throw new ShopifyApiException($"Shopify's bulk export {id} of {Shop} has expired (Shopify keeps a file seven days); the next sync starts a new one.");
            }

            if (client.Time.GetUtcNow() >= deadline)
            {
                throw new ShopifyApiException($"Shopify's bulk export {id} of {Shop} is still {status} after {MaxWait.TotalHours:0.#} hours ({objects} objects so far); the next sync looks again.");
            }

            await Task.Delay(pause, client.Time, cancellationToken).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(LongestPoll.Ticks, (long)(pause.Ticks * 1.5)));
        }
    }

    private async Task WaitForRunningAsync(DateTimeOffset deadline, string messages, CancellationToken cancellationToken)
    {
        var pause = FirstPoll;
        while (true)
        {
            if (client.Time.GetUtcNow() >= deadline)
            {
                throw new ShopifyApiException($"Another bulk query has been running on {Shop} for over {MaxWait.TotalHours:0.#} hours ({messages}); cancel it or wait, then sync again.");
            }

            await Task.Delay(pause, client.Time, cancellationToken).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(LongestPoll.Ticks, (long)(pause.Ticks * 1.5)));
            var data = await client.QueryAsync(Current, [], 1, cancellationToken).ConfigureAwait(false);
            var current = data.TryGetProperty("currentBulkOperation", out var c) && c.ValueKind == JsonValueKind.Object ? Text(c, "status") : null;
            if (current is not ("CREATED" or "RUNNING" or "CANCELING"))
            {
                return;
            }
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Explain(string? errorCode) => errorCode switch
    {
        "ACCESS_DENIED" => "access denied (ACCESS_DENIED): the custom app lacks a scope the query needs; give it read_orders, read_products, read_customers and read_inventory (and read_all_orders), then sync again.",
        "TIMEOUT" => "Shopify timed out running it (TIMEOUT); the next sync tries again.",
        "INTERNAL_SERVER_ERROR" => "Shopify had an internal error (INTERNAL_SERVER_ERROR); the next sync tries again.",
        { } code => $"error {code}; the next sync tries again.",
        null => "Shopify gave no reason; the next sync tries again.",
    };
}
