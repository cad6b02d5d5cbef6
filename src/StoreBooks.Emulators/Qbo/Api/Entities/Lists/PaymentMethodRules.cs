using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Json;
using StoreBooks.Emulators.Qbo.Api.Writes;

namespace StoreBooks.Emulators.Qbo.Api.Entities.Lists;

/// <summary>PaymentMethod: Name (≤31, unique) and Type CREDIT_CARD or NON_CREDIT_CARD.</summary>
internal sealed class PaymentMethodRules : NameListRules
{
    private static readonly string[] Types = ["CREDIT_CARD", "NON_CREDIT_CARD"];

    protected override string NameProperty => "Name";

    protected override string UniqueGroup => "PaymentMethod";

    protected override string DuplicateDetail => "Another payment method is already using this name. Please use a different name.";

    public override JsonObject Prepare(WriteContext ctx, JsonObject draft, JsonObject? existing)
    {
        if (string.IsNullOrWhiteSpace(draft.Str("Name")))
        {
            throw Fault.RequiredParam("Name");
        }

        CheckLength(draft, "Name", 31, 1);
        var type = draft.Str("Type") ?? "NON_CREDIT_CARD";
        if (!Types.Contains(type))
        {
            throw Fault.InvalidEnumeration("Type", type, Types);
        }

        draft["Type"] = type;
        ApplyActive(ctx, draft, existing);
        return draft;
    }
}
