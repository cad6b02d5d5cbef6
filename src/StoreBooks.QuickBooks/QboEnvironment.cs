namespace StoreBooks.QuickBooks;

/// <summary>
/// Where a QBO company lives: the Accounting API's base URL and the OAuth discovery document. Production, sandbox, or
/// any server speaking the same API (the StoreBooks emulator) given by its base URL.
/// </summary>
public sealed record QboEnvironment(string Name, Uri ApiBaseUrl, Uri DiscoveryDocument)
{
    public static QboEnvironment Production { get; } = new(
        "production",
        new Uri("https://quickbooks.api.intuit.com/"),
        new Uri("https://developer.api.intuit.com/.well-known/openid_configuration"));

    public static QboEnvironment Sandbox { get; } = new(
        "sandbox",
        new Uri("https://sandbox-quickbooks.api.intuit.com/"),
        new Uri("https://developer.api.intuit.com/.well-known/openid_sandbox_configuration"));

    /// <summary>
    /// A server that serves both the API and OAuth under one base URL (e.g. <c>http://127.0.0.1:5055/</c> from
    /// <c>storebooks emulate</c>); its discovery document is at <c>.well-known/openid_configuration</c>.
    /// </summary>
    public static QboEnvironment At(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException($"The QuickBooks URL must be absolute (e.g. http://127.0.0.1:5055/), not '{baseUrl}'.", nameof(baseUrl));
        }

        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        return new QboEnvironment(root.Authority, root, new Uri(root, ".well-known/openid_configuration"));
    }

    /// <summary>"production", "sandbox", or a base URL.</summary>
    public static QboEnvironment Parse(string value) => value.Trim().ToLowerInvariant() switch
    {
        "production" or "prod" => Production,
        "sandbox" => Sandbox,
        _ when Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) => At(url),
        _ => throw new ArgumentException($"'{value}' is not a QuickBooks environment: use production, sandbox or an http(s) base URL such as http://127.0.0.1:5055/.", nameof(value)),
    };
}
