namespace StoreBooks.QuickBooks.Errors;

/// <summary>What a QBO error means for the caller; decides the exception type and whether a retry can help.</summary>
public enum QboErrorKind
{
    /// <summary>400 with a validation code (2xxx, 4xxx, 500 unsupported operation, 1040 batch too big).</summary>
    Validation,

    /// <summary>6240: the name is already used.</summary>
    DuplicateName,

    /// <summary>5010: the SyncToken sent is not the current one.</summary>
    StaleObject,

    /// <summary>610 or 2500: the object, or one it references, does not exist or is inactive.</summary>
    NotFound,

    /// <summary>6xxx other than 6240: a business rule refused the write.</summary>
    BusinessRule,

    /// <summary>3200, 3100, 120, or HTTP 401/403: the token is expired, revoked or lacks access.</summary>
    Authentication,

    /// <summary>3001 or HTTP 429: too many requests.</summary>
    Throttled,

    /// <summary>10000 or HTTP 5xx: QBO failed.</summary>
    System,
}

/// <summary>Maps QBO's code and HTTP status to a <see cref="QboErrorKind"/> (code ranges as Intuit's error table groups them).</summary>
public static class QboErrorClassifier
{
    public static QboErrorKind Classify(int? httpStatus, int? code)
    {
        switch (code)
        {
            case 6240: return QboErrorKind.DuplicateName;
            case 5010: return QboErrorKind.StaleObject;
            case 610 or 2500: return QboErrorKind.NotFound;
            case 3200 or 3100 or 120: return QboErrorKind.Authentication;
            case 3001: return QboErrorKind.Throttled;
            case >= 10000: return QboErrorKind.System;
            case >= 5000 and < 7000: return QboErrorKind.BusinessRule;
            case >= 2000 and < 5000: return QboErrorKind.Validation;
        }

        return httpStatus switch
        {
            429 => QboErrorKind.Throttled,
            401 or 403 => QboErrorKind.Authentication,
            404 => QboErrorKind.NotFound,
            >= 500 => QboErrorKind.System,
            _ => QboErrorKind.Validation,
        };
    }
}
