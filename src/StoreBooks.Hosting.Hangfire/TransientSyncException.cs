namespace StoreBooks.Hosting.Hangfire;

/// <summary>Thrown by a sync job whose run QuickBooks could not complete now, so Hangfire retries it with back-off.</summary>
public sealed class TransientSyncException(string message, Exception? inner) : Exception(message, inner);
