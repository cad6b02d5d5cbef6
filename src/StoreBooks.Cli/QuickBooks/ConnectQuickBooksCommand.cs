using System.CommandLine;
using System.Diagnostics;
using StoreBooks.Cli.Common;
using StoreBooks.Cli.Connect;
using StoreBooks.Hosting.Connections;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.Sync.Connections;

namespace StoreBooks.Cli.QuickBooks;

/// <summary>
/// <c>storebooks connect quickbooks</c>: authorizes StoreBooks on a QuickBooks company (Intuit's OAuth 2.0 authorization-code
/// flow with a loopback redirect) and keeps the tokens, encrypted, in the StoreBooks home. Against a server that approves at once
/// (the emulator) it completes without a person.
/// </summary>
internal static class ConnectQuickBooksCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url")
        {
            Description = "production, sandbox, or the base URL of an Intuit-compatible server such as the emulator (http://127.0.0.1:5055/).",
            DefaultValueFactory = _ => "production",
        };
        var clientId = new Option<string?>("--client-id") { Description = "Your Intuit app's client id (the emulator's demo app is used for a URL when omitted)." };
        var clientSecret = new Option<string?>("--client-secret") { Description = "Your Intuit app's client secret. Use - to read it from standard input (or set STOREBOOKS_QBO_CLIENT_SECRET)." };
        var port = new Option<int>("--redirect-port")
        {
            Description = "Loopback port for Intuit's redirect (register http://127.0.0.1:PORT/callback in your Intuit app); 0 picks one.",
            DefaultValueFactory = _ => 0,
        };
        var noBrowser = new Option<bool>("--no-browser") { Description = "Print the authorization address instead of opening a browser." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the authorization.", DefaultValueFactory = _ => 600 };
        var connection = CommonOptions.Connection();
        var home = HomeOption.Create();
        var command = new Command("quickbooks", "Connect a store connection to a QuickBooks Online company (OAuth 2.0); tokens are kept encrypted.")
        {
            url, clientId, clientSecret, port, noBrowser, timeout, connection, home,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () => await RunAsync(
            parse.GetValue(url)!, parse.GetValue(clientId),
            await SecretInput.ReadOptionalAsync(parse.GetValue(clientSecret), "--client-secret", "STOREBOOKS_QBO_CLIENT_SECRET", cancellationToken).ConfigureAwait(false),
            parse.GetValue(port), parse.GetValue(noBrowser), TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.GetValue(connection), parse.GetValue(home),
            parse.InvocationConfiguration.Output, cancellationToken).ConfigureAwait(false)));
        return command;
    }

    private static async Task<int> RunAsync(
        string url, string? clientId, string? clientSecret, int redirectPort, bool noBrowser, TimeSpan timeout, string? connectionName, string? homeArgument,
        TextWriter output, CancellationToken cancellationToken)
    {
        var environment = ParseEnvironment(url);
        var intuit = environment == QboEnvironment.Production || environment == QboEnvironment.Sandbox;
        var app = clientId is not null && clientSecret is not null
            ? new QboAppCredentials(clientId, clientSecret)
            : !intuit && clientId is null && clientSecret is null
                ? QuickBooksApp.Demo
                : throw new CliException("Give both --client-id and --client-secret of your Intuit app (developer.intuit.com > your app > Keys & credentials).");

        await using var session = await CliSession.OpenAsync(homeArgument, cancellationToken).ConfigureAwait(false);
        var connection = await session.ConnectionAsync(connectionName, cancellationToken).ConfigureAwait(false);
        using var http = new HttpClient();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        using var flow = await QboConnectFlow.StartAsync(http, environment, app, redirectPort, cancellationToken: timeoutSource.Token).ConfigureAwait(false);

        await output.WriteLineAsync($"Authorize StoreBooks on your QuickBooks company at:\n  {flow.AuthorizeUrl}").ConfigureAwait(false);
        await output.WriteLineAsync($"Waiting for Intuit's redirect to {flow.RedirectUri} ...").ConfigureAwait(false);
        var completing = flow.CompleteAsync(cancellationToken: timeoutSource.Token);
        if (!intuit)
        {
            // A server that approves at once: follow its redirect ourselves, as a browser would.
            using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true });
            using var approval = await browser.GetAsync(flow.AuthorizeUrl, timeoutSource.Token).ConfigureAwait(false);
        }
        else if (!noBrowser)
        {
            TryOpenBrowser(flow.AuthorizeUrl);
        }

        QboConnection connected;
        try
        {
            connected = await completing.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"No authorization arrived within {timeout.TotalSeconds:0} seconds; run the command again and approve StoreBooks in the browser.");
        }

        var (_, companyName) = await QuickBooksLink.SaveAsync(
            session.State.Connections, session.State.Credentials, session.QuickBooks, connection, connected.RealmId, connected.Tokens, url.Trim(), app,
            TimeProvider.System, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"Connection \"{connection.Name}\" is connected to QuickBooks company \"{companyName}\" (realm {connected.RealmId}). Tokens are stored encrypted in {session.Home.DatabasePath}.").ConfigureAwait(false);
        return 0;
    }

    private static QboEnvironment ParseEnvironment(string url)
    {
        try
        {
            return QboEnvironment.Parse(url);
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message);
        }
    }

    private static void TryOpenBrowser(Uri url)
    {
        try
        {
            var opener = OperatingSystem.IsMacOS() ? "open" : OperatingSystem.IsWindows() ? "explorer" : "xdg-open";
            using var process = Process.Start(new ProcessStartInfo(opener, url.AbsoluteUri) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No browser here: the address printed above is enough.
        }
    }
}
