using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Entities;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Http;
using StoreBooks.Emulators.Qbo.Api.Json;

namespace StoreBooks.Emulators.Qbo.Api.Cdc;

/// <summary>
/// <c>GET /cdc?entities=Invoice,Customer&amp;changedSince=…</c>: every object of those entities changed since then
/// (inactive name-list objects included), deleted ones as <c>{"domain":"QBO","status":"Deleted","Id":…}</c>, at most
/// 1000 objects over all entities (the earliest changes first, so a client can move changedSince forward), within a
/// 30-day look-back (<see cref="QboApiOptions.CdcLookBack"/>). Entity names ignore case (<c>entities=estimate</c>).
/// </summary>
internal static class CdcEndpoint
{
    public const int MaxObjects = 1000;
    public static readonly TimeSpan LookBack = TimeSpan.FromDays(30);

    public static Task HandleAsync(ApiCall call)
    {
        var entitiesParam = call.Query("entities");
        if (string.IsNullOrWhiteSpace(entitiesParam))
        {
            throw Fault.RequiredParam("entities");
        }

        var sinceParam = call.Query("changedSince");
        if (string.IsNullOrWhiteSpace(sinceParam))
        {
            throw Fault.RequiredParam("changedSince");
        }

        if (!QboTime.TryParseDateTime(sinceParam, out var since))
        {
            throw Fault.QueryValidation($"changedSince '{sinceParam}' is not a valid date-time; use ISO 8601 such as 2026-01-31T09:00:00-08:00");
        }

        var entities = new List<EntityDefinition>();
        foreach (var name in entitiesParam.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var entity = EntityCatalog.ByName(name) ?? throw Fault.QueryValidation("invalid context declaration: " + name);
            if (!entities.Contains(entity))
            {
                entities.Add(entity);
            }
        }

        JsonObject body;
        lock (call.Company.Sync)
        {
            var now = call.Company.Now;
            var earliest = now - LookBack;
            if (since < earliest)
            {
                if (call.Company.Options.CdcLookBack == CdcLookBack.Reject)
                {
                    throw Fault.QueryValidation($"changedSince {sinceParam} is more than 30 days ago; CDC looks back at most 30 days");
                }

                since = earliest;
            }

            var changed = new List<(EntityDefinition Entity, DateTimeOffset At, JsonObject Json)>();
            foreach (var entity in entities)
            {
                foreach (var record in call.Company.Store.All(entity.Name).Where(r => r.UpdatedAt >= since))
                {
                    changed.Add((entity, record.UpdatedAt, record.Json));
                }

                foreach (var deleted in call.Company.Store.Deleted.Where(t => t.EntityName == entity.Name && t.DeletedAt >= since))
                {
                    changed.Add((entity, deleted.DeletedAt, new JsonObject
                    {
                        ["domain"] = "QBO",
                        ["status"] = "Deleted",
                        ["Id"] = deleted.Id,
                        ["MetaData"] = new JsonObject { ["LastUpdatedTime"] = QboTime.Meta(TimeZoneInfo.ConvertTime(deleted.DeletedAt, call.Company.Zone)) },
                    }));
                }
            }

            var kept = changed.OrderBy(c => c.At).Take(MaxObjects).ToList();
            var responses = new JsonArray();
            foreach (var entity in entities)
            {
                var objects = kept.Where(c => c.Entity == entity).Select(c => (JsonNode)c.Json.DeepClone()).ToArray();
                responses.Add(objects.Length == 0
                    ? new JsonObject()
                    : new JsonObject { [entity.Name] = new JsonArray(objects), ["startPosition"] = 1, ["maxResults"] = objects.Length });
            }

            body = call.Envelope("CDCResponse", new JsonArray(new JsonObject { ["QueryResponse"] = responses }));
        }

        return QboResponse.WriteAsync(call.Http, 200, body);
    }
}
