using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Arithmetic;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Json;
using StoreBooks.Emulators.Qbo.Api.Writes;

namespace StoreBooks.Emulators.Qbo.Api.Entities.Transactions;

/// <summary>
/// How a sales form is taxed (US automated or manual, or the non-US GlobalTaxCalculation), where its rates come from,
/// and the TxnTaxDetail QBO answers with: TxnTaxCodeRef (US), TotalTax, one TaxLine per rate.
/// </summary>
internal static class SalesTax
{
    /// <summary>US companies ignore GlobalTaxCalculation; elsewhere it is required (rule 26).</summary>
    public static TaxMode Mode(WriteContext ctx, JsonObject draft)
    {
        if (ctx.Company.IsUs)
        {
            draft.Remove("GlobalTaxCalculation");
            return ctx.Company.AutomatedSalesTax ? TaxMode.UsAutomated : TaxMode.UsManual;
        }

        var calculation = draft.Str("GlobalTaxCalculation") ?? throw Fault.RequiredParam("GlobalTaxCalculation");
        return calculation switch
        {
            "TaxExcluded" => TaxMode.Exclusive,
            "TaxInclusive" => TaxMode.Inclusive,
            "NotApplicable" => TaxMode.NotApplicable,
            _ => throw Fault.InvalidEnumeration("GlobalTaxCalculation", calculation, ["TaxExcluded", "TaxInclusive", "NotApplicable"]),
        };
    }

    /// <summary>Where the rates come from: US TAX lines use the automated code or TxnTaxCodeRef; elsewhere each line's code.</summary>
    public static (Func<string, TaxCodeRates?> Rates, string? UsCode, decimal? ManualTax) Source(
        WriteContext ctx, TaxMode mode, JsonObject? clientTax, JsonObject? customer)
    {
        var store = ctx.Store;
        switch (mode)
        {
            case TaxMode.UsAutomated:
            case TaxMode.UsManual:
                var exempt = customer?.Bool("Taxable") == false;
                string? code = null;
                decimal? manual = null;
                if (mode == TaxMode.UsAutomated)
                {
                    // Automated sales tax ignores TxnTaxCodeRef and the client's TotalTax and computes its own.
                    code = ctx.Prefs.TaxGroupCodeId;
                }
                else if (clientTax?.Obj("TxnTaxCodeRef") is not null)
                {
                    code = ctx.Refs.TaxCode(clientTax, "TxnTaxCodeRef").Str("Id");
                }
                else
                {
                    manual = clientTax?.Dec("TotalTax");
                }

                var rates = code is null || exempt ? null : TaxCodeLookup.Rates(store, code);
                return (c => c == "TAX" ? rates : null, rates is null ? null : code, exempt ? null : manual);
            default:
                return (c => TaxCodeLookup.Rates(store, c), null, null);
        }
    }

    /// <summary>
    /// The tax amounts a client set per rate in TxnTaxDetail.TaxLine (TaxRateRef and Amount), which QBO keeps in place of its
    /// own for non-US companies; empty when the client sent none.
    /// </summary>
    public static IReadOnlyDictionary<string, decimal> Overrides(JsonObject? clientTax)
    {
        var overrides = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var line in clientTax?.Arr("TaxLine").Objects() ?? [])
        {
            if (line.Obj("TaxLineDetail")?.RefValue("TaxRateRef") is { } rateId && line.Dec("Amount") is { } amount)
            {
                overrides[rateId] = overrides.GetValueOrDefault(rateId) + amount;
            }
        }

        return overrides;
    }

    /// <summary>TxnTaxDetail as QBO writes it.</summary>
    public static JsonObject TaxDetail(SalesTotals totals, string? usCode)
    {
        var detail = new JsonObject();
        if (usCode is not null && totals.TaxLines.Count > 0)
        {
            detail["TxnTaxCodeRef"] = JsonAccess.Ref(usCode);
        }

        detail["TotalTax"] = Money.Node(totals.TotalTax);
        if (totals.TaxLines.Count > 0)
        {
            var lines = new JsonArray();
            foreach (var t in totals.TaxLines)
            {
                lines.Add(new JsonObject
                {
                    ["Amount"] = Money.Node(t.Tax),
                    ["DetailType"] = "TaxLineDetail",
                    ["TaxLineDetail"] = new JsonObject
                    {
                        ["TaxRateRef"] = JsonAccess.Ref(t.Rate.RateId),
                        ["PercentBased"] = true,
                        ["TaxPercent"] = Money.Node(t.Rate.Percent),
                        ["NetAmountTaxable"] = Money.Node(t.NetAmountTaxable),
                    },
                });
            }

            detail["TaxLine"] = lines;
        }

        return detail;
    }
}
