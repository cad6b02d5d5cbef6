using System.CommandLine;
using StoreBooks.Cli.Common;
using StoreBooks.Hosting.Connections;
using StoreBooks.Shopify;
using StoreBooks.Storage;

namespace StoreBooks.Cli.Connect;

/// <summary>
/// <c>storebooks connect shopify</c>: checks a shop's Admin API access token with one cheap query, then creates or updates a
/// connection (shop, API root and version in its settings) and stores the token encrypted in the StoreBooks home.
/// </summary>
internal static class ConnectShopifyCommand
{
    public static Command Create()
    {
        var shop = new Option<string>("--shop")
        {
            Description = "The shop's myshopify domain, e.g. maple-lane.myshopify.com (maple-lane alone is completed).",
            HelpName = "DOMAIN",
            Required = true,
        };
        var token = new Option<string?>("--token")
        {
            Description = "The Admin API access token of the shop's custom app (shpat_…), with read_orders, read_products, read_customers and read_inventory. Use - to read it from standard input (or set STOREBOOKS_SHOPIFY_TOKEN).",
            HelpName = "TOKEN",
        };
        var url = new Option<string?>("--url")
        {
            Description = "The Admin API root when it is not https://DOMAIN/ (an emulator: http://127.0.0.1:5055/).",
            HelpName = "BASE",
        };
        var apiVersion = new Option<string>("--api-version")
        {
            Description = "The Admin API version every call names, kept with the connection.",
            HelpName = "VERSION",
            DefaultValueFactory = _ => ShopifySourceOptions.DefaultApiVersion,
        };
        var name = new Option<string>("--name")
        {
            Description = "A short name for this connection; an existing shopify connection with this name is updated.",
            HelpName = "NAME",
            DefaultValueFactory = _ => "shopify",
        };
        var home = HomeOption.Create();
        var command = new Command(
            "shopify",
            "Read a Shopify store through its Admin API. The token is checked with one call, then the connection is saved in the " +
            "StoreBooks home and the token stored encrypted.")
        {
            shop, token, url, apiVersion, name, home,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () => await RunAsync(
            new Arguments(parse.GetRequiredValue(shop), await SecretInput.ReadAsync(parse.GetValue(token), "--token", "STOREBOOKS_SHOPIFY_TOKEN", cancellationToken).ConfigureAwait(false),
                parse.GetValue(url), parse.GetValue(apiVersion) ?? ShopifySourceOptions.DefaultApiVersion, (parse.GetValue(name) ?? "shopify").Trim(), parse.GetValue(home)),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false)));
        return command;
    }

    private sealed record Arguments(string Shop, string Token, string? Url, string ApiVersion, string Name, string? Home);

    private static async Task<int> RunAsync(Arguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (arguments.Name.Length == 0 || string.IsNullOrWhiteSpace(arguments.Token) || string.IsNullOrWhiteSpace(arguments.Shop))
        {
            await error.WriteLineAsync("--shop, --token and --name must not be empty.").ConfigureAwait(false);
            return 2;
        }

        Uri? baseUrl = null;
        if (!string.IsNullOrWhiteSpace(arguments.Url) && (!Uri.TryCreate(arguments.Url, UriKind.Absolute, out baseUrl) || baseUrl.Scheme is not ("http" or "https")))
        {
            await error.WriteLineAsync($"--url {arguments.Url} is not an http(s) address such as http://127.0.0.1:5055/.").ConfigureAwait(false);
            return 2;
        }

        var options = new ShopifySourceOptions { Shop = arguments.Shop, AccessToken = arguments.Token.Trim(), BaseUrl = baseUrl, ApiVersion = arguments.ApiVersion.Trim() };
        var check = await StoreConnector.CheckShopifyAsync(options, cancellationToken).ConfigureAwait(false);
        if (!check.Passed)
        {
            await ConnectReport.RefusedAsync(check.Refusals, error).ConfigureAwait(false);
            return 1;
        }

        var info = check.Info!;
        var home = StoreBooksHome.Resolve(arguments.Home);
        await using var store = await StateStore.OpenSqliteAsync(home, cancellationToken).ConfigureAwait(false);
        var result = await StoreConnector.SaveShopifyAsync(store.Connections, store.Credentials, arguments.Name, options, SaveMode.CreateOrUpdate, cancellationToken).ConfigureAwait(false);
        if (!await ConnectReport.SavedAsync(result, error).ConfigureAwait(false))
        {
            return 1;
        }

        var saved = result.Created ? "created" : "updated";
        await output.WriteLineAsync($"Connection \"{arguments.Name}\" {saved} in {home.DatabasePath}").ConfigureAwait(false);
        await output.WriteLineAsync($"  shop:        {info.Name} ({info.Domain}), prices in {info.Currency}").ConfigureAwait(false);
        await output.WriteLineAsync($"  Admin API:   {new Uri(options.Root, $"admin/api/{options.ApiVersion}/")}").ConfigureAwait(false);
        await output.WriteLineAsync("  The access token was accepted and is stored encrypted; it is never shown again.").ConfigureAwait(false);
        return 0;
    }
}
