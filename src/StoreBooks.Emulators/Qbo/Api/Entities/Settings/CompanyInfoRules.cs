using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Entities.Lists;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Json;
using StoreBooks.Emulators.Qbo.Api.Writes;

namespace StoreBooks.Emulators.Qbo.Api.Entities.Settings;

/// <summary>CompanyInfo: the company's name and addresses may change; Country and the feature flags (NameValue) are QBO's.</summary>
internal sealed class CompanyInfoRules : EntityRules
{
    public override JsonObject Prepare(WriteContext ctx, JsonObject draft, JsonObject? existing)
    {
        if (string.IsNullOrWhiteSpace(draft.Str("CompanyName")))
        {
            throw Fault.RequiredParam("CompanyName");
        }

        foreach (var fixedField in new[] { "Country", "NameValue", "SupportedLanguages" })
        {
            draft.Remove(fixedField);
            if (existing?[fixedField] is { } value)
            {
                draft[fixedField] = value.DeepClone();
            }
        }

        Addresses.Assign(ctx.Company, draft, existing, "CompanyAddr", "CustomerCommunicationAddr", "LegalAddr");
        return draft;
    }
}
