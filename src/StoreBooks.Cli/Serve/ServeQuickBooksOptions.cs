using System.CommandLine;
using StoreBooks.Cli.Common;
using StoreBooks.Hosting.Connections;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.Web;

namespace StoreBooks.Cli.Serve;

/// <summary>
/// The options of <c>storebooks serve</c> that say which QuickBooks the dashboard connects companies to (<c>--quickbooks</c>),
/// with which Intuit app (<c>--intuit-client-id</c>, <c>--intuit-client-secret</c>, or their environment variables), and at
/// which public address Intuit sends the merchant back (<c>--public-url</c>).
/// </summary>
internal sealed class ServeQuickBooksOptions
{
    public const string ClientIdVariable = "STOREBOOKS_QBO_CLIENT_ID";
    public const string ClientSecretVariable = "STOREBOOKS_QBO_CLIENT_SECRET";

    private readonly Option<string> _quickBooks = new("--quickbooks")
    {
        Description = "The QuickBooks the dashboard connects companies to: production, sandbox, or the base URL of an Intuit-compatible server such as the emulator.",
        HelpName = "production|sandbox|URL",
        DefaultValueFactory = _ => "production",
    };

    private readonly Option<string?> _clientId = new("--intuit-client-id")
    {
        Description = $"Your Intuit app's client id (or set {ClientIdVariable}); against a URL without one, the emulator's demo app.",
        HelpName = "ID",
    };

    private readonly Option<string?> _clientSecret = new("--intuit-client-secret")
    {
        Description = $"Your Intuit app's client secret: - reads it from standard input (or set {ClientSecretVariable}).",
        HelpName = "-",
    };

    private readonly Option<string?> _publicUrl = new("--public-url")
    {
        Description = "The https address a proxy serves StoreBooks at (https://books.example.com): Intuit's redirect URI and the webhook URLs use it.",
        HelpName = "URL",
    };

    public IEnumerable<Option> All => [_quickBooks, _clientId, _clientSecret, _publicUrl];

    /// <summary>The QuickBooks and Intuit app given; a <see cref="CliException"/> for an unknown QuickBooks or half an app.</summary>
    public async Task<QuickBooksSetup> ReadSetupAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var url = parse.GetValue(_quickBooks) ?? "production";
        try
        {
            _ = QboEnvironment.Parse(url);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--quickbooks: {Reason(e)}");
        }

        var id = parse.GetValue(_clientId) is { } given && !string.IsNullOrWhiteSpace(given) ? given.Trim() : Environment.GetEnvironmentVariable(ClientIdVariable)?.Trim();
        var secret = await SecretInput.ReadOptionalAsync(parse.GetValue(_clientSecret), "--intuit-client-secret", ClientSecretVariable, cancellationToken).ConfigureAwait(false);
        return (string.IsNullOrEmpty(id), secret is null) switch
        {
            (true, true) => new QuickBooksSetup(url),
            (false, false) => new QuickBooksSetup(url, new QboAppCredentials(id!, secret!)),
            (false, true) => throw new CliException(
                $"The Intuit app's client id was given without its secret: add --intuit-client-secret - (read from standard input) or set {ClientSecretVariable}."),
            (true, false) => throw new CliException(
                $"The Intuit app's client secret was given without its client id: add --intuit-client-id ID or set {ClientIdVariable}."),
        };
    }

    /// <summary>The <c>--public-url</c> given (its root), or null; a <see cref="CliException"/> when it is not an address.</summary>
    public Uri? ReadPublicUrl(ParseResult parse)
    {
        if (parse.GetValue(_publicUrl) is not { } value)
        {
            return null;
        }

        try
        {
            return PublicAddress.Parse(value);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--public-url: {Reason(e)}");
        }
    }

    /// <summary>Lines for serve's start: which QuickBooks the dashboard connects to, with which app, and the redirect URI to register.</summary>
    public static IEnumerable<string> Describe(QuickBooksSetup setup, Uri publicUrl, bool publicUrlGiven)
    {
        var which = setup.IsIntuit ? $"Intuit's {setup.Environment.Name}" : setup.BaseUrl;
        if (setup.EffectiveApp is not { } app)
        {
            yield return $"QuickBooks: {which}, but no Intuit app: the dashboard cannot connect companies until serve is started with --intuit-client-id and --intuit-client-secret.";
            yield break;
        }

        var appName = setup.App is null ? "the emulator's demo app" : $"Intuit app {app.ClientId}";
        yield return $"QuickBooks: the dashboard connects companies to {which} with {appName}.";
        var callback = PublicAddress.QuickBooksCallback(publicUrl);
        yield return publicUrlGiven
            ? $"  Redirect URI to register in the Intuit app: {callback}"
            : $"  Redirect URI to register in the Intuit app: {callback} (Intuit returns to the address the dashboard was opened at; behind a proxy give --public-url)";
        if (setup.Environment == QboEnvironment.Production && publicUrl.Scheme != Uri.UriSchemeHttps)
        {
            yield return "  Intuit's production apps accept only https redirect URIs: serve behind an HTTPS proxy and give --public-url https://...";
        }
    }

    /// <summary>The exception's message without the parameter's name, which means nothing to a merchant.</summary>
    private static string Reason(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
}
