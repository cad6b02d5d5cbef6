using System.CommandLine;
using StoreBooks.Cli.Common;
using StoreBooks.Cli.Connect;
using StoreBooks.Core.Connections;
using StoreBooks.Sync.Company;
using StoreBooks.Sync.Settings;

namespace StoreBooks.Cli.Settings;

/// <summary>
/// <c>storebooks settings show</c> and <c>storebooks settings set key=value ...</c>: a connection's settings, validated when saved
/// in Core: each value read as its setting's type (<see cref="SettingsEdit"/>), the settings checked to work together
/// (<see cref="ConnectionSettingsCheck"/>), and product settings against the QuickBooks company, all by <see cref="SettingsChange"/>.
/// </summary>
internal static class SettingsCommand
{
    private const string Keys =
        "Keys: syncStartDate (YYYY-MM-DD), syncInterval (HH:MM:SS); products.mode (Manual|Automatic), products.matchKey (Sku|Name), " +
        "products.withoutSku (MatchByName|Report), products.createAs (NonInventory|Inventory), products.incomeAccount, products.expenseAccount, " +
        "products.inventoryAssetAccount (QuickBooks id or name), products.inventoryStartDate (YYYY-MM-DD), products.variantNameTemplate, " +
        "products.updatePrices, products.updateDescriptions (true|false); sales.document (SalesReceipt|Invoice), sales.statuses (JSON list), " +
        "sales.useOrderNumbers, sales.docNumberPrefix, sales.customers (PerCustomer|Generic), sales.genericCustomerName, sales.shipping (ShippingLine|Item), " +
        "sales.shippingItem, sales.discountAccount, sales.feesItem, sales.tipsItem, sales.dutiesItem, sales.dutiesAccount (the liability or income account of " +
        "duties collected), sales.giftCardItem, sales.roundingItem, sales.salesTaxItem, sales.notRestockedItem, sales.refundDocNumberPrefix, " +
        "sales.taxCodes (JSON object, or one tax: sales.taxCodes.NAME), sales.untaxedTaxCode, sales.payments (JSON object, or one gateway: " +
        "sales.payments.GATEWAY.method, sales.payments.GATEWAY.depositAccount), sales.defaultDepositAccount, sales.syncRefunds; payouts.enabled (true|false: each paid payout becomes one QuickBooks deposit), " +
        "payouts.bankAccount (the bank account payouts reach), payouts.bankAccounts.GATEWAY (one gateway's own bank account), payouts.feesAccount " +
        "(expense account of the provider's fees), payouts.adjustmentsAccount (adjustments, chargebacks, reserves and differences), " +
        "payouts.startDate (YYYY-MM-DD; the sync start date when empty). An empty value " +
        "clears an optional setting (syncInterval= for no scheduled syncs).";

    public static Command Create()
    {
        var settings = new Command("settings", "Show or change a connection's settings.");
        settings.Subcommands.Add(Show());
        settings.Subcommands.Add(Set());
        return settings;
    }

    private static Command Show()
    {
        var connection = CommonOptions.Connection();
        var home = HomeOption.Create();
        var command = new Command("show", "Print the connection's settings as JSON.") { connection, home };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            await using var session = await CliSession.OpenAsync(parse.GetValue(home), cancellationToken).ConfigureAwait(false);
            var chosen = await session.ConnectionAsync(parse.GetValue(connection), cancellationToken).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync(ConnectionSettings.From(chosen.Settings).ToJson().ToJsonString(ConnectionSettings.Json)).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    private static Command Set()
    {
        var pairs = new Argument<string[]>("key=value") { Description = "Settings to change. " + Keys, Arity = ArgumentArity.OneOrMore };
        var connection = CommonOptions.Connection();
        var home = HomeOption.Create();
        var command = new Command("set", "Change settings (key=value ...); they are checked, and saved only when every check passes.") { pairs, connection, home };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            await using var session = await CliSession.OpenAsync(parse.GetValue(home), cancellationToken).ConfigureAwait(false);
            var chosen = await session.ConnectionAsync(parse.GetValue(connection), cancellationToken).ConfigureAwait(false);
            var changes = (parse.GetValue(pairs) ?? []).Select(Split).ToList();
            var company = await CompanyAsync(session, chosen, parse.InvocationConfiguration.Output, cancellationToken).ConfigureAwait(false);
            var settings = SettingsChange.Apply(ConnectionSettings.From(chosen.Settings), changes, company, TimeProvider.System, out var problems);

            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"{problem.Setting}: {problem.Message}").ConfigureAwait(false);
                }

                await parse.InvocationConfiguration.Error.WriteLineAsync("Nothing was saved.").ConfigureAwait(false);
                return 1;
            }

            await session.State.Connections.UpdateAsync(chosen with { Settings = settings.ToJson(), UpdatedAt = DateTimeOffset.UtcNow }, cancellationToken).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"Settings of \"{chosen.Name}\" saved.").ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    /// <summary>Splits <c>key=value</c> at its first <c>=</c> (a value may hold more: a JSON list or map).</summary>
    internal static KeyValuePair<string, string> Split(string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new CliException($"\"{pair}\" is not key=value; nothing was saved. {Keys}");
        }

        return new(pair[..equals].Trim(), pair[(equals + 1)..].Trim());
    }

    /// <summary>The connection's QuickBooks company, or null (saying so) when it is not joined to QuickBooks yet.</summary>
    private static async Task<QuickBooksCompany?> CompanyAsync(CliSession session, Connection connection, TextWriter output, CancellationToken cancellationToken)
    {
        if (connection.QboRealmId is null)
        {
            await output.WriteLineAsync("Not connected to QuickBooks yet: accounts and inventory tracking are checked once you run storebooks connect quickbooks.").ConfigureAwait(false);
            return null;
        }

        using var client = await session.QuickBooks.ClientForAsync(connection, cancellationToken).ConfigureAwait(false);
        return await QuickBooksCompany.LoadAsync(client, cancellationToken).ConfigureAwait(false);
    }
}
