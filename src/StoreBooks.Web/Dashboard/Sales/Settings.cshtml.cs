using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StoreBooks.Core.Connections;
using StoreBooks.Core.Products;
using StoreBooks.Core.Sales;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Sources;
using StoreBooks.Sync.Company;
using StoreBooks.Sync.Connections;
using StoreBooks.Sync.Sales;
using StoreBooks.Sync.Settings;
using StoreBooks.Web.Dashboard.Products;
using StoreBooks.Web.Dashboard.Resources;
using StoreBooks.Web.Dashboard.Shared;

namespace StoreBooks.Web.Dashboard.Sales;

/// <summary>
/// A connection's sales settings, every <c>sales.*</c> one: documents and which orders, numbering, customers, the lines' items and
/// accounts, tax codes per store tax (companies outside the United States), and where each gateway's payments go. Pickers are filled
/// from the QuickBooks company and the store's recent orders; the settings are saved as <c>storebooks settings set</c> saves them
/// (<see cref="SettingsChange"/>). Another workspace's connection is a 404, for GET and POST.
/// </summary>
public sealed class SalesSettingsModel : PageModel
{
    /// <summary>The settings this page shows, besides the maps' entries.</summary>
    public static readonly string[] Keys =
    [
        "syncStartDate", "sales.document", "sales.statuses", "sales.syncRefunds", "sales.useOrderNumbers", "sales.docNumberPrefix", "sales.refundDocNumberPrefix",
        "sales.customers", "sales.genericCustomerName", "sales.shipping", "sales.shippingItem", "sales.discountAccount", "sales.feesItem",
        "sales.tipsItem", "sales.dutiesItem", "sales.dutiesAccount", "sales.giftCardItem", "sales.roundingItem", "sales.salesTaxItem",
        "sales.notRestockedItem", "sales.untaxedTaxCode", "sales.defaultDepositAccount",
    ];

    /// <summary>The map settings whose entries the page shows: one field per store tax, two per gateway.</summary>
    public static readonly string[] Maps = ["sales.taxCodes", "sales.payments"];

    /// <summary>Account types of the duties item's account: liability (the default), or income.</summary>
    public static readonly string[] DutiesAccountTypes = ["Other Current Liability", "Income", "Other Income"];

    private readonly CurrentWorkspace _workspace;
    private readonly QuickBooksConnections _quickBooks;
    private readonly SourceFactory _sources;
    private readonly IStateStore _state;
    private readonly TimeProvider _time;
    private readonly IStringLocalizer<DashboardText> _text;

    public SalesSettingsModel(
        CurrentWorkspace workspace, QuickBooksConnections quickBooks, SourceFactory sources, IStateStore state, TimeProvider time, IStringLocalizer<DashboardText> text)
    {
        _text = text;
        _workspace = workspace;
        _quickBooks = quickBooks;
        _sources = sources;
        _state = state;
        _time = time;
    }

    [FromRoute]
    public Guid Id { get; set; }

    [FromQuery]
    public bool Saved { get; set; }

    public Connection? Connection { get; private set; }

    public QuickBooksCompany? Company { get; private set; }

    public SalesChoices Choices { get; private set; } = new();

    /// <summary>Why QuickBooks could not be read (then the pickers hold only the saved values).</summary>
    public string? CompanyProblem { get; private set; }

    /// <summary>Why the store's orders could not be read for their taxes and gateways.</summary>
    public string? StoreProblem { get; private set; }

    public ConnectionSettings Settings { get; private set; } = new();

    public IReadOnlyDictionary<string, string> Problems { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<SettingsProblem> OtherProblems { get; private set; } = [];

    /// <summary>US companies tax with automated sales tax; tax codes are for the others.</summary>
    public bool UsesTaxCodes => Company is { IsUs: false };

    public string? Message(string key) => Problems.TryGetValue(key, out var message) ? message : null;

    /// <summary>A field's problem as the page shows it.</summary>
    public string? ShownMessage(string key, IStringLocalizer text) => key == "syncStartDate" ? SyncStartMessage(text) : Message(key);

    /// <summary>The sync start date's problem in the reader's words: only a day in the future is refused.</summary>
    public string? SyncStartMessage(IStringLocalizer text)
    {
        if (Message("syncStartDate") is not { } message)
        {
            return null;
        }

        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        return Settings.SyncStartDate is { } day && day > today
            ? text["Sales_SyncStartFuture", ProductText.Day(day, CultureInfo.CurrentCulture), ProductText.Day(today, CultureInfo.CurrentCulture)].Value
            : message;
    }

    /// <summary>The store's tax names: those seen on its orders and those already mapped.</summary>
    public IReadOnlyList<string> StoreTaxes =>
        Choices.StoreTaxes.Concat(Settings.Sales.TaxCodes.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>The store's gateways: those seen on its orders and those already mapped.</summary>
    public IReadOnlyList<string> Gateways =>
        Choices.StoreGateways.Concat(Settings.Sales.Payments.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();

    public IReadOnlyList<Choice> TaxCodeChoices => Choices.TaxCodes.Select(c => new Choice(c.Id!, c.Name ?? c.Id!)).ToList();

    public IReadOnlyList<Choice> MethodChoices => Choices.PaymentMethods.Select(m => new Choice(m.Name!, m.Name!)).ToList();

    public AccountPicker DepositAccounts(string key, string? current) => AccountPicker.For(key, Company, current, PaymentRouting.DepositAccountTypes);

    public SelectField TaxCode(string key, string label, string hint, string empty, string? current) =>
        SelectField.For(key, label, hint, empty, TaxCodeChoices, current, (c, v) => c.Value == v || MatchKeys.Same(c.Label, v)) with { Message = Message(key) };

    public SelectField Method(string key, string label, string hint, string empty, string? current) =>
        SelectField.For(key, label, hint, empty, MethodChoices, current, (c, v) => MatchKeys.Same(c.Label, v) || Choices.PaymentMethods.Any(m => m.Id == v && m.Name == c.Value)) with { Message = Message(key) };

    public SelectField Account(string key, string label, string hint, string empty, string? current, IReadOnlyList<string> types) =>
        SelectField.Accounts(key, label, hint, empty, AccountPicker.For(key, Company, current, types)) with { Message = Message(key) };

    public NameField Name(string key, string label, string hint, string value, string suggestions) => new(key, label, hint, value, suggestions) { Message = Message(key) };

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
            // As the command line: nothing is saved while the connection's QuickBooks company cannot be read.
            Settings = ConnectionSettings.From(connection.Settings);
            OtherProblems = [new SettingsProblem("quickbooks", CompanyProblem ?? "")];
            return Page();
        }

        var changes = SettingsForm.Changes(Request.Form, Keys, Maps);
        var settings = SettingsChange.Apply(ConnectionSettings.From(connection.Settings), changes, Company, _time, out var problems);
        if (problems.Count == 0)
        {
            await _workspace.Connections.UpdateAsync(connection with { Settings = settings.ToJson(), UpdatedAt = _time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
            return RedirectToPage(new { id = Id, saved = true });
        }

        Settings = settings;
        Problems = SettingsForm.ByField(problems, key => Keys.Contains(key, StringComparer.OrdinalIgnoreCase) || Maps.Any(m => key.StartsWith(m + ".", StringComparison.OrdinalIgnoreCase)),
            p => SettingsForm.Shown(_text, p), out var others);
        OtherProblems = others;
        return Page();
    }

    private async Task<Connection?> LoadAsync(CancellationToken cancellationToken)
    {
        Connection = await _workspace.Connections.GetAsync(Id, cancellationToken).ConfigureAwait(false);
        if (Connection is null)
        {
            Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status404NotFound;
            return null;
        }

        var (read, problem) = await ConnectedCompany.ReadAsync(_quickBooks, Connection, async (client, ct) =>
            new QuickBooksRead(await QuickBooksCompany.LoadAsync(client, ct).ConfigureAwait(false), await SalesChoices.LoadAsync(client, ct).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
        Company = read?.Company;
        Choices = read?.Choices ?? new SalesChoices();
        CompanyProblem = problem;

        try
        {
            var connection = Connection;
            var choices = Choices;
            Choices = await StoreNamesCache.WithStoreAsync(connection.Id, choices, async () =>
            {
                var source = await _sources.CreateAsync(connection, _state.Credentials, cancellationToken).ConfigureAwait(false);
                return await choices.WithStoreAsync(source, cancellationToken).ConfigureAwait(false);
            }, _time).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TimeoutException)
        {
            StoreProblem = e.Message;
        }

        return Connection;
    }

    private sealed record QuickBooksRead(QuickBooksCompany Company, SalesChoices Choices);
}
