using System.CommandLine;
using Spectre.Console;
using StoreBooks.Cli.Common;
using StoreBooks.Cli.Connect;

namespace StoreBooks.Cli.QuickBooks;

/// <summary><c>storebooks accounts</c>: the QuickBooks chart of accounts by type, to choose the product defaults from.</summary>
internal static class AccountsCommand
{
    public static Command Create()
    {
        var type = new Option<string?>("--type") { Description = "Only accounts of this type, e.g. Income, \"Cost of Goods Sold\", \"Other Current Asset\"." };
        var all = new Option<bool>("--all") { Description = "Include inactive accounts." };
        var json = CommonOptions.Json();
        var connection = CommonOptions.Connection();
        var home = HomeOption.Create();
        var command = new Command("accounts", "List the QuickBooks accounts by type (income, cost of goods sold, inventory asset...) to choose the defaults for created items.")
        {
            type, all, json, connection, home,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            await using var session = await CliSession.OpenAsync(parse.GetValue(home), cancellationToken).ConfigureAwait(false);
            var context = await session.ContextAsync(await session.ConnectionAsync(parse.GetValue(connection), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            var company = await context.CompanyAsync(cancellationToken).ConfigureAwait(false);
            var wanted = parse.GetValue(type);
            var accounts = company.Accounts
                .Where(a => parse.GetValue(all) || a.Active != false)
                .Where(a => wanted is null || string.Equals(a.AccountType, wanted.Trim(), StringComparison.OrdinalIgnoreCase))
                .OrderBy(a => a.AccountType, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
                .ToList();
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await Output.WriteJsonAsync(output, accounts.Select(a => new { a.Id, a.Name, a.AccountType, a.AccountSubType, Active = a.Active != false })).ConfigureAwait(false);
                return 0;
            }

            var table = new Table().AddColumns("Type", "Account", "Id", "Sub-type");
            foreach (var a in accounts)
            {
                table.AddRow(Output.Cell(a.AccountType), Output.Cell(a.Name + (a.Active == false ? " (inactive)" : "")), Output.Cell(a.Id), Output.Cell(a.AccountSubType));
            }

            var console = Output.Console(output);
            console.Write(table);
            console.WriteLine("Created items need an Income account, a Cost of Goods Sold account and, for inventory items, an Other Current Asset account. Ask your accountant if unsure which.");
            return 0;
        }));
        return command;
    }
}
