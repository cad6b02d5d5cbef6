namespace StoreBooks.Emulators.Qbo.Api;

/// <summary>
/// How the accounting API behaves where QBO's behaviour is not settled (reference grade [U]) or is a limit.
/// The defaults are the most plausible reading of the evidence; each switch names what it changes.
/// </summary>
public sealed record QboApiOptions
{
    /// <summary>Largest request body accepted; larger ones get a 413 fault (QBO documents no JSON limit).</summary>
    public long MaxRequestBodyBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Items allowed in one batch request (QBO: 30; more is fault 1040).</summary>
    public int MaxBatchItems { get; init; } = 30;

    /// <summary>How many requestids each realm remembers for replay (oldest forgotten first).</summary>
    public int RequestIdCapacity { get; init; } = 10_000;

    /// <summary>What a reused requestid with a different body gets: the original response (default) or fault 600.</summary>
    public RequestIdReuse RequestIdReuse { get; init; } = RequestIdReuse.Replay;

    /// <summary>Fault code for an account of the wrong type on a reference: "6000" (default) or "6430".</summary>
    public string AccountTypeFaultCode { get; init; } = "6000";

    /// <summary>Require IncomeAccountRef on NonInventory items too (what QBO does in practice; the docs name only Inventory/Service).</summary>
    public bool RequireNonInventoryIncomeAccount { get; init; } = true;

    /// <summary>
    /// Require ExpenseAccountRef on every Service and NonInventory item (the docs' wording). Off: only when purchase
    /// information (PurchaseCost or PurchaseDesc) is given, which is what QBO enforces in practice.
    /// </summary>
    public bool StrictExpenseAccount { get; init; }

    /// <summary>How CDC treats a <c>changedSince</c> older than 30 days.</summary>
    public CdcLookBack CdcLookBack { get; init; } = CdcLookBack.Clamp;
}

/// <summary>What a second request with an already used <c>requestid</c> but a different body gets.</summary>
public enum RequestIdReuse
{
    /// <summary>The stored response of the first request, as Intuit documents for retries.</summary>
    Replay,

    /// <summary>Fault 600 "Duplicate Request ID" (the identical body still replays).</summary>
    Fault600,
}

/// <summary>CDC's 30-day window.</summary>
public enum CdcLookBack
{
    /// <summary>Accept any changedSince (a real 2020 sandbox answered 200 for 2011) and return only the last 30 days of changes.</summary>
    Clamp,

    /// <summary>Answer fault 4001 for a changedSince older than 30 days.</summary>
    Reject,
}
