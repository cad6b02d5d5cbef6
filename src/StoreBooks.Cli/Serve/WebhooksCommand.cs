using System.CommandLine;
using StoreBooks.Cli.Common;
using StoreBooks.Cli.Connect;
using StoreBooks.Hosting.Webhooks;
using StoreBooks.Shopify;
using StoreBooks.Web;
using StoreBooks.WooCommerce;

namespace StoreBooks.Cli.Serve;

/// <summary>
/// <c>storebooks webhooks show</c> (the URLs to register and which keys are set) and <c>storebooks webhooks set</c> (store a
/// connection's webhook keys, encrypted; a value of <c>-</c> is read from standard input, keeping it out of shell history).
/// </summary>
internal static class WebhooksCommand
{
    public static Command Create()
    {
        var command = new Command("webhooks", "Show the webhook URLs to register with each store and QuickBooks, and set the keys that sign them.")
        {
            Show(),
            Set(),
        };
        return command;
    }

    private static Command Show()
    {
        var connection = new Option<string?>("--connection") { Description = "Only this connection (all when omitted).", HelpName = "NAME" };
        var url = new Option<string>("--url")
        {
            Description = "The public root address stores reach storebooks serve at (e.g. https://books.example.com/).",
            HelpName = "URL",
            DefaultValueFactory = _ => ServeOptions.DefaultUrl,
        };
        var json = CommonOptions.Json();
        var home = HomeOption.Create();
        var command = new Command("show", "Show each connection's webhook URLs, topics and schedule, and whether their keys are set.") { connection, url, json, home };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            var root = parse.GetValue(url) ?? ServeOptions.DefaultUrl;
            if (!Uri.TryCreate(root.EndsWith('/') ? root : root + "/", UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            {
                throw new CliException($"--url {root} is not an address such as https://books.example.com/.");
            }

            await using var session = await CliSession.OpenAsync(parse.GetValue(home), cancellationToken).ConfigureAwait(false);
            var chosen = parse.GetValue(connection) is { } name
                ? [await session.ConnectionAsync(name, cancellationToken).ConfigureAwait(false)]
                : await session.State.Connections.ListAsync(cancellationToken).ConfigureAwait(false);
            var setups = new List<WebhookSetup>();
            foreach (var c in chosen)
            {
                setups.Add(await WebhookSetup.DescribeAsync(session.State, c, baseUrl, cancellationToken).ConfigureAwait(false));
            }

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await Output.WriteJsonAsync(output, setups).ConfigureAwait(false);
                return 0;
            }

            if (setups.Count == 0)
            {
                await output.WriteLineAsync("There is no connection yet: add one with storebooks connect.").ConfigureAwait(false);
            }

            foreach (var line in setups.SelectMany(s => s.Describe()))
            {
                await output.WriteLineAsync(line).ConfigureAwait(false);
            }

            return 0;
        }));
        return command;
    }

    private static Command Set()
    {
        var connection = CommonOptions.Connection();
        var shopify = KeyOption(WebhookSecrets.Shopify, "The Shopify app's client secret (it signs the shop's webhooks).");
        var wooCommerce = KeyOption(WebhookSecrets.WooCommerce, "The secret given when the WooCommerce webhook was created.");
        var quickBooks = KeyOption(WebhookSecrets.QuickBooks, "The Intuit app's webhook verifier token (developer.intuit.com, Webhooks).");
        var home = HomeOption.Create();
        var command = new Command("set", "Store a connection's webhook keys, encrypted in the StoreBooks home. Give - to type the key on standard input.")
        {
            connection, shopify, wooCommerce, quickBooks, home,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            var given = new[] { (WebhookSecrets.Shopify, parse.GetValue(shopify)), (WebhookSecrets.WooCommerce, parse.GetValue(wooCommerce)), (WebhookSecrets.QuickBooks, parse.GetValue(quickBooks)) }
                .Where(g => g.Item2 is not null)
                .ToList();
            if (given.Count == 0)
            {
                throw new CliException("Give at least one of --shopify-secret, --woocommerce-secret, --quickbooks-verifier (- reads it from standard input).");
            }

            if (given.Count(g => g.Item2 == "-") > 1)
            {
                throw new CliException("Only one key can be read from standard input at a time.");
            }

            await using var session = await CliSession.OpenAsync(parse.GetValue(home), cancellationToken).ConfigureAwait(false);
            var chosen = await session.ConnectionAsync(parse.GetValue(connection), cancellationToken).ConfigureAwait(false);
            var output = parse.InvocationConfiguration.Output;
            foreach (var (provider, value) in given)
            {
                if (provider == WebhookSecrets.Shopify && chosen.SourceKind != ShopifySource.SourceKind
                    || provider == WebhookSecrets.WooCommerce && chosen.SourceKind != WooCommerceSource.SourceKind)
                {
                    throw new CliException($"Connection \"{chosen.Name}\" reads from {chosen.SourceKind}: it has no {WebhookSecrets.Describe(provider)}.");
                }

                if (provider == WebhookSecrets.QuickBooks && chosen.QboRealmId is null)
                {
                    throw new CliException($"Connection \"{chosen.Name}\" is not connected to QuickBooks yet: run storebooks connect quickbooks --connection {chosen.Name} first.");
                }

                var secret = value == "-" ? (await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.Trim() : value!.Trim();
                if (string.IsNullOrEmpty(secret))
                {
                    throw new CliException($"The {WebhookSecrets.Describe(provider)} is empty; nothing was saved.");
                }

                await WebhookSecrets.SaveAsync(session.State.Credentials, chosen.Id, provider, secret, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"Saved the {WebhookSecrets.Describe(provider)} of \"{chosen.Name}\" (encrypted; it is never shown again).").ConfigureAwait(false);
            }

            return 0;
        }));
        return command;
    }

    private static Option<string?> KeyOption(string provider, string description) => new("--" + WebhookSecrets.Option(provider))
    {
        Description = description + " Use - to read it from standard input.",
        HelpName = "KEY",
    };
}
