using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Entities;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Json;
using StoreBooks.Emulators.Qbo.Api.RequestIds;
using StoreBooks.Emulators.Qbo.Api.Writes;

namespace StoreBooks.Emulators.Qbo.Api.Http;

/// <summary>
/// <c>GET /{entity}/{id}</c> and <c>POST /{entity}</c> (create; update with Id and SyncToken, full or <c>"sparse":true</c>;
/// <c>?operation=delete</c>; <c>?operation=void</c> or <c>?operation=update&amp;include=void</c>), with <c>requestid</c> replay.
/// <c>minorversion</c> is accepted and ignored: every request behaves as minor version 75 (values below 75 are
/// deprecated and treated as 75 since 2025-08-01).
/// </summary>
internal static class EntityEndpoints
{
    public const int MaxRequestIdLength = 50;

    public static Task ReadAsync(ApiCall call, EntityDefinition entity, string? id)
    {
        JsonObject body;
        lock (call.Company.Sync)
        {
            var key = entity.Kind == EntityKind.Singleton ? "1" : id!;
            if (entity.Kind != EntityKind.Singleton && !(entity.Name == "TaxCode" && key is "TAX" or "NON") &&
                !long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw Fault.InvalidId(key);
            }

            var record = call.Company.Store.Get(entity.Name, key) ?? throw Fault.ObjectNotFound();
            body = call.Envelope(entity.Name, record.Json.DeepClone());
        }

        return QboResponse.WriteAsync(call.Http, 200, body);
    }

    public static async Task WriteAsync(ApiCall call, EntityDefinition entity)
    {
        var text = await RequestBody.ReadTextAsync(call.Http.Request, call.Company.Options.MaxRequestBodyBytes).ConfigureAwait(false);
        await ReplayableAsync(call, text, () =>
        {
            var request = Request(call, entity, RequestBody.ParseObject(text));
            var changes = new List<QboEntityChange>();
            var prepared = WriteEngine.Prepare(call.Company, request);
            var result = WriteEngine.Commit(call.Company, prepared, changes);
            return (call.Envelope(entity.Name, result), changes);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a write under the realm's lock, remembering its response under <c>requestid</c> (faults too) and replaying a
    /// remembered one instead of running again. With <see cref="RequestIdReuse.Fault600"/> a different body gets 600.
    /// </summary>
    public static async Task ReplayableAsync(ApiCall call, string requestText, Func<(JsonObject Body, List<QboEntityChange> Changes)> write, int maxRequestIdLength = MaxRequestIdLength)
    {
        var requestId = call.Query("requestid");
        if (requestId is { Length: > 0 } && requestId.Length > maxRequestIdLength)
        {
            throw Fault.InvalidRequestId(requestId.Length, maxRequestIdLength);
        }

        var company = call.Company;
        var hash = RequestIdStore.Hash(call.Method, call.Http.Request.Path.Value ?? "", requestText);
        int status;
        string body;
        List<QboEntityChange> changes = [];
        lock (company.Sync)
        {
            var stored = string.IsNullOrEmpty(requestId) ? null : company.RequestIds.Find(requestId);
            if (stored is not null)
            {
                if (stored.RequestHash != hash && company.Options.RequestIdReuse == RequestIdReuse.Fault600)
                {
                    throw Fault.DuplicateRequestId(requestId!);
                }

                status = stored.Status;
                body = stored.Body;
            }
            else
            {
                try
                {
                    var (json, made) = write();
                    changes = made;
                    status = 200;
                    body = json.ToJsonString();
                }
                catch (QboFaultException fault)
                {
                    status = fault.Fault.Status;
                    body = fault.Fault.Body(call.Time).ToJsonString();
                }

                if (!string.IsNullOrEmpty(requestId))
                {
                    company.RequestIds.Remember(requestId, new StoredResponse(status, body, hash));
                }
            }
        }

        foreach (var change in changes)
        {
            call.Qbo.Companies.OnChanged(change);
        }

        await QboResponse.WriteAsync(call.Http, status, body).ConfigureAwait(false);
    }

    /// <summary>
    /// What the client asked for: <c>operation=delete</c>; <c>operation=void</c>, or <c>operation=update&amp;include=void</c>
    /// (SalesReceipt, Payment; both spellings accepted [U]); a body with an Id is an update; otherwise a create.
    /// <c>include=allowduplicatedocnum</c> lifts the DocNumber uniqueness check.
    /// </summary>
    public static WriteRequest Request(ApiCall call, EntityDefinition entity, JsonObject body)
    {
        var operation = call.Query("operation")?.ToLowerInvariant();
        var include = (call.Query("include") ?? "").ToLowerInvariant().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var allowDuplicates = include.Contains("allowduplicatedocnum");
        var kind = operation switch
        {
            "delete" => WriteKind.Delete,
            "void" => WriteKind.Void,
            "update" when include.Contains("void") => WriteKind.Void,
            "update" when body.Str("Id") is null => throw Fault.RequiredParam("Id"),
            "update" => WriteKind.Update,
            null or "" or "create" => body.Str("Id") is null ? WriteKind.Create : WriteKind.Update,
            _ => throw Fault.UnsupportedOperation($"Operation {call.Query("operation")} is not supported."),
        };
        return new WriteRequest(entity, kind, body, allowDuplicates);
    }
}
