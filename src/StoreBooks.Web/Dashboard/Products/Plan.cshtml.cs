using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;
using StoreBooks.Core.Connections;
using StoreBooks.Core.Products;
using StoreBooks.Core.Sources;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Sources;
using StoreBooks.QuickBooks.Errors;
using StoreBooks.Sync;
using StoreBooks.Sync.Company;
using StoreBooks.Sync.Connections;
using StoreBooks.Sync.Products;
using StoreBooks.Web.Dashboard.Shared;

namespace StoreBooks.Web.Dashboard.Products;

/// <summary>
/// A connection's item plan, as <c>storebooks items plan</c> makes it: each store product, matched to which QuickBooks item, to be
/// created as what, or waiting and why. "Push items" (POST) does it, as <c>storebooks items push</c> (<see cref="ItemPushRun"/>),
/// and shows what was matched and created.
/// </summary>
public sealed class PlanModel : PageModel
{
    private readonly CurrentWorkspace _workspace;
    private readonly QuickBooksConnections _quickBooks;
    private readonly SourceFactory _sources;
    private readonly IStateStore _state;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;

    public PlanModel(CurrentWorkspace workspace, QuickBooksConnections quickBooks, SourceFactory sources, IStateStore state, TimeProvider time, ILoggerFactory loggers)
    {
        _workspace = workspace;
        _quickBooks = quickBooks;
        _sources = sources;
        _state = state;
        _time = time;
        _loggers = loggers;
    }

    [FromRoute]
    public Guid Id { get; set; }

    public Connection? Connection { get; private set; }

    /// <summary>The plan, or what the push did.</summary>
    public ItemPlanResult? Result { get; private set; }

    /// <summary>True when <see cref="Result"/> is what a push did.</summary>
    public bool Pushed { get; private set; }

    /// <summary>Store rows that could not be read as products.</summary>
    public IReadOnlyList<SourceProblem> Unread { get; private set; } = [];

    /// <summary>Why the plan could not be made: the store or QuickBooks could not be read.</summary>
    public string? Problem { get; private set; }

    public IReadOnlyList<LedgerAccount> Accounts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await RunAsync(push: false, cancellationToken).ConfigureAwait(false);

    public async Task OnPostAsync(CancellationToken cancellationToken) => await RunAsync(push: true, cancellationToken).ConfigureAwait(false);

    /// <summary>An account's name and id ("Sales of Product Income (id 25)"), or the id when QuickBooks does not list it.</summary>
    public string AccountName(string? id) =>
        id is null ? "" : Accounts.FirstOrDefault(a => a.Id == id)?.ToString() ?? id;

    private async Task RunAsync(bool push, CancellationToken cancellationToken)
    {
        Connection = await _workspace.Connections.GetAsync(Id, cancellationToken).ConfigureAwait(false);
        if (Connection is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        try
        {
            var source = await _sources.CreateAsync(Connection, _state.Credentials, cancellationToken).ConfigureAwait(false);
            var (products, unread) = await SourceFactory.ReadAllProductsAsync(source, cancellationToken).ConfigureAwait(false);
            using var client = await _quickBooks.ClientForAsync(Connection, cancellationToken).ConfigureAwait(false);
            var context = new SyncContext(Connection, client, _state, _time, _loggers);
            Result = push
                ? await ItemPushRun.PushAsync(context, products, cancellationToken).ConfigureAwait(false)
                : await new ProductSync(context).PlanAsync(products, cancellationToken).ConfigureAwait(false);
            Accounts = (await context.CompanyAsync(cancellationToken).ConfigureAwait(false)).LedgerAccounts;
            Unread = unread;
            Pushed = push;
        }
        catch (Exception e) when (e is QboException or HttpRequestException or InvalidOperationException or TimeoutException)
        {
            Problem = e.Message;
        }
    }
}
