using StoreBooks.Emulators.Qbo.Api.Company;
using StoreBooks.Emulators.Qbo.Api.Entities;

namespace StoreBooks.Emulators.Qbo.Api.Writes;

/// <summary>What a rule sees while preparing one write: the realm as it is (read-only), the entity and the request's options.</summary>
internal sealed class WriteContext
{
    public WriteContext(QboCompany company, EntityDefinition entity, bool allowDuplicateDocNumber = false)
    {
        Company = company;
        Entity = entity;
        AllowDuplicateDocNumber = allowDuplicateDocNumber;
        Prefs = company.Prefs;
        Refs = new References(company);
    }

    public QboCompany Company { get; }

    public EntityStore Store => Company.Store;

    public EntityDefinition Entity { get; }

    /// <summary><c>include=allowduplicatedocnum</c> was on the request.</summary>
    public bool AllowDuplicateDocNumber { get; }

    public CompanyPreferences Prefs { get; }

    public References Refs { get; }

    public QboApiOptions Options => Company.Options;
}
