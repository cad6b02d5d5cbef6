using StoreBooks.Core.Messages;
using StoreBooks.Core.Model;
using StoreBooks.Core.Products;
using StoreBooks.Core.Sales;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.TaxCodes;
using StoreBooks.QuickBooks.TaxRates;

namespace StoreBooks.Sync.Sales;

/// <summary>One QuickBooks rate a store tax maps onto.</summary>
public sealed record MappedRate(TaxRate Rate, StoreTax Tax);

/// <summary>The QuickBooks tax code of a line, and which of the code's rates each store tax is.</summary>
public sealed record MappedTaxCode(TaxCode Code, IReadOnlyList<MappedRate> Rates);

/// <summary>
/// Non-US companies: the store's taxes mapped to QuickBooks tax codes. A line's set of taxes (e.g. "GST 5%" and "QST 9.975%")
/// maps to the code named for it in the settings (<c>sales.taxCodes</c>, keyed by the tax names joined with " + ", or by a single
/// tax's name), else to the one active code whose sales rates are exactly those percentages. Untaxed lines take
/// <c>sales.untaxedTaxCode</c>, else the one active code whose rates are all 0 %.
/// </summary>
public sealed class TaxCodeMap
{
    private readonly IReadOnlyList<TaxCode> _codes;
    private readonly IReadOnlyDictionary<string, TaxRate> _rates;
    private readonly SalesSettings _settings;

    public TaxCodeMap(IReadOnlyList<TaxCode> codes, IReadOnlyList<TaxRate> rates, SalesSettings settings)
    {
        _codes = codes.Where(c => c.Active != false && c.Id is not null).ToList();
        _rates = rates.Where(r => r.Id is not null).ToDictionary(r => r.Id!, StringComparer.Ordinal);
        _settings = settings;
    }

    public static async Task<TaxCodeMap> LoadAsync(QboClient client, SalesSettings settings, CancellationToken cancellationToken)
    {
        var codes = await client.TaxCodes.QueryAsync(client.TaxCodes.Where(), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var rates = await client.TaxRates.QueryAsync(client.TaxRates.Where(), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new TaxCodeMap(codes, rates, settings);
    }

    /// <summary>The code for a line with these taxes, or a message saying what to map.</summary>
    public (MappedTaxCode? Code, SyncMessage? Problem) Resolve(IReadOnlyList<StoreTax> taxes)
    {
        var charged = taxes.Where(t => t.Rate != 0 || t.Amount != 0).ToList();
        if (charged.Count == 0)
        {
            return ResolveUntaxed();
        }

        var key = string.Join(" + ", charged.Select(Label));
        var configured = Configured(key)
            ?? Configured(string.Join(" + ", charged.Select(t => t.Name.Trim())))
            ?? (charged.Count == 1 ? null : CommonConfiguredCode(charged));

        if (configured is not null)
        {
            var code = Find(configured);
            if (code is null)
            {
                return (null, SalesMessages.TaxCodeNotActive.With(("code", configured), ("tax", key), ("codes", Codes())));
            }

            return Assign(code, charged) is { } mapped
                ? (mapped, null)
                : (null, SalesMessages.TaxCodeRates.With(("code", code.Name ?? ""), ("tax", key), ("rates", Percents(code))));
        }

        var matching = _codes.Where(c => Assign(c, charged) is not null).ToList();
        return matching.Count switch
        {
            1 => (Assign(matching[0], charged), null),
            0 => (null, SalesMessages.TaxNoCode.With(("tax", key), ("setting", Setting(key)), ("codes", Codes()))),
            _ => (null, SalesMessages.TaxSeveralCodes.With(("tax", key), ("matching", string.Join(", ", matching.Select(c => $"\"{c.Name}\""))), ("setting", Setting(key)))),
        };
    }

    private (MappedTaxCode? Code, SyncMessage? Problem) ResolveUntaxed()
    {
        if (_settings.UntaxedTaxCode is { } chosen)
        {
            return Find(chosen) is { } code
                ? (new MappedTaxCode(code, []), null)
                : (null, SalesMessages.UntaxedCodeNotActive.With(("code", chosen), ("codes", Codes())));
        }

        var zero = _codes.Where(c => RatesOf(c) is { Count: > 0 } r && r.All(x => (x.RateValue ?? 0) == 0)).ToList();
        var preferred = zero.Where(c => (c.Name ?? "").Contains("Exempt", StringComparison.OrdinalIgnoreCase)).ToList();
        var pick = preferred.Count == 1 ? preferred[0] : zero.Count == 1 ? zero[0] : null;
        return pick is not null
            ? (new MappedTaxCode(pick, []), null)
            : (null, SalesMessages.UntaxedNoCode.With(("codes", Codes())));
    }

    /// <summary>The setting that maps <paramref name="key"/>, as the merchant writes it in the settings.</summary>
    private static string Setting(string key) => $"{{\"{key}\": \"<tax code>\"}}";

    /// <summary>"GST 5%": the tax's name, with its rate when the name does not carry one (so HST 13% and HST 15% map apart).</summary>
    public static string Label(StoreTax tax)
    {
        var name = tax.Name.Trim();
        return name.Contains('%', StringComparison.Ordinal) ? name : $"{name} {(tax.Rate * 100m).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}%";
    }

    private string? Configured(string key) => _settings.TaxCodes.FirstOrDefault(p => MatchKeys.Same(p.Key, key)).Value;

    /// <summary>The code the settings give every one of these taxes, when they agree.</summary>
    private string? CommonConfiguredCode(IReadOnlyList<StoreTax> taxes)
    {
        var codes = taxes.Select(t => Configured(Label(t)) ?? Configured(t.Name.Trim())).ToList();
        return codes.All(c => c is not null) && codes.Distinct(StringComparer.OrdinalIgnoreCase).Count() == 1 ? codes[0] : null;
    }

    /// <summary>Pairs each store tax with a rate of the code of the same percentage; null unless every rate and tax pair off.</summary>
    private MappedTaxCode? Assign(TaxCode code, IReadOnlyList<StoreTax> taxes)
    {
        var rates = RatesOf(code).Where(r => (r.RateValue ?? 0) != 0).ToList();
        if (rates.Count != taxes.Count)
        {
            return null;
        }

        var pairs = new List<MappedRate>();
        foreach (var tax in taxes)
        {
            var percent = Math.Round(tax.Rate * 100m, 4);
            var rate = rates.FirstOrDefault(r => Math.Round(r.RateValue ?? 0, 4) == percent && pairs.All(p => p.Rate.Id != r.Id));
            if (rate is null)
            {
                return null;
            }

            pairs.Add(new MappedRate(rate, tax));
        }

        return new MappedTaxCode(code, pairs);
    }

    private List<TaxRate> RatesOf(TaxCode code) =>
        (code.SalesTaxRateList?.TaxRateDetail ?? [])
            .Select(d => d.TaxRateRef?.Value is { } id && _rates.TryGetValue(id, out var r) ? r : null)
            .OfType<TaxRate>()
            .ToList();

    private TaxCode? Find(string idOrName) =>
        _codes.FirstOrDefault(c => c.Id == idOrName.Trim()) ?? _codes.FirstOrDefault(c => MatchKeys.Same(c.Name, idOrName));

    private string Percents(TaxCode code) => string.Join(" + ", RatesOf(code).Select(r => $"{r.RateValue:0.###} %"));

    private string Codes() => string.Join(", ", _codes.Where(c => RatesOf(c).Count > 0).Select(c => $"\"{c.Name}\" ({Percents(c)})"));
}
