using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Company;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Http;
using StoreBooks.Emulators.Qbo.Api.Json;
using StoreBooks.Emulators.Qbo.Api.Schema;
using StoreBooks.Emulators.Qbo.Api.Writes;

namespace StoreBooks.Emulators.Qbo.Api.Entities.Tax;

/// <summary>
/// <c>POST /taxservice/taxcode</c>: QBO's way to create a tax code with new or existing rates,
/// <c>{"TaxCode":"…","TaxRateDetails":[{"TaxRateName","RateValue","TaxAgencyId","TaxApplicableOn"} | {"TaxRateId"}]}</c>.
/// A rate name already in use is 6240 in the words a real tax service answered.
/// </summary>
internal static class TaxServiceEndpoint
{
    private static readonly ObjectSchema Detail = new ObjectSchema("TaxRateDetails").Add(
        ("TaxRateName", new ScalarField(ScalarKind.String)), ("TaxRateId", new ScalarField(ScalarKind.String)),
        ("RateValue", new ScalarField(ScalarKind.Decimal)), ("TaxAgencyId", new ScalarField(ScalarKind.String)),
        ("TaxApplicableOn", new ScalarField(ScalarKind.String)));

    private static readonly ObjectSchema Request = new ObjectSchema("TaxService").Add(
        ("TaxCode", new ScalarField(ScalarKind.String)), ("TaxCodeId", new ScalarField(ScalarKind.String)),
        ("TaxRateDetails", new ArrayField(new ObjectField(Detail))));

    public static async Task HandleAsync(ApiCall call)
    {
        var text = await RequestBody.ReadTextAsync(call.Http.Request, call.Company.Options.MaxRequestBodyBytes).ConfigureAwait(false);
        await EntityEndpoints.ReplayableAsync(call, text, () =>
        {
            var changes = new List<QboEntityChange>();
            var body = Create(call.Company, SchemaReader.Read(RequestBody.ParseObject(text), Request), changes);
            return (body, changes);
        }).ConfigureAwait(false);
    }

    private static JsonObject Create(QboCompany company, JsonObject request, List<QboEntityChange> changes)
    {
        var codeName = request.Str("TaxCode")?.Trim();
        if (string.IsNullOrEmpty(codeName))
        {
            throw Fault.RequiredParam("TaxCode");
        }

        var details = request.Arr("TaxRateDetails").Objects().ToList();
        if (details.Count == 0)
        {
            throw Fault.RequiredParam("TaxRateDetails");
        }

        if (company.Store.Holder("TaxCode|" + codeName.ToLowerInvariant()) is not null)
        {
            throw Fault.DuplicateName("Another tax code is already using this name. Please use a different name.");
        }

        var newRates = new List<(JsonObject Rate, string ApplicableOn)>();
        var existing = new List<(string RateId, string ApplicableOn)>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var detail in details)
        {
            var applicableOn = detail.Str("TaxApplicableOn") ?? "Sales";
            if (applicableOn is not ("Sales" or "Purchase"))
            {
                throw Fault.InvalidEnumeration("TaxApplicableOn", applicableOn, ["Sales", "Purchase"]);
            }

            if (detail.Str("TaxRateId") is { } rateId)
            {
                _ = company.Store.Get("TaxRate", rateId) ?? throw Fault.InvalidReference("TaxRates", rateId, "TaxRateId");
                existing.Add((rateId, applicableOn));
                continue;
            }

            var name = detail.Str("TaxRateName")?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                throw Fault.RequiredParam("TaxRateName");
            }

            var value = detail.Dec("RateValue") ?? throw Fault.RequiredParam("RateValue");
            var agencyId = detail.Str("TaxAgencyId") ?? throw Fault.RequiredParam("TaxAgencyId");
            _ = company.Store.Get("TaxAgency", agencyId) ?? throw Fault.InvalidReference("TaxAgencies", agencyId, "TaxAgencyId");
            if (company.Store.Holder("TaxRate|" + name.ToLowerInvariant()) is not null || !names.Add(name))
            {
                throw Fault.DuplicateName("Another tax rate is already using this \nname. Please use a different name.", "");
            }

            newRates.Add((new JsonObject
            {
                ["Name"] = name,
                ["Description"] = applicableOn == "Sales" ? "Sales Tax" : "Purchase Tax",
                ["Active"] = true,
                ["RateValue"] = Money.Node(value),
                ["AgencyRef"] = JsonAccess.Ref(agencyId),
                ["SpecialTaxType"] = "NONE",
                ["DisplayType"] = "ReadOnly",
            }, applicableOn));
        }

        var now = company.Now;
        var stamp = QboTime.Meta(now);
        var sales = new JsonArray();
        var purchases = new JsonArray();
        var response = new JsonArray();
        foreach (var (rate, applicableOn) in newRates)
        {
            var id = company.NewId("TaxRate");
            company.Store.Put("TaxRate", new EntityRecord(id, WriteEngine.Stamp(rate, id, "0", stamp, stamp), now));
            changes.Add(new QboEntityChange(company.RealmId, "TaxRate", id, "Create", now));
            existing.Add((id, applicableOn));
        }

        foreach (var (rateId, applicableOn) in existing)
        {
            var rate = company.Store.Get("TaxRate", rateId)!.Json;
            (applicableOn == "Sales" ? sales : purchases).Add(new JsonObject
            {
                ["TaxRateRef"] = JsonAccess.Ref(rateId, rate.Str("Name")),
                ["TaxTypeApplicable"] = "TaxOnAmount",
                ["TaxOrder"] = 0,
            });
            response.Add(new JsonObject
            {
                ["TaxRateName"] = rate.Str("Name"),
                ["TaxRateId"] = rateId,
                ["RateValue"] = Money.Node(rate.Dec("RateValue") ?? 0),
                ["TaxAgencyId"] = rate.RefValue("AgencyRef"),
                ["TaxApplicableOn"] = applicableOn,
            });
        }

        var codeId = company.NewId("TaxCode");
        var code = new JsonObject
        {
            ["Name"] = codeName,
            ["Description"] = codeName,
            ["Active"] = true,
            ["Taxable"] = true,
            ["TaxGroup"] = true,
            ["SalesTaxRateList"] = new JsonObject { ["TaxRateDetail"] = sales },
            ["PurchaseTaxRateList"] = new JsonObject { ["TaxRateDetail"] = purchases },
        };
        company.Store.Put("TaxCode", new EntityRecord(codeId, WriteEngine.Stamp(code, codeId, "0", stamp, stamp), now));
        changes.Add(new QboEntityChange(company.RealmId, "TaxCode", codeId, "Create", now));
        return new JsonObject
        {
            ["TaxCode"] = codeName,
            ["TaxCodeId"] = codeId.ToString(CultureInfo.InvariantCulture),
            ["TaxRateDetails"] = response,
        };
    }
}
