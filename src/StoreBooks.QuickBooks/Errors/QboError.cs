namespace StoreBooks.QuickBooks.Errors;

/// <summary>One entry of a QBO Fault: QBO's code (a string such as "6240"), Message, Detail and the element it concerns.</summary>
public sealed record QboError(string? Code, string? Message, string? Detail, string? Element)
{
    /// <summary>The code as a number, or null when QBO sent none or a non-number.</summary>
    public int? NumericCode => int.TryParse(Code, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}

/// <summary>A parsed Fault envelope: its type (ValidationFault, SystemFault, SERVICE, AUTHENTICATION...) and errors.</summary>
public sealed record QboFault(string? Type, IReadOnlyList<QboError> Errors);
