using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.Core.Messages;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Entities;
using StoreBooks.QuickBooks.Errors;
using StoreBooks.Sync.Batching;

namespace StoreBooks.Sync.Sales;

/// <summary>How a document write went.</summary>
public enum WriteResult
{
    Created,
    Updated,

    /// <summary>StoreBooks' own document, already in QuickBooks under the number (the state store had lost its link): linked, not sent.</summary>
    Adopted,
    Unchanged,
    Refused,
    Deferred,
}

/// <summary>How a document write went: the result, a message when it did not go through, the QuickBooks id, and QuickBooks' error code of a refusal.</summary>
public sealed record DocumentWrite(WriteResult Result, string? Message, string? QboId, string? Code = null)
{
    /// <summary><see cref="Message"/> with its code and arguments; null when there is no message, or only its text (kept from a previous run).</summary>
    public SyncMessage? Detail { get; init; }

    public static DocumentWrite Said(WriteResult result, SyncMessage message, string? qboId, string? code = null) =>
        new(result, message.Text, qboId, code) { Detail = message };
}

/// <summary>
/// Writes one sales document (sales receipt, invoice, refund receipt) exactly once, through its link: created under the link's
/// requestid; on a rerun the same requestid gets QuickBooks' first answer; updated (read for the SyncToken, then a full update)
/// when what StoreBooks would send now differs from what it sent; QuickBooks' duplicate-number refusal (6140) adopts the document
/// when StoreBooks made it for this record (its private note says so) and is reported otherwise.
/// </summary>
public sealed class SaleDocuments
{
    private static readonly JsonSerializerOptions FingerprintJson = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
    private readonly SyncContext _context;
    private readonly BatchWriter _batches;

    public SaleDocuments(SyncContext context, BatchWriter batches)
    {
        _context = context;
        _batches = batches;
    }

    /// <summary>
    /// Send again a document QuickBooks refused even when it would go out unchanged (the merchant fixed something in QuickBooks or
    /// in the settings and asked for a retry). Otherwise an unchanged refused document is reported again without a call.
    /// </summary>
    public bool RetryRefused { get; set; }

    /// <summary>The note StoreBooks puts on every document it makes, naming the store record (used to recognise its own documents).</summary>
    public static string Marker(string kind, string sourceId) => $"[StoreBooks {kind} {sourceId}]";

    public async Task<DocumentWrite> WriteAsync<T>(
        QboTransactionService<T> service, LinkKind kind, string sourceId, T document, SyncMessage what, string reference, CancellationToken cancellationToken)
        where T : SalesTransaction
    {
        var links = _context.State.Links;
        var fingerprint = Fingerprint(document);
        var link = await links.FindAsync(_context.ConnectionId, kind, sourceId, cancellationToken).ConfigureAwait(false);
        if (link is { State: LinkState.Done, QboId: { } existingId })
        {
            return link.Fingerprint == fingerprint
                ? new DocumentWrite(WriteResult.Unchanged, null, existingId)
                : await UpdateAsync(service, link, document, fingerprint, what, cancellationToken).ConfigureAwait(false);
        }

        if (link is { State: LinkState.Failed, Fingerprint: { } refused } && !RetryRefused && RefusedBefore(refused, fingerprint) is { } code)
        {
            // QuickBooks refused exactly this document before, and nothing in the store changed it: it would refuse it again.
            return new DocumentWrite(WriteResult.Refused, link.Message, null, code.Length == 0 ? null : code);
        }

        // Fresh: no request ever went out under the link's current requestid (reserved now, or a new attempt), so it may go in a batch.
        var fresh = link is null || link.State is not LinkState.Pending;
        link ??= await links.ReserveAsync(_context.ConnectionId, kind, sourceId, cancellationToken).ConfigureAwait(false);
        link = link with { Reference = reference };
        if (link.State is not LinkState.Pending)
        {
            // The write goes out as Pending, so whatever happens to its answer, the link says a write may be in flight. After a
            // failure the last requestid may hold QuickBooks' refusal, which it would replay: a retry is a new attempt.
            link = link with
            {
                Attempt = link.State is LinkState.Failed ? link.Attempt + 1 : link.Attempt,
                State = LinkState.Pending,
                Message = null,
                UpdatedAt = _context.Time.GetUtcNow(),
            };
            await links.SaveAsync(link, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var sent = link;
            var created = await _batches.CreateAsync(document, sent, fresh, fingerprint,
                ct => service.CreateAsync(document, QboRequestOptions.WithRequestId(sent.RequestId), ct), cancellationToken).ConfigureAwait(false);
            await SaveDoneAsync(link, created.Id!, created.SyncToken, fingerprint, service.EntityName, cancellationToken).ConfigureAwait(false);
            return new DocumentWrite(WriteResult.Created, null, created.Id);
        }
        catch (QboException e) when (e.Code == "6140")
        {
            return await AdoptOrRefuseAsync(service, link, document, fingerprint, what, e, cancellationToken).ConfigureAwait(false);
        }
        catch (QboException e) when (IsRefusal(e))
        {
            var message = DocumentMessages.Refused.With(("what", what), ("detail", e.Message));
            await links.SaveAsync(link with { State = LinkState.Failed, Message = message.Text, Fingerprint = Refused(fingerprint, e.Code), UpdatedAt = _context.Time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
            return DocumentWrite.Said(WriteResult.Refused, message, null, e.Code);
        }
        catch (QboException e)
        {
            return DocumentWrite.Said(WriteResult.Deferred, DocumentMessages.NotSentNow.With(("what", what), ("kind", e.Kind.ToString()), ("detail", e.Message)), null);
        }
    }

    /// <summary>What a refused write's link keeps: the fingerprint of the refused document and QuickBooks' error code.</summary>
    private static string Refused(string fingerprint, string? code) => $"{fingerprint}|{code}";

    /// <summary>QuickBooks' code of the refusal (empty when it gave none) when <paramref name="kept"/> is the refusal of this very document; else null.</summary>
    private static string? RefusedBefore(string kept, string fingerprint) =>
        kept.Length > fingerprint.Length && kept.StartsWith(fingerprint, StringComparison.Ordinal) && kept[fingerprint.Length] == '|' ? kept[(fingerprint.Length + 1)..] : null;

    /// <summary>A refusal that a retry of the same request cannot fix (not a network, throttle or authorization problem).</summary>
    public static bool IsRefusal(QboException e) => e.Kind is not (QboErrorKind.System or QboErrorKind.Throttled or QboErrorKind.Authentication);

    private async Task<DocumentWrite> UpdateAsync<T>(QboTransactionService<T> service, Link link, T document, string fingerprint, SyncMessage what, CancellationToken cancellationToken)
        where T : SalesTransaction
    {
        try
        {
            var current = await service.GetAsync(link.QboId!, cancellationToken).ConfigureAwait(false);
            var requestId = $"{link.Id:N}-u{current.SyncToken}";
            var updated = await service.UpdateAsync(document with { Id = current.Id, SyncToken = current.SyncToken }, QboRequestOptions.WithRequestId(requestId), cancellationToken).ConfigureAwait(false);
            await SaveDoneAsync(link, updated.Id!, updated.SyncToken, fingerprint, service.EntityName, cancellationToken).ConfigureAwait(false);
            return new DocumentWrite(WriteResult.Updated, null, updated.Id);
        }
        catch (QboException e) when (e.Code == "6540")
        {
            return DocumentWrite.Said(WriteResult.Refused, DocumentMessages.Deposited.With(("what", what), ("id", link.QboId ?? "")), link.QboId);
        }
        catch (QboException e) when (IsRefusal(e))
        {
            return DocumentWrite.Said(WriteResult.Refused, DocumentMessages.UpdateRefused.With(("what", what), ("id", link.QboId ?? ""), ("detail", e.Message)), link.QboId, e.Code);
        }
        catch (QboException e)
        {
            return DocumentWrite.Said(WriteResult.Deferred, DocumentMessages.UpdateNotSentNow.With(("what", what), ("kind", e.Kind.ToString()), ("detail", e.Message)), link.QboId);
        }
    }

    private async Task<DocumentWrite> AdoptOrRefuseAsync<T>(QboTransactionService<T> service, Link link, T document, string fingerprint, SyncMessage what, QboException duplicate, CancellationToken cancellationToken)
        where T : SalesTransaction
    {
        var existing = await service.FindAsync(service.Where().WhereEquals("DocNumber", document.DocNumber ?? ""), cancellationToken).ConfigureAwait(false);
        if (existing?.Id is { } id && document.PrivateNote is { } note && existing.PrivateNote is { } theirs
            && theirs.Contains(note[..(note.IndexOf(']', StringComparison.Ordinal) + 1)], StringComparison.Ordinal))
        {
            await SaveDoneAsync(link, id, existing.SyncToken, fingerprint, service.EntityName, cancellationToken).ConfigureAwait(false);
            return new DocumentWrite(WriteResult.Adopted, null, id);
        }

        MessageArg other = existing?.Id is { } otherId ? DocumentMessages.NumberTakenId.With(("id", otherId)) : "";
        var message = DocumentMessages.NumberTaken.With(("number", document.DocNumber ?? ""), ("other", other), ("what", what), ("detail", duplicate.Errors.FirstOrDefault()?.Detail ?? ""));
        await _context.State.Links.SaveAsync(link with { State = LinkState.Failed, Message = message.Text, UpdatedAt = _context.Time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        return DocumentWrite.Said(WriteResult.Refused, message, null);
    }

    /// <summary>
    /// The QuickBooks entity a posted record's document is ("SalesReceipt", "Invoice", "RefundReceipt"), as recorded in its link
    /// when the document was made or adopted; null when the link does not say (links from before it was recorded).
    /// </summary>
    public static string? PostedAs(Link? link)
    {
        if (link is not { State: LinkState.Done, CreatedWith: { } json })
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json)?["entity"]?.GetValue<string>();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private Task SaveDoneAsync(Link link, string id, string? syncToken, string fingerprint, string entity, CancellationToken cancellationToken) =>
        _context.State.Links.SaveAsync(link with
        {
            State = LinkState.Done,
            QboId = id,
            QboSyncToken = syncToken,
            Fingerprint = fingerprint,
            CreatedWith = link.CreatedWith ?? new JsonObject { ["entity"] = entity }.ToJsonString(),
            Message = null,
            UpdatedAt = _context.Time.GetUtcNow(),
        }, cancellationToken);

    /// <summary>
    /// A hash of what is sent (the fields StoreBooks sets), to tell a changed store record from one already in QuickBooks. The
    /// names in references are left out: QuickBooks goes by the ids, and a name (a customer found by its link, an item renamed in
    /// QuickBooks) is no change to the document.
    /// </summary>
    public static string Fingerprint<T>(T document)
        where T : SalesTransaction
    {
        var json = JsonSerializer.SerializeToNode(document with { Id = null, SyncToken = null }, typeof(T), FingerprintJson)!;
        WithoutReferenceNames(json);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json.ToJsonString())), 0, 16);
    }

    private static void WithoutReferenceNames(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj.ContainsKey("value") && obj.ContainsKey("name"))
                {
                    obj.Remove("name");
                }

                foreach (var (_, child) in obj)
                {
                    WithoutReferenceNames(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    WithoutReferenceNames(child);
                }

                break;
        }
    }
}
