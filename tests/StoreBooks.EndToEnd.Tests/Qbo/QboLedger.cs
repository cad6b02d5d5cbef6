using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using StoreBooks.Emulators;

namespace StoreBooks.EndToEnd.Tests.Qbo;

/// <summary>
/// Reads what a QuickBooks company holds through the Accounting API's query endpoint with a raw HttpClient (not StoreBooks'
/// own client, which is what is under test), in pages of 1000.
/// </summary>
internal sealed class QboLedger : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _realmId;

    public QboLedger(EmulatorServer emulator, string realmId)
    {
        _realmId = realmId;
        var tokens = emulator.Qbo.OAuth.IssueTokens(realmId);
        _http = new HttpClient { BaseAddress = emulator.BaseUrl };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>Every record of <paramref name="entity"/> (name lists: active and inactive).</summary>
    public async Task<IReadOnlyList<JsonObject>> AllAsync(string entity, CancellationToken cancellationToken)
    {
        var all = new List<JsonObject>();
        var inactive = entity is "Customer" or "Item" or "PaymentMethod" or "Account" ? " where Active in (true, false)" : "";
        for (var start = 1; ; start += 1000)
        {
            var query = $"select * from {entity}{inactive} startposition {start} maxresults 1000";
            using var response = await _http.GetAsync($"v3/company/{_realmId}/query?minorversion=75&query={Uri.EscapeDataString(query)}", cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{query} got {(int)response.StatusCode}: {text}");
            }

            var page = (JsonNode.Parse(text)?["QueryResponse"]?[entity] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
            all.AddRange(page);
            if (page.Count < 1000)
            {
                return all;
            }
        }
    }

    public void Dispose() => _http.Dispose();
}
