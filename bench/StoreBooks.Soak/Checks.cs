using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StoreBooks.Soak;

/// <summary>What the QuickBooks company holds for the shop's orders: documents by order id, from every sales receipt and invoice.</summary>
internal sealed record BooksCheck(int Documents, IReadOnlyDictionary<string, int> ByOrder, IReadOnlyList<string> Missing)
{
    public IReadOnlyList<string> Duplicated => [.. ByOrder.Where(o => o.Value > 1).Select(o => $"{o.Key} ×{o.Value}")];
}

/// <summary>What serve's webhook inbox recorded, read from the state store once serve has stopped.</summary>
internal sealed record InboxCheck(int Deliveries, int Replays, int ForgedRecorded, int OversizedRecorded);

internal static partial class Checks
{
    /// <summary>Reads the company in the emulator's process (no API call, so no request budget spent) and matches it to the orders placed.</summary>
    public static BooksCheck Books(SoakRig rig, IEnumerable<string> placed)
    {
        var company = rig.Emulator.Qbo.Companies.Export()["realms"]!.AsArray().OfType<JsonObject>()
            .Single(r => (string?)r["settings"]?["RealmId"] == rig.RealmId);
        var entities = company["entities"]!.AsObject();
        var documents = new[] { "SalesReceipt", "Invoice" }.SelectMany(e => (entities[e] as JsonArray ?? []).OfType<JsonObject>()).ToList();
        var byOrder = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            var match = Marker().Match((string?)document["PrivateNote"] ?? "");
            if (match.Success)
            {
                byOrder[match.Groups[1].Value] = byOrder.GetValueOrDefault(match.Groups[1].Value) + 1;
            }
        }

        return new BooksCheck(documents.Count, byOrder, [.. placed.Where(id => !byOrder.ContainsKey(id)).Order(StringComparer.Ordinal)]);
    }

    /// <summary>Every delivery the inbox holds for the connection: none of the forged or oversized ones may be there.</summary>
    public static async Task<InboxCheck> InboxAsync(SoakRig rig)
    {
        await using var state = await rig.OpenStateAsync();
        var deliveries = await state.Webhooks.ListRecentAsync(rig.ConnectionId, int.MaxValue, CancellationToken.None);
        return new InboxCheck(
            deliveries.Count,
            deliveries.Count(d => d.ReplayOf is not null),
            deliveries.Count(d => d.EventId.StartsWith(Load.ForgedPrefix, StringComparison.Ordinal)),
            deliveries.Count(d => d.EventId.StartsWith(Load.OversizedPrefix, StringComparison.Ordinal)));
    }

    /// <summary>The marker StoreBooks writes at the start of a sales document's private note.</summary>
    [GeneratedRegex(@"^\[StoreBooks shopify order (\d+)\]")]
    private static partial Regex Marker();
}
