using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api;

namespace StoreBooks.Emulators.Qbo.Webhooks;

/// <summary>Builds the body of one notification from the changes it reports, in either of QBO's shapes.</summary>
internal static class WebhookPayload
{
    public static string Build(QboWebhookFormat format, IReadOnlyList<QboEntityChange> changes, string clientId) => format switch
    {
        QboWebhookFormat.CloudEvents => CloudEvents(changes, clientId).ToJsonString(),
        _ => EventNotifications(changes).ToJsonString(),
    };

    /// <summary>One <c>eventNotifications</c> entry per realm, its changes in the order they happened.</summary>
    public static JsonObject EventNotifications(IReadOnlyList<QboEntityChange> changes)
    {
        var notifications = new JsonArray();
        foreach (var realm in changes.GroupBy(c => c.RealmId, StringComparer.Ordinal))
        {
            var entities = new JsonArray();
            foreach (var change in realm)
            {
                entities.Add(new JsonObject
                {
                    ["name"] = change.EntityName,
                    ["id"] = change.Id,
                    ["operation"] = change.Operation,
                    ["lastUpdated"] = Utc(change.LastUpdated),
                });
            }

            notifications.Add(new JsonObject
            {
                ["realmId"] = realm.Key,
                ["dataChangeEvent"] = new JsonObject { ["entities"] = entities },
            });
        }

        return new JsonObject { ["eventNotifications"] = notifications };
    }

    /// <summary>One CloudEvent per change; <c>source</c> names the app as Intuit does (an opaque hash).</summary>
    public static JsonArray CloudEvents(IReadOnlyList<QboEntityChange> changes, string clientId)
    {
        var source = "intuit." + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(clientId)));
        var events = new JsonArray();
        foreach (var change in changes)
        {
            events.Add(new JsonObject
            {
                ["specversion"] = "1.0",
                ["id"] = Guid.NewGuid().ToString(),
                ["source"] = source,
                ["type"] = $"qbo.{change.EntityName.ToLowerInvariant()}.{PastTense(change.Operation)}.v1",
                ["datacontenttype"] = "application/json",
                ["time"] = Utc(change.LastUpdated),
                ["intuitentityid"] = change.Id,
                ["intuitaccountid"] = change.RealmId,
                ["data"] = new JsonObject(),
            });
        }

        return events;
    }

    private static string PastTense(string operation) => operation.ToLowerInvariant() switch
    {
        "create" => "created",
        "update" => "updated",
        "delete" => "deleted",
        "void" => "voided",
        "merge" => "merged",
        "emailed" => "emailed",
        var other => other.EndsWith('e') ? other + "d" : other + "ed",
    };

    private static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
