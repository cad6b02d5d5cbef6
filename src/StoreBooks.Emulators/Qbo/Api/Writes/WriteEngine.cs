using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Company;
using StoreBooks.Emulators.Qbo.Api.Entities;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Json;
using StoreBooks.Emulators.Qbo.Api.Schema;

namespace StoreBooks.Emulators.Qbo.Api.Writes;

/// <summary>
/// Creates, updates, deletes and voids in two steps. <see cref="Prepare"/> validates against the realm as it is and
/// computes the new object without changing anything; <see cref="Commit"/> re-checks what another write may have
/// changed since (SyncToken, unique names and DocNumbers), gives ids, stores and applies effects. A single request
/// runs both at once; a batch prepares every item first, then commits them in order.
/// Callers hold the company's lock.
/// </summary>
internal static class WriteEngine
{
    private static readonly string[] SystemFields = ["Id", "SyncToken", "MetaData", "domain", "sparse", "status"];

    public static PreparedWrite Prepare(QboCompany company, WriteRequest request)
    {
        var def = request.Entity;
        var ctx = new WriteContext(company, def, request.AllowDuplicateDocNumber);
        var body = SchemaReader.Read(request.Body, def.Schema);

        if (request.Kind == WriteKind.Create)
        {
            if (!def.Creatable)
            {
                throw Fault.UnsupportedOperation($"Operation Create is not supported for {def.Name}.");
            }

            var created = def.Rules.Prepare(ctx, WithoutSystemFields(body), null);
            def.Rules.CheckUnique(ctx, created, null);
            return new PreparedWrite { Entity = def, Kind = WriteKind.Create, After = created, AllowDuplicateDocNumber = request.AllowDuplicateDocNumber };
        }

        var (id, syncToken) = IdAndSyncToken(body);
        var existing = company.Store.Get(def.Name, id) ?? throw Fault.ObjectNotFound();
        if (existing.Json.Str("SyncToken") != syncToken)
        {
            throw Fault.StaleObject(company.Settings.UserName);
        }

        JsonObject? after;
        switch (request.Kind)
        {
            case WriteKind.Update:
                if (!def.Updatable)
                {
                    throw Fault.UnsupportedOperation($"Operation Update is not supported for {def.Name}.");
                }

                var draft = body.Bool("sparse") == true
                    ? Merge(existing.Json, body)
                    : FullDraft(body, existing.Json, def.Rules.KeptOnFullUpdate);
                after = def.Rules.Prepare(ctx, draft, existing.Json.CloneObject());
                def.Rules.CheckUnique(ctx, after, id);
                break;
            case WriteKind.Delete:
                if (!def.Deletable)
                {
                    def.Rules.BeforeDelete(ctx, existing.Json);
                    throw Fault.UnsupportedOperation($"Operation Delete is not supported for {def.Name}.");
                }

                def.Rules.BeforeDelete(ctx, existing.Json.CloneObject());
                after = null;
                break;
            case WriteKind.Void:
                if (!def.Voidable)
                {
                    throw Fault.UnsupportedOperation($"Operation Void is not supported for {def.Name}.");
                }

                after = def.Rules.Void(ctx, WithoutSystemFields(existing.Json.CloneObject()));
                break;
            default:
                throw new InvalidOperationException("Unknown write kind " + request.Kind);
        }

        return new PreparedWrite
        {
            Entity = def,
            Kind = request.Kind,
            Id = id,
            ExpectedSyncToken = syncToken,
            After = after,
            AllowDuplicateDocNumber = request.AllowDuplicateDocNumber,
        };
    }

    /// <summary>Commits a prepared write and returns the object QBO answers with (a copy).</summary>
    public static JsonObject Commit(QboCompany company, PreparedWrite write, ICollection<QboEntityChange> changes)
    {
        var def = write.Entity;
        var now = company.Now;
        var commit = new CommitContext(company, now);
        var current = write.Id is null ? null : company.Store.Get(def.Name, write.Id);
        if (write.Kind != WriteKind.Create)
        {
            if (current is null)
            {
                throw Fault.ObjectNotFound();
            }

            if (current.Json.Str("SyncToken") != write.ExpectedSyncToken)
            {
                throw Fault.StaleObject(company.Settings.UserName);
            }
        }

        if (write.After is not null)
        {
            def.Rules.CheckUnique(new WriteContext(company, def, write.AllowDuplicateDocNumber), write.After, write.Id);
        }

        if (write.Kind == WriteKind.Delete)
        {
            var before = current!.Json;
            company.Store.Remove(def.Name, write.Id!, now);
            def.Rules.OnCommit(commit, before, null);
            changes.Add(new QboEntityChange(company.RealmId, def.Name, write.Id!, "Delete", now));
            return new JsonObject { ["domain"] = "QBO", ["status"] = "Deleted", ["Id"] = write.Id };
        }

        var after = write.After!.CloneObject();
        var beforeJson = current?.Json;
        string id;
        string syncToken;
        string createTime;
        string changedAt = QboTime.Meta(now);
        var lastUpdated = now;
        var changed = true;
        if (beforeJson is null)
        {
            id = company.NewId(def.IdSequence);
            syncToken = "0";
            createTime = changedAt;
            def.Rules.CompleteAtCommit(commit, after, null);
        }
        else
        {
            id = write.Id!;
            def.Rules.CompleteAtCommit(commit, after, beforeJson);

            // A write that changes nothing keeps its SyncToken (a real sparse update re-sending the same values did).
            changed = !JsonSemantics.Equal(WithoutSystemFields(beforeJson.CloneObject()), after);
            var token = long.Parse(beforeJson.Str("SyncToken") ?? "0", CultureInfo.InvariantCulture);
            syncToken = (changed ? token + 1 : token).ToString(CultureInfo.InvariantCulture);
            createTime = beforeJson.Obj("MetaData")?.Str("CreateTime") ?? changedAt;
            if (!changed)
            {
                lastUpdated = current!.UpdatedAt;
                changedAt = beforeJson.Obj("MetaData")?.Str("LastUpdatedTime") ?? changedAt;
            }
        }

        var stored = Stamp(after, id, syncToken, createTime, changedAt);
        var record = new EntityRecord(id, stored, lastUpdated);
        company.Store.Put(def.Name, record);
        def.Rules.OnCommit(commit, beforeJson, stored);

        var operation = write.Kind switch
        {
            WriteKind.Create => "Create",
            WriteKind.Void => "Void",
            _ => "Update",
        };
        if (changed)
        {
            changes.Add(new QboEntityChange(company.RealmId, def.Name, id, operation, now));
        }

        return stored.CloneObject();
    }

    /// <summary>QBO's own fields first, then the entity's: <c>domain, sparse, Id, SyncToken, MetaData, …</c>.</summary>
    public static JsonObject Stamp(JsonObject body, string id, string syncToken, string createTime, string changedAt)
    {
        var stored = new JsonObject
        {
            ["domain"] = "QBO",
            ["sparse"] = false,
            ["Id"] = id,
            ["SyncToken"] = syncToken,
            ["MetaData"] = new JsonObject { ["CreateTime"] = createTime, ["LastUpdatedTime"] = changedAt },
        };
        foreach (var (key, value) in WithoutSystemFields(body).ToArray())
        {
            body.Remove(key);
            stored[key] = value;
        }

        return stored;
    }

    public static JsonObject WithoutSystemFields(JsonObject json)
    {
        foreach (var field in SystemFields)
        {
            json.Remove(field);
        }

        return json;
    }

    private static (string Id, string SyncToken) IdAndSyncToken(JsonObject body)
    {
        var id = body.Str("Id");
        if (string.IsNullOrEmpty(id))
        {
            throw Fault.RequiredParam("Id");
        }

        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw Fault.InvalidId(id, includeTime: true);
        }

        var syncToken = body.Str("SyncToken");
        if (string.IsNullOrEmpty(syncToken))
        {
            throw Fault.RequiredParam("SyncToken");
        }

        return (id, syncToken);
    }

    /// <summary>Sparse update: the stored object with the supplied top-level properties replaced (arrays such as Line replace whole).</summary>
    private static JsonObject Merge(JsonObject existing, JsonObject body)
    {
        var draft = WithoutSystemFields(existing.CloneObject());
        foreach (var (key, value) in WithoutSystemFields(body.CloneObject()).ToArray())
        {
            draft[key] = value?.DeepClone();
        }

        return draft;
    }

    /// <summary>Full update: what was sent, plus the system-kept properties the body left out.</summary>
    private static JsonObject FullDraft(JsonObject body, JsonObject existing, IReadOnlyList<string> kept)
    {
        var draft = WithoutSystemFields(body.CloneObject());
        foreach (var key in kept)
        {
            if (!draft.ContainsKey(key) && existing[key] is { } value)
            {
                draft[key] = value.DeepClone();
            }
        }

        return draft;
    }
}
