using System.Text;

namespace StoreBooks.QuickBooks.Errors;

/// <summary>
/// QuickBooks Online refused or failed a call. Carries QBO's errors (code, Message, Detail, element), the HTTP status,
/// the fault type and the <c>intuit_tid</c> that Intuit support asks for. Catch the subclasses for the cases a caller handles.
/// </summary>
public class QboException : Exception
{
    public QboException(QboErrorKind kind, string operation, int? httpStatus, QboFault? fault, string? intuitTid, Exception? inner = null)
        : base(Describe(kind, operation, httpStatus, fault, intuitTid), inner)
    {
        Kind = kind;
        Operation = operation;
        HttpStatus = httpStatus;
        FaultType = fault?.Type;
        Errors = fault?.Errors ?? [];
        IntuitTid = intuitTid;
    }

    public QboErrorKind Kind { get; }

    /// <summary>What was attempted, e.g. "create Item" or "query Customer".</summary>
    public string Operation { get; }

    /// <summary>The HTTP status; 200 for a fault inside a batch item.</summary>
    public int? HttpStatus { get; }

    public string? FaultType { get; }

    public IReadOnlyList<QboError> Errors { get; }

    /// <summary>Intuit's transaction id of the failed call (header <c>intuit_tid</c>), for support.</summary>
    public string? IntuitTid { get; }

    /// <summary>The first error's code (e.g. "6240").</summary>
    public string? Code => Errors.Count > 0 ? Errors[0].Code : null;

    /// <summary>The first error's element (the field concerned), when QBO names one.</summary>
    public string? Element => Errors.Count > 0 ? Errors[0].Element : null;

    /// <summary>The exception type for a kind of error.</summary>
    public static QboException Create(QboErrorKind kind, string operation, int? httpStatus, QboFault? fault, string? intuitTid, Exception? inner = null) => kind switch
    {
        QboErrorKind.DuplicateName => new QboDuplicateNameException(operation, httpStatus, fault, intuitTid),
        QboErrorKind.StaleObject => new QboStaleObjectException(operation, httpStatus, fault, intuitTid),
        QboErrorKind.NotFound => new QboNotFoundException(operation, httpStatus, fault, intuitTid),
        QboErrorKind.BusinessRule => new QboBusinessRuleException(operation, httpStatus, fault, intuitTid),
        QboErrorKind.Authentication => new QboAuthenticationException(operation, httpStatus, fault, intuitTid),
        QboErrorKind.Throttled => new QboThrottledException(operation, httpStatus, fault, intuitTid),
        QboErrorKind.System => new QboSystemException(operation, httpStatus, fault, intuitTid, inner),
        _ => new QboValidationException(operation, httpStatus, fault, intuitTid),
    };

    private static string Describe(QboErrorKind kind, string operation, int? httpStatus, QboFault? fault, string? intuitTid)
    {
        var text = new StringBuilder();
        text.Append("QuickBooks Online ").Append(kind is QboErrorKind.System ? "failed" : "refused").Append(" the ").Append(operation);
        if (httpStatus is { } status)
        {
            text.Append(" (HTTP ").Append(status).Append(')');
        }

        var errors = fault?.Errors ?? [];
        if (errors.Count == 0)
        {
            text.Append(": no fault details were returned.");
        }

        foreach (var error in errors)
        {
            text.Append(errors.Count == 1 ? ": " : "; ");
            if (!string.IsNullOrEmpty(error.Code))
            {
                text.Append('[').Append(error.Code).Append("] ");
            }

            text.Append(error.Message);
            if (!string.IsNullOrEmpty(error.Detail) && error.Detail != error.Message)
            {
                text.Append(" - ").Append(error.Detail);
            }

            if (!string.IsNullOrEmpty(error.Element))
            {
                text.Append(" (field ").Append(error.Element).Append(')');
            }
        }

        text.Append(' ').Append(Advice(kind));
        if (!string.IsNullOrEmpty(intuitTid))
        {
            text.Append(" Intuit transaction id (for Intuit support): ").Append(intuitTid).Append('.');
        }

        return text.ToString();
    }

    private static string Advice(QboErrorKind kind) => kind switch
    {
        QboErrorKind.DuplicateName => "Another record already uses this name (names of customers, vendors and employees are shared); use the existing record or choose a different name.",
        QboErrorKind.StaleObject => "The record changed in QuickBooks since it was read; read it again and retry with its current SyncToken.",
        QboErrorKind.NotFound => "A referenced record does not exist or was made inactive in QuickBooks; check the referenced ids (items, accounts, customers, tax codes).",
        QboErrorKind.BusinessRule => "A QuickBooks company setting or accounting rule forbids this; change the data or the company's settings.",
        QboErrorKind.Authentication => "The connection's authorization is expired, revoked or lacks access; reconnect QuickBooks (storebooks connect quickbooks).",
        QboErrorKind.Throttled => "Too many requests reached this QuickBooks company; wait and retry.",
        QboErrorKind.System => "QuickBooks had an internal error; retry later.",
        _ => "Correct the request data and retry.",
    };
}

/// <summary>6240: the name (Item Name, or a DisplayName shared by customers, vendors and employees) is already used.</summary>
public sealed class QboDuplicateNameException(string operation, int? httpStatus, QboFault? fault, string? intuitTid)
    : QboException(QboErrorKind.DuplicateName, operation, httpStatus, fault, intuitTid);

/// <summary>5010: the SyncToken sent is stale; re-read the object.</summary>
public sealed class QboStaleObjectException(string operation, int? httpStatus, QboFault? fault, string? intuitTid)
    : QboException(QboErrorKind.StaleObject, operation, httpStatus, fault, intuitTid);

/// <summary>610 or 2500: the object or a referenced one does not exist, was deleted or made inactive.</summary>
public sealed class QboNotFoundException(string operation, int? httpStatus, QboFault? fault, string? intuitTid)
    : QboException(QboErrorKind.NotFound, operation, httpStatus, fault, intuitTid);

/// <summary>A request QBO finds invalid (2xxx validation, 4xxx query, unsupported operation).</summary>
public sealed class QboValidationException(string operation, int? httpStatus, QboFault? fault, string? intuitTid)
    : QboException(QboErrorKind.Validation, operation, httpStatus, fault, intuitTid);

/// <summary>6xxx: a business rule or company setting refused the write.</summary>
public sealed class QboBusinessRuleException(string operation, int? httpStatus, QboFault? fault, string? intuitTid)
    : QboException(QboErrorKind.BusinessRule, operation, httpStatus, fault, intuitTid);

/// <summary>3200, 3100, 120 (401/403) after a refresh was tried: reconnecting is needed.</summary>
public sealed class QboAuthenticationException(string operation, int? httpStatus, QboFault? fault, string? intuitTid)
    : QboException(QboErrorKind.Authentication, operation, httpStatus, fault, intuitTid);

/// <summary>3001 / 429 that outlasted the retries.</summary>
public sealed class QboThrottledException(string operation, int? httpStatus, QboFault? fault, string? intuitTid)
    : QboException(QboErrorKind.Throttled, operation, httpStatus, fault, intuitTid);

/// <summary>10000 / 5xx, or the network, that outlasted the retries.</summary>
public sealed class QboSystemException(string operation, int? httpStatus, QboFault? fault, string? intuitTid, Exception? inner = null)
    : QboException(QboErrorKind.System, operation, httpStatus, fault, intuitTid, inner);
