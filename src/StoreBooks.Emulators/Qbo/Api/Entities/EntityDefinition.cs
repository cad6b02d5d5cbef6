using StoreBooks.Emulators.Qbo.Api.Schema;

namespace StoreBooks.Emulators.Qbo.Api.Entities;

/// <summary>What kind of list an entity belongs to; it decides deletion, query defaults and id sequences.</summary>
internal enum EntityKind
{
    /// <summary>Customer, Vendor, Employee, Item, Account, PaymentMethod: never hard-deleted, inactivated instead.</summary>
    NameList,

    /// <summary>Sales forms, payments, deposits: one id sequence, deletable, some voidable.</summary>
    Transaction,

    /// <summary>TaxCode, TaxRate, TaxAgency: read through the API, created through the tax service.</summary>
    TaxList,

    /// <summary>Preferences and CompanyInfo: one per realm.</summary>
    Singleton,
}

/// <summary>One entity QBO serves: its name, its lower-case path segment, its schema, its rules and what it allows.</summary>
internal sealed class EntityDefinition
{
    public required string Name { get; init; }

    public required string PathSegment { get; init; }

    public required ObjectSchema Schema { get; init; }

    public required EntityKind Kind { get; init; }

    public required EntityRules Rules { get; init; }

    public bool Creatable { get; init; } = true;

    public bool Updatable { get; init; } = true;

    public bool Deletable { get; init; }

    public bool Voidable { get; init; }

    /// <summary>Voided through <c>operation=update&amp;include=void</c> (SalesReceipt, Payment) besides <c>operation=void</c>.</summary>
    public bool VoidThroughUpdate { get; init; }

    /// <summary>Name lists answer queries with active records only unless the query constrains Active.</summary>
    public bool ActiveOnlyByDefault => Kind is EntityKind.NameList or EntityKind.TaxList;

    /// <summary>An id sequence of its own, for an entity that would otherwise share the transactions' one.</summary>
    public string? OwnIdSequence { get; init; }

    /// <summary>Transactions share one id sequence; each list has its own.</summary>
    public string IdSequence => OwnIdSequence ?? (Kind == EntityKind.Transaction ? "Txn" : Name);
}
