namespace StoreBooks.Emulators.Qbo.Api.Company;

/// <summary>
/// Sales tax a new company starts with. US: the TAX/NON line codes plus one code and rate for the emulator's automated
/// sales tax (the configured <see cref="QboCompanySettings.SalesTaxRatePercent"/>). Canada: GST, HST (Ontario),
/// GST + QST (Quebec), zero-rated and exempt codes with their agencies.
/// </summary>
internal static class SalesTaxSeed
{
    public sealed record Agency(string Name);

    public sealed record Rate(string Name, decimal Percent, string Agency, string SpecialTaxType = "NONE");

    public sealed record Code(string Name, string Description, bool Taxable, params string[] Rates);

    public sealed record Region(IReadOnlyList<Agency> Agencies, IReadOnlyList<Rate> Rates, IReadOnlyList<Code> Codes);

    public static Region For(QboCompanySettings settings) => settings.Country.ToUpperInvariant() switch
    {
        "US" => new Region(
            [new Agency("Sales Tax Agency")],
            [new Rate("Sales Tax", settings.SalesTaxRatePercent, "Sales Tax Agency")],
            [new Code("Sales Tax", "Sales Tax", true, "Sales Tax")]),
        "CA" => new Region(
            [new Agency("Canada Revenue Agency"), new Agency("Revenu Quebec")],
            [
                new Rate("GST", 5m, "Canada Revenue Agency"),
                new Rate("HST ON", 13m, "Canada Revenue Agency"),
                new Rate("HST NB 2016", 15m, "Canada Revenue Agency"),
                new Rate("HST NS 2025", 14m, "Canada Revenue Agency"),
                new Rate("HST NL 2016", 15m, "Canada Revenue Agency"),
                new Rate("HST PE 2016", 15m, "Canada Revenue Agency"),
                new Rate("QST", 9.975m, "Revenu Quebec"),
                new Rate("Zero-rated", 0m, "Canada Revenue Agency", "ZERO_RATE"),
                new Rate("Exempt", 0m, "Canada Revenue Agency", "EXEMPT"),
            ],
            [
                new Code("GST", "GST", true, "GST"),
                new Code("HST ON", "HST ON", true, "HST ON"),
                new Code("HST NB", "HST NB", true, "HST NB 2016"),
                new Code("HST NS", "HST NS", true, "HST NS 2025"),
                new Code("HST NL", "HST NL", true, "HST NL 2016"),
                new Code("HST PE", "HST PE", true, "HST PE 2016"),
                new Code("GST/QST QC - 9.975", "GST/QST QC - 9.975", true, "GST", "QST"),
                new Code("Zero-rated", "Zero-rated", true, "Zero-rated"),
                new Code("Exempt", "Exempt", false, "Exempt"),
            ]),
        _ => new Region(
            [new Agency("Tax Agency")],
            [new Rate("Standard", 0m, "Tax Agency"), new Rate("Zero-rated", 0m, "Tax Agency", "ZERO_RATE")],
            [new Code("Standard", "Standard rate", true, "Standard"), new Code("Zero-rated", "Zero-rated", true, "Zero-rated")]),
    };
}
