using StoreBooks.Core.Connections;
using StoreBooks.Core.Model;
using StoreBooks.Core.Sources;
using StoreBooks.Core.State;
using StoreBooks.Csv;
using StoreBooks.Hosting.Connections;
using StoreBooks.Shopify;
using StoreBooks.Shopify.Http;
using StoreBooks.WooCommerce;

namespace StoreBooks.Hosting.Sources;

/// <summary>
/// Makes the store source of a connection by its kind: "csv", "shopify" or "woocommerce". Make one per process and keep it:
/// every Shopify source it makes shares one set of per-shop rate limits. <see cref="Use"/> adds a kind (or replaces one).
/// </summary>
public sealed class SourceFactory
{
    private readonly Dictionary<string, SourceCreator> _kinds = new(StringComparer.Ordinal);

    /// <param name="http">The HttpClient store sources send with (each source's shared one when null).</param>
    /// <param name="uploads">
    /// Where this process copies the CSV files uploaded in the dashboard before reading them (hosted mode: the upload may have gone
    /// to another machine); null reads them where the connection says.
    /// </param>
    public SourceFactory(HttpClient? http = null, TimeProvider? time = null, UploadedCsvFiles? uploads = null)
    {
        var shopifyLimits = new ShopifyRateLimits();
        _kinds[CsvSource.SourceKind] = async (connection, _, cancellationToken) =>
            CsvSource.FromConnection(uploads is null ? connection : await uploads.LocalAsync(connection, cancellationToken).ConfigureAwait(false));
        _kinds[ShopifySource.SourceKind] = async (connection, credentials, cancellationToken) =>
        {
            var token = await credentials.GetAsync(connection.Id, ShopifySource.SourceKind, cancellationToken).ConfigureAwait(false)
                ?? throw new SourceUnavailableException(
                    $"Connection \"{connection.Name}\" has no Shopify access token: run storebooks connect shopify --shop DOMAIN --token TOKEN --name {connection.Name}.");
            return ShopifySource.FromConnection(connection, token, http, shopifyLimits);
        };
        _kinds[WooCommerceSource.SourceKind] = async (connection, credentials, cancellationToken) =>
        {
            var key = await credentials.GetAsync(connection.Id, WooCommerceSource.SourceKind, cancellationToken).ConfigureAwait(false)
                ?? throw new SourceUnavailableException(
                    $"Connection \"{connection.Name}\" has no WooCommerce key: run storebooks connect woocommerce --url URL --key ck_… --secret cs_… --name {connection.Name}.");
            return WooCommerceSource.FromConnection(connection, key, http, time);
        };
    }

    /// <summary>Makes a source of one kind from a connection and the credential store.</summary>
    public delegate Task<IStoreSource> SourceCreator(Connection connection, ICredentialStore credentials, CancellationToken cancellationToken);

    /// <summary>The kinds this factory knows.</summary>
    public IReadOnlyCollection<string> Kinds => _kinds.Keys;

    /// <summary>Adds <paramref name="kind"/>, or replaces how it is made; returns this factory.</summary>
    public SourceFactory Use(string kind, SourceCreator create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        _kinds[kind] = create;
        return this;
    }

    /// <summary>
    /// The source of <paramref name="connection"/>. Throws <see cref="SourceUnavailableException"/>, with what to run, when the
    /// kind is unknown or the connection's settings or credentials are missing.
    /// </summary>
    public async Task<IStoreSource> CreateAsync(Connection connection, ICredentialStore credentials, CancellationToken cancellationToken)
    {
        if (!_kinds.TryGetValue(connection.SourceKind, out var create))
        {
            throw new SourceUnavailableException(
                $"Connection \"{connection.Name}\" reads from {connection.SourceKind}, which this StoreBooks does not know (it knows {string.Join(", ", _kinds.Keys.Order(StringComparer.Ordinal))}).");
        }

        try
        {
            return await create(connection, credentials, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            // The sources explain a missing setting in an ArgumentException; the parameter name is noise to a merchant.
            throw new SourceUnavailableException(e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal), e);
        }
    }

    /// <summary>Every product the store has, with the records it could not read.</summary>
    public static async Task<(List<StoreProduct> Products, List<SourceProblem> Problems)> ReadAllProductsAsync(IStoreSource source, CancellationToken cancellationToken)
    {
        var products = new List<StoreProduct>();
        var problems = new List<SourceProblem>();
        await foreach (var page in source.ReadProductsAsync(null, cancellationToken).ConfigureAwait(false))
        {
            products.AddRange(page.Records);
            problems.AddRange(page.Problems);
        }

        return (products, problems);
    }
}

/// <summary>A connection's store cannot be read as configured; the message says what to run.</summary>
public sealed class SourceUnavailableException : InvalidOperationException
{
    public SourceUnavailableException(string message)
        : base(message)
    {
    }

    public SourceUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
