using StoreBooks.Emulators.Qbo.Api.Entities.Attachments;
using StoreBooks.Emulators.Qbo.Api.Entities.Lists;
using StoreBooks.Emulators.Qbo.Api.Entities.Settings;
using StoreBooks.Emulators.Qbo.Api.Entities.Tax;
using StoreBooks.Emulators.Qbo.Api.Entities.Transactions;
using StoreBooks.Emulators.Qbo.Api.Schema;

namespace StoreBooks.Emulators.Qbo.Api.Entities;

/// <summary>Every entity the emulator serves, found by QBO's lower-case path segment or by its name (queries and CDC ignore case).</summary>
internal static class EntityCatalog
{
    public static readonly IReadOnlyList<EntityDefinition> All =
    [
        new() { Name = "Account", PathSegment = "account", Schema = Schemas.Account, Kind = EntityKind.NameList, Rules = new AccountRules() },
        new() { Name = "Item", PathSegment = "item", Schema = Schemas.Item, Kind = EntityKind.NameList, Rules = new ItemRules() },
        new() { Name = "Customer", PathSegment = "customer", Schema = Schemas.Customer, Kind = EntityKind.NameList, Rules = new CustomerRules() },
        new() { Name = "Vendor", PathSegment = "vendor", Schema = Schemas.Vendor, Kind = EntityKind.NameList, Rules = new VendorRules() },
        new() { Name = "Employee", PathSegment = "employee", Schema = Schemas.Employee, Kind = EntityKind.NameList, Rules = new EmployeeRules() },
        new() { Name = "PaymentMethod", PathSegment = "paymentmethod", Schema = Schemas.PaymentMethod, Kind = EntityKind.NameList, Rules = new PaymentMethodRules() },
        new() { Name = "TaxCode", PathSegment = "taxcode", Schema = Schemas.TaxCode, Kind = EntityKind.TaxList, Rules = new TaxListRules("TaxCode"), Creatable = false, Updatable = false },
        new() { Name = "TaxRate", PathSegment = "taxrate", Schema = Schemas.TaxRate, Kind = EntityKind.TaxList, Rules = new TaxListRules("TaxRate"), Creatable = false, Updatable = false },
        new() { Name = "TaxAgency", PathSegment = "taxagency", Schema = Schemas.TaxAgency, Kind = EntityKind.TaxList, Rules = new TaxAgencyRules(), Updatable = false },
        new()
        {
            Name = "SalesReceipt", PathSegment = "salesreceipt", Schema = Schemas.SalesReceipt, Kind = EntityKind.Transaction,
            Rules = new SalesFormRules(SalesFormProfile.SalesReceipt), Deletable = true, Voidable = true, VoidThroughUpdate = true,
        },
        new()
        {
            Name = "Invoice", PathSegment = "invoice", Schema = Schemas.Invoice, Kind = EntityKind.Transaction,
            Rules = new SalesFormRules(SalesFormProfile.Invoice), Deletable = true, Voidable = true,
        },
        new()
        {
            Name = "RefundReceipt", PathSegment = "refundreceipt", Schema = Schemas.RefundReceipt, Kind = EntityKind.Transaction,
            Rules = new SalesFormRules(SalesFormProfile.RefundReceipt), Deletable = true,
        },
        new()
        {
            Name = "CreditMemo", PathSegment = "creditmemo", Schema = Schemas.CreditMemo, Kind = EntityKind.Transaction,
            Rules = new SalesFormRules(SalesFormProfile.CreditMemo), Deletable = true,
        },
        new()
        {
            Name = "Estimate", PathSegment = "estimate", Schema = Schemas.Estimate, Kind = EntityKind.Transaction,
            Rules = new SalesFormRules(SalesFormProfile.Estimate), Deletable = true,
        },
        new()
        {
            Name = "Payment", PathSegment = "payment", Schema = Schemas.Payment, Kind = EntityKind.Transaction,
            Rules = new PaymentRules(), Deletable = true, Voidable = true, VoidThroughUpdate = true,
        },
        new() { Name = "Deposit", PathSegment = "deposit", Schema = Schemas.Deposit, Kind = EntityKind.Transaction, Rules = new DepositRules(), Deletable = true },
        new() { Name = "Attachable", PathSegment = "attachable", Schema = Schemas.Attachable, Kind = EntityKind.Transaction, Rules = new AttachableRules(), Deletable = true, OwnIdSequence = "Attachable" },
        new() { Name = "Preferences", PathSegment = "preferences", Schema = Schemas.Preferences, Kind = EntityKind.Singleton, Rules = new PreferencesRules(), Creatable = false },
        new() { Name = "CompanyInfo", PathSegment = "companyinfo", Schema = Schemas.CompanyInfo, Kind = EntityKind.Singleton, Rules = new CompanyInfoRules(), Creatable = false },
    ];

    private static readonly Dictionary<string, EntityDefinition> ByPathSegment = All.ToDictionary(e => e.PathSegment, StringComparer.Ordinal);
    private static readonly Dictionary<string, EntityDefinition> ByEntityName = All.ToDictionary(e => e.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Exact, lower-case path segment (URIs are case sensitive in QBO).</summary>
    public static EntityDefinition? ByPath(string segment) => ByPathSegment.GetValueOrDefault(segment);

    /// <summary>Entity name, ignoring case (queries such as <c>select * from item</c>, CDC's <c>entities=estimate</c>).</summary>
    public static EntityDefinition? ByName(string name) => ByEntityName.GetValueOrDefault(name);
}
