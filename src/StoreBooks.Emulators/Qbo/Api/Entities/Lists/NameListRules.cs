using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Json;
using StoreBooks.Emulators.Qbo.Api.Writes;

namespace StoreBooks.Emulators.Qbo.Api.Entities.Lists;

/// <summary>
/// Rules every name list shares: a unique name (case-insensitive, surrounding spaces ignored [U]), no hard delete, and
/// inactivation that renames the object with " (deleted)" so its name is free again (real responses: "Fees Billed (deleted)",
/// "Emily Platt (deleted)").
/// </summary>
internal abstract class NameListRules : EntityRules
{
    public const string DeletedSuffix = " (deleted)";

    /// <summary>The property holding the unique name: Name or DisplayName.</summary>
    protected abstract string NameProperty { get; }

    /// <summary>The uniqueness group; Customer, Vendor and Employee share one.</summary>
    protected abstract string UniqueGroup { get; }

    /// <summary>The tail of the 6240 Detail after "The name supplied already exists. : ".</summary>
    protected abstract string DuplicateDetail { get; }

    public static string Key(string group, string name) => group + "|" + name.Trim().ToLowerInvariant();

    public override IEnumerable<string> UniqueKeys(JsonObject json) =>
        json.Str(NameProperty) is { Length: > 0 } name ? [Key(UniqueGroup, name)] : [];

    public override void CheckUnique(WriteContext ctx, JsonObject candidate, string? id)
    {
        foreach (var key in UniqueKeys(candidate))
        {
            if (ctx.Store.Holder(key, id is null ? null : (ctx.Entity.Name, id)) is not null)
            {
                throw Fault.DuplicateName(DuplicateDetail);
            }
        }
    }

    public override void BeforeDelete(WriteContext ctx, JsonObject existing) =>
        throw Fault.UnsupportedOperation(
            $"Operation Delete is not supported for {ctx.Entity.Name}: name-list objects are never deleted. Make it inactive with a sparse update setting \"Active\":false.");

    /// <summary>
    /// Applies Active: defaults it to true, and when it goes from true to false checks <see cref="CheckInactivation"/>
    /// and appends " (deleted)" to the name (a number is added when that name is taken too [U]).
    /// </summary>
    protected void ApplyActive(WriteContext ctx, JsonObject draft, JsonObject? existing)
    {
        var active = draft.Bool("Active") ?? true;
        draft["Active"] = active;
        var wasActive = existing?.Bool("Active") ?? true;
        if (existing is null || active || !wasActive)
        {
            return;
        }

        CheckInactivation(ctx, existing);
        var name = draft.Str(NameProperty) ?? existing.Str(NameProperty) ?? "";
        if (name.EndsWith(DeletedSuffix, StringComparison.Ordinal))
        {
            return;
        }

        var id = existing.Str("Id");
        var renamed = name + DeletedSuffix;
        for (var n = 2; ctx.Store.Holder(Key(UniqueGroup, renamed), id is null ? null : (ctx.Entity.Name, id)) is not null; n++)
        {
            renamed = $"{name} (deleted {n})";
        }

        draft[NameProperty] = renamed;
    }

    /// <summary>Throws when the object may not be made inactive (a customer with an open balance).</summary>
    protected virtual void CheckInactivation(WriteContext ctx, JsonObject existing)
    {
    }

    protected static void CheckLength(JsonObject json, string property, int max, int min = 0)
    {
        if (json.Str(property) is { } value && (value.Length > max || value.Length < min))
        {
            throw Fault.StringLength(property, min, max, value.Length);
        }
    }

    protected static void CheckNoColonTabNewline(JsonObject json, string property)
    {
        if (json.Str(property) is { } value && value.IndexOfAny([':', '\t', '\n', '\r']) >= 0)
        {
            throw Fault.InvalidString(property, value);
        }
    }

    /// <summary>Copies computed values (balances) from the stored object, so a full update cannot reset them.</summary>
    protected static void KeepComputed(JsonObject draft, JsonObject? existing, params string[] properties)
    {
        foreach (var p in properties)
        {
            draft.Remove(p);
            if (existing?[p] is { } value)
            {
                draft[p] = value.DeepClone();
            }
        }
    }
}
