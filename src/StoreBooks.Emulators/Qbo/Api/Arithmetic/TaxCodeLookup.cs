using StoreBooks.Emulators.Qbo.Api.Company;
using StoreBooks.Emulators.Qbo.Api.Json;

namespace StoreBooks.Emulators.Qbo.Api.Arithmetic;

/// <summary>The sales rates of a stored TaxCode (its SalesTaxRateList), with each TaxRate's RateValue.</summary>
internal static class TaxCodeLookup
{
    public static TaxCodeRates? Rates(EntityStore store, string codeId)
    {
        if (store.Get("TaxCode", codeId) is not { } code)
        {
            return null;
        }

        var rates = new List<TaxRateShare>();
        foreach (var detail in code.Json.Obj("SalesTaxRateList")?.Arr("TaxRateDetail").Objects() ?? [])
        {
            var rateId = detail.RefValue("TaxRateRef");
            if (rateId is not null && store.Get("TaxRate", rateId) is { } rate)
            {
                rates.Add(new TaxRateShare(rateId, rate.Json.Str("Name") ?? rateId, rate.Json.Dec("RateValue") ?? 0));
            }
        }

        return new TaxCodeRates(codeId, rates);
    }
}
