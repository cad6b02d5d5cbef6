namespace StoreBooks.Emulators.Qbo.Api;

/// <summary>One committed change to one entity, as a QBO webhook reports it (operation: Create, Update, Delete, Void, Merge, Emailed).</summary>
public sealed record QboEntityChange(string RealmId, string EntityName, string Id, string Operation, DateTimeOffset LastUpdated);
