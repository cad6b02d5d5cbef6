using StoreBooks.Core.Connections;

namespace StoreBooks.Core.State;

/// <summary>
/// Everything StoreBooks remembers, behind one seam: SQLite in one file for a single merchant, PostgreSQL for hosted mode.
/// Opening a store creates and migrates its schema.
/// </summary>
public interface IStateStore : IAsyncDisposable
{
    /// <summary>Every connection of the home, whatever its workspace: the command line's and the scheduler's view.</summary>
    IConnectionStore Connections { get; }

    /// <summary>The workspaces, each with a view of its own connections only (the dashboard's).</summary>
    IWorkspaceStore Workspaces { get; }

    /// <summary>The people who sign in to the dashboard.</summary>
    IUserStore Users { get; }

    ICredentialStore Credentials { get; }

    ILinkStore Links { get; }

    ICursorStore Cursors { get; }

    /// <summary>The CSV exports uploaded in the dashboard, kept with their connection.</summary>
    IUploadStore Uploads { get; }

    IRunLog Runs { get; }

    /// <summary>When each connection syncs next and whether a sync was asked for.</summary>
    ISyncSchedule Schedule { get; }

    /// <summary>Webhook deliveries already seen, to drop duplicates.</summary>
    IWebhookInbox Webhooks { get; }

    /// <summary>QuickBooks batch requests saved before they are sent, to send again after a crash.</summary>
    IBatchJournal Batches { get; }
}
