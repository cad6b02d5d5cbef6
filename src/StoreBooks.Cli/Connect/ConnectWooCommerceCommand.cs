using System.CommandLine;
using StoreBooks.Cli.Common;
using StoreBooks.Hosting.Connections;
using StoreBooks.Storage;
using StoreBooks.WooCommerce;

namespace StoreBooks.Cli.Connect;

/// <summary>
/// <c>storebooks connect woocommerce</c>: checks a site's REST API key with one cheap call (it must be allowed to read orders),
/// then creates or updates a connection (the site address in its settings) and stores the key and secret encrypted.
/// </summary>
internal static class ConnectWooCommerceCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url")
        {
            Description = "The site's address, e.g. https://shop.example.com (the API is under /wp-json/wc/v3/).",
            HelpName = "URL",
            Required = true,
        };
        var key = new Option<string>("--key")
        {
            Description = "A REST API consumer key (ck_…) with Read permission: WooCommerce → Settings → Advanced → REST API.",
            HelpName = "KEY",
            Required = true,
        };
        var secret = new Option<string?>("--secret")
        {
            Description = "The key's consumer secret (cs_…). Use - to read it from standard input (or set STOREBOOKS_WOOCOMMERCE_SECRET).",
            HelpName = "SECRET",
        };
        var name = new Option<string>("--name")
        {
            Description = "A short name for this connection; an existing woocommerce connection with this name is updated.",
            HelpName = "NAME",
            DefaultValueFactory = _ => "woocommerce",
        };
        var home = HomeOption.Create();
        var command = new Command(
            "woocommerce",
            "Read a WooCommerce store through its REST API. The key is checked with one call, then the connection is saved in the " +
            "StoreBooks home and the key and secret stored encrypted. Over https the key is sent as HTTP Basic; over plain http " +
            "every request is signed with OAuth 1.0a.")
        {
            url, key, secret, name, home,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () => await RunAsync(
            parse.GetRequiredValue(url), parse.GetRequiredValue(key).Trim(),
            await SecretInput.ReadAsync(parse.GetValue(secret), "--secret", "STOREBOOKS_WOOCOMMERCE_SECRET", cancellationToken).ConfigureAwait(false),
            (parse.GetValue(name) ?? "woocommerce").Trim(), parse.GetValue(home), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false)));
        return command;
    }

    private static async Task<int> RunAsync(
        string urlArgument, string key, string secret, string name, string? homeArgument, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (name.Length == 0 || key.Length == 0 || secret.Length == 0)
        {
            await error.WriteLineAsync("--key, --secret and --name must not be empty.").ConfigureAwait(false);
            return 2;
        }

        if (!Uri.TryCreate(urlArgument.Trim(), UriKind.Absolute, out var site) || site.Scheme is not ("http" or "https"))
        {
            await error.WriteLineAsync($"--url {urlArgument} is not a site address such as https://shop.example.com.").ConfigureAwait(false);
            return 2;
        }

        var options = new WooCommerceSourceOptions { SiteUrl = site, ConsumerKey = key, ConsumerSecret = secret };
        var check = await StoreConnector.CheckWooCommerceAsync(options, cancellationToken).ConfigureAwait(false);
        if (!check.Passed)
        {
            await ConnectReport.RefusedAsync(check.Refusals, error).ConfigureAwait(false);
            return 1;
        }

        var orders = check.Info!;
        var home = StoreBooksHome.Resolve(homeArgument);
        await using var store = await StateStore.OpenSqliteAsync(home, cancellationToken).ConfigureAwait(false);
        var result = await StoreConnector.SaveWooCommerceAsync(store.Connections, store.Credentials, name, options, SaveMode.CreateOrUpdate, cancellationToken).ConfigureAwait(false);
        if (!await ConnectReport.SavedAsync(result, error).ConfigureAwait(false))
        {
            return 1;
        }

        var saved = result.Created ? "created" : "updated";
        await output.WriteLineAsync($"Connection \"{name}\" {saved} in {home.DatabasePath}").ConfigureAwait(false);
        await output.WriteLineAsync($"  site:        {options.SiteUrl.AbsoluteUri.TrimEnd('/')} ({orders} orders)").ConfigureAwait(false);
        await output.WriteLineAsync($"  REST API:    {options.ApiRoot} ({(options.UsesOAuth ? "plain http: every request signed with OAuth 1.0a" : "https: HTTP Basic")})").ConfigureAwait(false);
        await output.WriteLineAsync("  The key was accepted; the key and secret are stored encrypted and never shown again.").ConfigureAwait(false);
        return 0;
    }
}
