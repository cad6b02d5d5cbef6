namespace StoreBooks.Hosting.Scheduling;

/// <summary>
/// What one <c>storebooks serve</c> process does in hosted mode, where several processes share one PostgreSQL database.
/// </summary>
public enum ServeRole
{
    /// <summary>The dashboard and the webhook endpoints, the dispatcher, and the job server: everything in one process.</summary>
    All,

    /// <summary>The dashboard and the webhook endpoints and the dispatcher: syncs are queued here, never run.</summary>
    Web,

    /// <summary>The job server and the dispatcher: syncs run here; no dashboard and no webhooks, only <c>/health</c>, <c>/healthz</c> and <c>/metrics</c>.</summary>
    Worker,
}
