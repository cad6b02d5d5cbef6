using System.CommandLine;
using Spectre.Console;
using StoreBooks.Cli.Common;
using StoreBooks.Cli.Connect;
using StoreBooks.Hosting.Sources;
using StoreBooks.Sync.Products;

namespace StoreBooks.Cli.Items;

/// <summary>
/// <c>storebooks items plan</c> shows what will happen to each store product (matched to item X, created as Y with accounts Z,
/// missing, ambiguous); <c>storebooks items push</c> does it.
/// </summary>
internal static class ItemsCommand
{
    public static Command Create()
    {
        var items = new Command("items", "Store products and their QuickBooks items: plan, then push.");
        items.Subcommands.Add(Build("plan", "Show what will happen to each store product in QuickBooks; changes nothing.", push: false));
        items.Subcommands.Add(Build("push", "Link every store product to a QuickBooks item: match existing ones, create missing ones (automatic mode).", push: true));
        return items;
    }

    private static Command Build(string name, string description, bool push)
    {
        var json = CommonOptions.Json();
        var connection = CommonOptions.Connection();
        var home = HomeOption.Create();
        var command = new Command(name, description) { json, connection, home };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            await using var session = await CliSession.OpenAsync(parse.GetValue(home), cancellationToken).ConfigureAwait(false);
            var chosen = await session.ConnectionAsync(parse.GetValue(connection), cancellationToken).ConfigureAwait(false);
            var context = await session.ContextAsync(chosen, cancellationToken).ConfigureAwait(false);
            var source = await session.SourceAsync(chosen, cancellationToken).ConfigureAwait(false);
            var (products, problems) = await SourceFactory.ReadAllProductsAsync(source, cancellationToken).ConfigureAwait(false);
            var result = push
                ? await ItemPushRun.PushAsync(context, products, cancellationToken).ConfigureAwait(false)
                : await new ProductSync(context).PlanAsync(products, cancellationToken).ConfigureAwait(false);
            await PrintAsync(parse.InvocationConfiguration.Output, result, problems.Select(p => p.Message).ToList(), parse.GetValue(json), push).ConfigureAwait(false);
            return result.Entries.Any(e => e.Action is ItemAction.Failed) ? 1 : 0;
        }));
        return command;
    }

    private static async Task PrintAsync(TextWriter output, ItemPlanResult result, IReadOnlyList<string> readProblems, bool json, bool pushed)
    {
        if (json)
        {
            await Output.WriteJsonAsync(output, new
            {
                settingsProblems = result.SettingsProblems,
                unreadableRows = readProblems,
                products = result.Entries.Select(e => new
                {
                    sourceId = e.Product.SourceId,
                    product = e.Product.ProductTitle,
                    variant = e.Product.VariantTitle,
                    sku = e.Product.Sku,
                    action = e.Action,
                    item = e.Item is null ? null : new { id = e.Item.Id, name = e.Item.Name, type = e.Item.Type },
                    create = e.Action == ItemAction.Create ? e.NewItem : null,
                    created = e.Action == ItemAction.Created ? e.NewItem : null,
                    message = e.Message,
                }),
            }).ConfigureAwait(false);
            return;
        }

        var console = Output.Console(output);
        var table = new Table().AddColumns("Product", "SKU", pushed ? "Done" : "Will", "QuickBooks item", "Note");
        foreach (var e in result.Entries)
        {
            var name = e.Product.VariantTitle is null ? e.Product.ProductTitle : $"{e.Product.ProductTitle} - {e.Product.VariantTitle}";
            table.AddRow(Output.Cell(name), Output.Cell(e.Product.Sku), Output.Cell(Verb(e.Action)), Output.Cell(Target(e)), Output.Cell(e.Message));
        }

        console.Write(table);
        var summary = string.Join(", ", result.Entries.GroupBy(e => e.Action).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Verb(g.Key)}"));
        console.WriteLine($"{result.Entries.Count} products: {summary}.");
        foreach (var problem in result.SettingsProblems)
        {
            console.WriteLine($"Settings: {problem.Message}");
        }

        foreach (var problem in readProblems)
        {
            console.WriteLine($"Not read: {problem}");
        }

        if (result.Entries.Any(e => e.Action is ItemAction.Create or ItemAction.Created && e.NewItem?.Type == "Inventory"))
        {
            console.WriteLine("Inventory items start with no stock: set their opening quantities in QuickBooks (Inventory > Adjust quantity).");
        }
    }

    private static string Verb(ItemAction action) => action switch
    {
        ItemAction.Linked => "linked",
        ItemAction.Matched => "matched",
        ItemAction.Create => "create",
        ItemAction.Created => "created",
        ItemAction.Missing => "missing",
        ItemAction.Ambiguous => "ambiguous",
        ItemAction.Inactive => "inactive",
        ItemAction.NoSku => "no SKU",
        _ => "failed",
    };

    private static string Target(ItemPlanEntry e) => e switch
    {
        { Item: { } item } => $"{item.Name} (id {item.Id}, {item.Type})",
        { Action: ItemAction.Create, NewItem: { } n } => $"{n.Name} ({n.Type}; income {n.IncomeAccountId}, expense {n.ExpenseAccountId ?? "-"}{(n.AssetAccountId is null ? "" : $", asset {n.AssetAccountId}")}{(n.InvStartDate is null ? "" : $", start {n.InvStartDate:yyyy-MM-dd}")})",
        _ => "",
    };
}
