using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Json;
using StoreBooks.Emulators.Qbo.Api.Writes;

namespace StoreBooks.Emulators.Qbo.Api.Entities.Lists;

/// <summary>
/// Item (reference §1): Name rules (1-3), Type (6), the fields and account types each type needs (7-10), the company's
/// inventory preference (8), what may not change after creation (13), categories and sub-items.
/// </summary>
internal sealed class ItemRules : NameListRules
{
    public const string Inventory = "Inventory";
    public const string NonInventory = "NonInventory";
    public const string Service = "Service";
    public const string Category = "Category";
    public const string Group = "Group";

    private static readonly string[] CreatableTypes = [Inventory, NonInventory, Service, Category];

    private static readonly string[] NotOnCategories =
    [
        "Sku", "Taxable", "SalesTaxIncluded", "UnitPrice", "RatePercent", "IncomeAccountRef", "PurchaseDesc", "PurchaseTaxIncluded",
        "PurchaseCost", "ExpenseAccountRef", "COGSAccountRef", "AssetAccountRef", "PrefVendorRef", "AvgCost", "TrackQtyOnHand",
        "QtyOnHand", "QtyOnPurchaseOrder", "QtyOnSalesOrder", "ReorderPoint", "InvStartDate", "SalesTaxCodeRef", "PurchaseTaxCodeRef",
    ];

    private static readonly string[] InventoryOnly = ["QtyOnHand", "InvStartDate", "AssetAccountRef", "ReorderPoint"];

    protected override string NameProperty => "Name";

    protected override string UniqueGroup => "Item";

    /// <summary>[U] The wording of item duplicates is not recorded; this follows the recorded tax-rate and customer texts.</summary>
    protected override string DuplicateDetail => "Another product or service is already using this name. Please use a different name.";

    public override IReadOnlyList<string> KeptOnFullUpdate => ["QtyOnHand"];

    public override JsonObject Prepare(WriteContext ctx, JsonObject draft, JsonObject? existing)
    {
        var name = draft.Str("Name");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw Fault.RequiredParam("Name");
        }

        CheckLength(draft, "Name", 100, 1);
        CheckNoColonTabNewline(draft, "Name");
        var type = CheckType(draft, existing);

        if (type == Category)
        {
            foreach (var p in NotOnCategories)
            {
                draft.Remove(p);
            }

            if (draft.Bool("Active") == false)
            {
                throw Fault.Business("A category cannot be made inactive; \"Active\" is always true for categories.", "Active");
            }
        }
        else if (type != Group)
        {
            // QBO documents no uniqueness rule for Sku [U]: two items may share one, as in QBO.
            CheckLength(draft, "Sku", 100);
            CheckLength(draft, "Description", 4000);
            CheckLength(draft, "PurchaseDesc", 1000);
            CheckAccounts(ctx, draft, type);
            CheckTracking(draft, existing, type);
            draft["UnitPrice"] ??= Money.Node(0);
            draft["PurchaseCost"] ??= Money.Node(0);
            draft["Taxable"] ??= false;
        }

        ApplyParent(ctx, draft, type);
        ApplyActive(ctx, draft, existing);
        draft["FullyQualifiedName"] = ParentName(ctx, draft) is { } parent ? parent + ":" + draft.Str("Name") : draft.Str("Name");
        return draft;
    }

    private static string CheckType(JsonObject draft, JsonObject? existing)
    {
        var type = draft.Str("Type");
        if (string.IsNullOrEmpty(type))
        {
            // Type is required since minorversion 4, and every request is treated as minorversion 75.
            throw Fault.RequiredParam("Type");
        }

        var before = existing?.Str("Type");
        if (type == Group && before != Group)
        {
            // [U] QBO: "Creating them via the QuickBooks Online API is not supported." Answered as an unsupported operation.
            throw Fault.UnsupportedOperation(
                "Operation Create is not supported for Item of Type Group: bundles can be read and used on transactions (GroupLineDetail) but not created through the API.");
        }

        if (type != Group && !CreatableTypes.Contains(type))
        {
            throw Fault.InvalidEnumeration("Type", type, CreatableTypes);
        }

        if (before is not null && before != type)
        {
            if (before == Inventory)
            {
                throw Fault.Business($"An item of type Inventory cannot be changed to another type ({type}).", "Type");
            }

            if (before == Category || type == Category || before == Group)
            {
                throw Fault.Business($"An item of type {before} cannot be changed to {type}.", "Type");
            }
        }

        return type;
    }

    private static void CheckAccounts(WriteContext ctx, JsonObject draft, string type)
    {
        var needsIncome = type is Inventory or Service || (type == NonInventory && ctx.Options.RequireNonInventoryIncomeAccount);
        var hasPurchaseInfo = draft.Dec("PurchaseCost") is > 0 || !string.IsNullOrEmpty(draft.Str("PurchaseDesc"));
        var needsExpense = type == Inventory || ctx.Options.StrictExpenseAccount || hasPurchaseInfo;

        if (type == Inventory)
        {
            if (!ctx.Prefs.QuantityOnHand)
            {
                throw Fault.Business("When you create an item, if Track quantity on hand is turned off, the item cannot be of type Inventory.", "Type");
            }

            Account(ctx, draft, "IncomeAccountRef", true, AccountTypes.Income, AccountTypes.OtherIncome);
            Account(ctx, draft, "ExpenseAccountRef", true, AccountTypes.CostOfGoodsSold);
            Account(ctx, draft, "AssetAccountRef", true, AccountTypes.OtherCurrentAsset);
            return;
        }

        Account(ctx, draft, "IncomeAccountRef", needsIncome, AccountTypes.Income, AccountTypes.OtherIncome);
        Account(ctx, draft, "ExpenseAccountRef", needsExpense, AccountTypes.CostOfGoodsSold, AccountTypes.Expense, AccountTypes.OtherExpense);
    }

    private static void Account(WriteContext ctx, JsonObject draft, string property, bool required, params string[] types)
    {
        if (draft.Obj(property) is null)
        {
            if (required)
            {
                throw Fault.RequiredParam(property);
            }

            return;
        }

        var account = ctx.Refs.Account(draft, property);
        if (!types.Contains(account.Str("AccountType")))
        {
            throw Fault.InvalidAccountType(ctx.Options.AccountTypeFaultCode, property);
        }
    }

    private static void CheckTracking(JsonObject draft, JsonObject? existing, string type)
    {
        if (type != Inventory)
        {
            if (existing?.Bool("TrackQtyOnHand") == true)
            {
                throw Fault.Business("Once TrackQtyOnHand is true it cannot be updated to false.", "TrackQtyOnHand");
            }

            foreach (var p in InventoryOnly)
            {
                draft.Remove(p);
            }

            draft["TrackQtyOnHand"] = false;
            return;
        }

        if (draft.Str("InvStartDate") is null)
        {
            throw Fault.RequiredParam("InvStartDate", "As of date for initial quantity on hand is required");
        }

        if (draft.Dec("QtyOnHand") is null)
        {
            throw Fault.RequiredParam("QtyOnHand");
        }

        switch (draft.Bool("TrackQtyOnHand"))
        {
            case null:
                throw Fault.RequiredParam("TrackQtyOnHand");
            case false when existing?.Bool("TrackQtyOnHand") == true:
                throw Fault.Business("Once TrackQtyOnHand is true it cannot be updated to false.", "TrackQtyOnHand");
            case false:
                throw Fault.Business("An item of type Inventory must have TrackQtyOnHand set to true.", "TrackQtyOnHand");
        }
    }

    private static void ApplyParent(WriteContext ctx, JsonObject draft, string type)
    {
        if (draft.Bool("SubItem") != true)
        {
            draft.Remove("SubItem");
            draft.Remove("ParentRef");
            draft.Remove("Level");
            return;
        }

        if (draft.Obj("ParentRef") is null)
        {
            throw Fault.ParentRefRequired("SubItem");
        }

        var parent = ctx.Refs.Resolve(draft, "ParentRef", "Item", "Items", fillName: false)!;
        draft.Obj("ParentRef")!["name"] = parent.Str("Name");
        if (parent.Str("Type") != Category)
        {
            throw Fault.Business($"Only a category can have sub-items; {parent.Str("Name")} is of type {parent.Str("Type")}.", "ParentRef");
        }

        var level = (int)(parent.Dec("Level") ?? 0) + 1;
        if (type == Category && level > 3)
        {
            throw Fault.Business("Sub-categories can be nested at most 3 levels below a top-level category.", "ParentRef");
        }

        draft["Level"] = level;
    }

    private static string? ParentName(WriteContext ctx, JsonObject draft) =>
        draft.Bool("SubItem") == true && draft.RefValue("ParentRef") is { } id ? ctx.Store.Get("Item", id)?.Json.Str("FullyQualifiedName") : null;
}
