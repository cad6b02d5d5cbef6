namespace StoreBooks.QuickBooks.Http;

/// <summary>
/// What a request to the Accounting API is, attached to the <see cref="HttpRequestMessage"/> for the handlers: the realm
/// (for limits), the entity and operation (for logs), whether it only reads (safe to repeat), and its requestid.
/// </summary>
public sealed record QboCall(string RealmId, string Entity, string Operation, bool IsRead, string? RequestId)
{
    public static readonly HttpRequestOptionsKey<QboCall> Key = new("StoreBooks.QboCall");

    /// <summary>May this request be sent again after a failure without risking a second write?</summary>
    public bool IsReplayable => IsRead || !string.IsNullOrEmpty(RequestId);

    public static QboCall? Of(HttpRequestMessage request) =>
        request.Options.TryGetValue(Key, out var call) ? call : null;

    internal void AttachTo(HttpRequestMessage request) => request.Options.Set(Key, this);

    public override string ToString() => Entity == "Batch" ? Operation : $"{Operation} {Entity}";
}
