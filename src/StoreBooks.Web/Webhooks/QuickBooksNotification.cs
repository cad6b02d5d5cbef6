using System.Globalization;
using System.Text.Json;
using StoreBooks.QuickBooks.Webhooks;

namespace StoreBooks.Web.Webhooks;

/// <summary>
/// The entity changes a QuickBooks notification reports, in either of Intuit's body formats: the legacy
/// <c>{"eventNotifications":[…]}</c> and the CloudEvents array. Each change has an event id: the CloudEvent's id, or
/// entity/id/operation/time for the legacy format, so the same change delivered twice is one event.
/// </summary>
internal static class QuickBooksNotification
{
    public sealed record Change(string RealmId, string EventId, string Topic);

    /// <summary>The changes, or null when the body is neither format.</summary>
    public static IReadOnlyList<Change>? Read(byte[] body)
    {
        try
        {
            var first = body.AsSpan().TrimStart(" \t\r\n"u8);
            if (first.Length > 0 && first[0] == (byte)'[')
            {
                return [.. QboWebhookReader.ReadCloudEvents(body)
                    .Where(e => !string.IsNullOrEmpty(e.IntuitAccountId))
                    .Select(e => new Change(
                        e.IntuitAccountId!,
                        e.Id is { Length: > 0 } id ? "cloudevent:" + id : $"cloudevent:{e.Type}/{e.IntuitEntityId}/{e.Time?.UtcTicks}",
                        e.Type ?? "qbo.unknown"))];
            }

            var legacy = QboWebhookReader.ReadLegacy(body);
            if (legacy.EventNotifications is null)
            {
                return null;
            }

            return [.. legacy.EventNotifications
                .Where(n => !string.IsNullOrEmpty(n.RealmId))
                .SelectMany(n => (n.DataChangeEvent?.Entities ?? []).Select(e => new Change(
                    n.RealmId!,
                    string.Create(CultureInfo.InvariantCulture, $"{e.Name}/{e.Id}/{e.Operation}/{e.LastUpdated?.UtcDateTime:O}"),
                    $"{e.Name}.{e.Operation}")))];
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
