using StoreBooks.Emulators.Qbo.Api.Company;
using StoreBooks.Emulators.Qbo.Api.Json;

namespace StoreBooks.Emulators.Qbo.Api.Writes;

/// <summary>What a rule's effects may change at commit: other entities' derived values, stamped with the commit time.</summary>
internal sealed class CommitContext(QboCompany company, DateTimeOffset now)
{
    public QboCompany Company { get; } = company;

    public EntityStore Store => Company.Store;

    public DateTimeOffset Now { get; } = now;

    /// <summary>
    /// Marks a derived change (a balance, QtyOnHand, a link): LastUpdatedTime moves and CDC sees it, the SyncToken does not
    /// (a real customer's LastUpdatedTime moved to the time of an invoice for it while its SyncToken stayed "0").
    /// </summary>
    public void Touch(EntityRecord record)
    {
        record.UpdatedAt = Now;
        if (record.Json.Obj("MetaData") is { } meta)
        {
            meta["LastUpdatedTime"] = QboTime.Meta(Now);
        }
    }
}
