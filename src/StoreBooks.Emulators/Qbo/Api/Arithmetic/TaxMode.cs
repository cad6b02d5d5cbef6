namespace StoreBooks.Emulators.Qbo.Api.Arithmetic;

/// <summary>How a transaction is taxed.</summary>
internal enum TaxMode
{
    /// <summary>US with automated sales tax: TAX/NON line codes, the emulator's one rate, client TotalTax ignored.</summary>
    UsAutomated,

    /// <summary>US without it (sandbox companies): TAX/NON codes, tax from TxnTaxCodeRef's rates or the client's TotalTax.</summary>
    UsManual,

    /// <summary>Non-US, GlobalTaxCalculation TaxExcluded: line amounts are net, tax is added.</summary>
    Exclusive,

    /// <summary>Non-US, GlobalTaxCalculation TaxInclusive: TaxInclusiveAmt carries what the customer paid.</summary>
    Inclusive,

    /// <summary>Non-US, GlobalTaxCalculation NotApplicable: no tax.</summary>
    NotApplicable,
}
