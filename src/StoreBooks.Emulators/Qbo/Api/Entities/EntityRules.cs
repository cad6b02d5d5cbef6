using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Writes;

namespace StoreBooks.Emulators.Qbo.Api.Entities;

/// <summary>
/// One entity's business rules. <see cref="Prepare"/> validates a draft against the realm as it is and completes it
/// (defaults, names on references, arithmetic) without changing anything; <see cref="OnCommit"/> applies the effects
/// on other entities (stock, balances, links) once the write is committed.
/// </summary>
internal abstract class EntityRules
{
    /// <summary>Validates and completes <paramref name="draft"/> (a create, or the merged update); <paramref name="existing"/> is the stored object on update.</summary>
    public abstract JsonObject Prepare(WriteContext ctx, JsonObject draft, JsonObject? existing);

    /// <summary>Keys that must be unique in the realm (case-folded names, DocNumbers), used by the store's index.</summary>
    public virtual IEnumerable<string> UniqueKeys(JsonObject json) => [];

    /// <summary>Throws QBO's duplicate fault when another entity holds one of the candidate's unique keys.</summary>
    public virtual void CheckUnique(WriteContext ctx, JsonObject candidate, string? id)
    {
    }

    /// <summary>Throws when QBO refuses to delete this object.</summary>
    public virtual void BeforeDelete(WriteContext ctx, JsonObject existing) =>
        throw Fault.UnsupportedOperation($"Operation Delete is not supported for {ctx.Entity.Name}.");

    /// <summary>The voided object; throws when the entity cannot be voided.</summary>
    public virtual JsonObject Void(WriteContext ctx, JsonObject existing) =>
        throw Fault.UnsupportedOperation($"Operation Void is not supported for {ctx.Entity.Name}.");

    /// <summary>Values that only exist once committed (an automatic DocNumber).</summary>
    public virtual void CompleteAtCommit(CommitContext ctx, JsonObject after, JsonObject? before)
    {
    }

    /// <summary>Effects on other entities of replacing <paramref name="before"/> with <paramref name="after"/> (null: created / deleted).</summary>
    public virtual void OnCommit(CommitContext ctx, JsonObject? before, JsonObject? after)
    {
    }

    /// <summary>Properties a full update keeps when the body leaves them out (system-maintained links, the DocNumber).</summary>
    public virtual IReadOnlyList<string> KeptOnFullUpdate => [];
}
