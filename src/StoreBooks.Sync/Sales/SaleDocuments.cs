using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Entities;
using StoreBooks.QuickBooks.Errors;

namespace StoreBooks.Sync.Sales;

/// <summary>How a document write went.</summary>
public enum WriteResult
{
    Created,
    Updated,
    Unchanged,
    Refused,
    Deferred,
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

    public SaleDocuments(SyncContext context) => _context = context;

    /// <summary>The note StoreBooks puts on every document it makes, naming the store record (used to recognise its own documents).</summary>
    public static string Marker(string kind, string sourceId) => $"[StoreBooks {kind} {sourceId}]";

    public async Task<(WriteResult Result, string? Message, string? QboId)> WriteAsync<T>(
        QboTransactionService<T> service, LinkKind kind, string sourceId, T document, string what, CancellationToken cancellationToken)
        where T : SalesTransaction
    {
        var links = _context.State.Links;
        var fingerprint = Fingerprint(document);
        var link = await links.FindAsync(_context.ConnectionId, kind, sourceId, cancellationToken).ConfigureAwait(false);
        if (link is { State: LinkState.Done, QboId: { } existingId })
        {
            return link.Fingerprint == fingerprint
                ? (WriteResult.Unchanged, null, existingId)
                : await UpdateAsync(service, link, document, fingerprint, what, cancellationToken).ConfigureAwait(false);
        }

        link ??= await links.ReserveAsync(_context.ConnectionId, kind, sourceId, cancellationToken).ConfigureAwait(false);
        if (link.State is LinkState.Failed)
        {
            // The last attempt's requestid may hold QuickBooks' refusal, which it would replay: a retry is a new attempt.
            link = link with { Attempt = link.Attempt + 1, State = LinkState.Pending, Message = null, UpdatedAt = _context.Time.GetUtcNow() };
            await links.SaveAsync(link, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var created = await service.CreateAsync(document, QboRequestOptions.WithRequestId(link.RequestId), cancellationToken).ConfigureAwait(false);
            await SaveDoneAsync(link, created.Id!, created.SyncToken, fingerprint, cancellationToken).ConfigureAwait(false);
            return (WriteResult.Created, null, created.Id);
        }
        catch (QboException e) when (e.Code == "6140")
        {
            return await AdoptOrRefuseAsync(service, link, document, fingerprint, what, e, cancellationToken).ConfigureAwait(false);
        }
        catch (QboException e) when (IsRefusal(e))
        {
            var message = $"QuickBooks refused the {what}: {e.Message}";
            await links.SaveAsync(link with { State = LinkState.Failed, Message = message, UpdatedAt = _context.Time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
            return (WriteResult.Refused, message, null);
        }
        catch (QboException e)
        {
            return (WriteResult.Deferred, $"The {what} could not be sent now ({e.Kind}); the next run finishes it without writing it twice. {e.Message}", null);
        }
    }

    /// <summary>A refusal that a retry of the same request cannot fix (not a network, throttle or authorization problem).</summary>
    public static bool IsRefusal(QboException e) => e.Kind is not (QboErrorKind.System or QboErrorKind.Throttled or QboErrorKind.Authentication);

    private async Task<(WriteResult, string?, string?)> UpdateAsync<T>(QboTransactionService<T> service, Link link, T document, string fingerprint, string what, CancellationToken cancellationToken)
        where T : SalesTransaction
    {
        try
        {
            var current = await service.GetAsync(link.QboId!, cancellationToken).ConfigureAwait(false);
            var requestId = $"{link.Id:N}-u{current.SyncToken}";
            var updated = await service.UpdateAsync(document with { Id = current.Id, SyncToken = current.SyncToken }, QboRequestOptions.WithRequestId(requestId), cancellationToken).ConfigureAwait(false);
            await SaveDoneAsync(link, updated.Id!, updated.SyncToken, fingerprint, cancellationToken).ConfigureAwait(false);
            return (WriteResult.Updated, null, updated.Id);
        }
        catch (QboException e) when (e.Code == "6540")
        {
            return (WriteResult.Refused,
                $"The store changed this after its {what} (QuickBooks id {link.QboId}) was deposited in QuickBooks, so StoreBooks cannot update it. " +
                "Remove it from the deposit in QuickBooks and StoreBooks updates it on the next run, or edit it by hand.", link.QboId);
        }
        catch (QboException e) when (IsRefusal(e))
        {
            return (WriteResult.Refused, $"QuickBooks refused the update of the {what} (id {link.QboId}): {e.Message}", link.QboId);
        }
        catch (QboException e)
        {
            return (WriteResult.Deferred, $"The update of the {what} could not be sent now ({e.Kind}); the next run retries it. {e.Message}", link.QboId);
        }
    }

    private async Task<(WriteResult, string?, string?)> AdoptOrRefuseAsync<T>(QboTransactionService<T> service, Link link, T document, string fingerprint, string what, QboException duplicate, CancellationToken cancellationToken)
        where T : SalesTransaction
    {
        var existing = await service.FindAsync(service.Where().WhereEquals("DocNumber", document.DocNumber ?? ""), cancellationToken).ConfigureAwait(false);
        if (existing?.Id is { } id && document.PrivateNote is { } note && existing.PrivateNote is { } theirs
            && theirs.Contains(note[..(note.IndexOf(']', StringComparison.Ordinal) + 1)], StringComparison.Ordinal))
        {
            await SaveDoneAsync(link, id, existing.SyncToken, fingerprint, cancellationToken).ConfigureAwait(false);
            return (WriteResult.Created, null, id);
        }

        var message = $"QuickBooks already has a document numbered {document.DocNumber}{(existing?.Id is { } other ? $" (id {other})" : "")} that StoreBooks did not make for this {what}. " +
            $"Give this connection a document number prefix (sales.docNumberPrefix) or let QuickBooks number documents (sales.useOrderNumbers=false), then retry. ({duplicate.Errors.FirstOrDefault()?.Detail})";
        await _context.State.Links.SaveAsync(link with { State = LinkState.Failed, Message = message, UpdatedAt = _context.Time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        return (WriteResult.Refused, message, null);
    }

    private Task SaveDoneAsync(Link link, string id, string? syncToken, string fingerprint, CancellationToken cancellationToken) =>
        _context.State.Links.SaveAsync(link with
        {
            State = LinkState.Done,
            QboId = id,
            QboSyncToken = syncToken,
            Fingerprint = fingerprint,
            Message = null,
            UpdatedAt = _context.Time.GetUtcNow(),
        }, cancellationToken);

    /// <summary>A hash of what is sent (the fields StoreBooks sets), to tell a changed store record from one already in QuickBooks.</summary>
    public static string Fingerprint<T>(T document)
        where T : SalesTransaction
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(document with { Id = null, SyncToken = null }, typeof(T), FingerprintJson);
        return Convert.ToHexString(SHA256.HashData(json), 0, 16);
    }
}
