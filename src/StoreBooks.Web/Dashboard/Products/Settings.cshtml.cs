using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using StoreBooks.Core.Connections;
using StoreBooks.Core.Products;
using StoreBooks.Sync.Company;
using StoreBooks.Sync.Connections;
using StoreBooks.Sync.Settings;
using StoreBooks.Web.Dashboard.Resources;
using StoreBooks.Web.Dashboard.Shared;

namespace StoreBooks.Web.Dashboard.Products;

/// <summary>
/// A connection's product settings, in the article's order: manual or automatic items, the type of created items, their accounts
/// (pickers of the company's accounts of the fitting types), the inventory start date; then matching and later updates. Saved as
/// <c>storebooks settings set</c> saves them (<see cref="SettingsChange"/>), each problem shown at its field. Another
/// workspace's connection is a 404, for GET and POST.
/// </summary>
public sealed class ProductSettingsModel : PageModel
{
    /// <summary>The settings this page shows, in its order.</summary>
    public static readonly string[] Keys =
    [
        "products.mode", "products.createAs", "products.incomeAccount", "products.expenseAccount", "products.inventoryAssetAccount",
        "products.inventoryStartDate", "products.matchKey", "products.withoutSku", "products.variantNameTemplate", "products.updatePrices",
        "products.updateDescriptions",
    ];

    private readonly CurrentWorkspace _workspace;
    private readonly QuickBooksConnections _quickBooks;
    private readonly TimeProvider _time;
    private readonly IStringLocalizer<DashboardText> _text;

    public ProductSettingsModel(CurrentWorkspace workspace, QuickBooksConnections quickBooks, TimeProvider time, IStringLocalizer<DashboardText> text)
    {
        _text = text;
        _workspace = workspace;
        _quickBooks = quickBooks;
        _time = time;
    }

    [FromRoute]
    public Guid Id { get; set; }

    [FromQuery]
    public bool Saved { get; set; }

    public Connection? Connection { get; private set; }

    public QuickBooksCompany? Company { get; private set; }

    /// <summary>Why the QuickBooks company could not be read (then the pickers hold only the saved values).</summary>
    public string? CompanyProblem { get; private set; }

    /// <summary>The settings shown: as saved, or as sent when they were refused.</summary>
    public ConnectionSettings Settings { get; private set; } = new();

    public IReadOnlyDictionary<string, string> Problems { get; private set; } = new Dictionary<string, string>();

    /// <summary>Problems of settings this page does not show (they stop the save all the same).</summary>
    public IReadOnlyList<SettingsProblem> OtherProblems { get; private set; } = [];

    /// <summary>Today in UTC, the last day an inventory start date may be.</summary>
    public DateOnly Today => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    public bool CanCreateInventory => Company?.TracksInventory ?? true;

    public AccountPicker Income => AccountPicker.For("products.incomeAccount", Company, Settings.Products.IncomeAccount, ProductSettingsCheck.IncomeTypes);

    /// <summary>Cost of goods sold accounts, and expense accounts (fit for non-inventory items only).</summary>
    public AccountPicker Expense => AccountPicker.For("products.expenseAccount", Company, Settings.Products.ExpenseAccount, ProductSettingsCheck.ExpenseTypes(CreatedItemType.NonInventory));

    public AccountPicker InventoryAsset =>
        AccountPicker.For("products.inventoryAssetAccount", Company, Settings.Products.InventoryAssetAccount, ProductSettingsCheck.InventoryAssetTypes, LedgerAccount.InventorySubType);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken).ConfigureAwait(false) is { } connection)
        {
            Settings = ConnectionSettings.From(connection.Settings);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken).ConfigureAwait(false) is not { } connection)
        {
            return Page();
        }

        if (Company is null && connection.QboRealmId is not null)
        {
            // As the command line: settings that name QuickBooks accounts are saved only once QuickBooks has checked them.
            Settings = ConnectionSettings.From(connection.Settings);
            OtherProblems = [new SettingsProblem("quickbooks", CompanyProblem ?? "")];
            return Page();
        }

        var changes = SettingsForm.Changes(Request.Form, Keys);
        var settings = SettingsChange.Apply(ConnectionSettings.From(connection.Settings), changes, Company, _time, out var problems);
        if (problems.Count == 0)
        {
            await _workspace.Connections.UpdateAsync(connection with { Settings = settings.ToJson(), UpdatedAt = _time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
            return RedirectToPage(new { id = Id, saved = true });
        }

        Settings = settings;
        Problems = SettingsForm.ByField(problems, key => Keys.Contains(key, StringComparer.OrdinalIgnoreCase), p => SettingsForm.Shown(_text, p), out var others);
        OtherProblems = others;
        return Page();
    }

    private async Task<Connection?> LoadAsync(CancellationToken cancellationToken)
    {
        Connection = await _workspace.Connections.GetAsync(Id, cancellationToken).ConfigureAwait(false);
        if (Connection is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return null;
        }

        var read = await ConnectedCompany.ReadAsync(_quickBooks, Connection, cancellationToken).ConfigureAwait(false);
        Company = read.Company;
        CompanyProblem = read.Problem;
        return Connection;
    }
}
