using StoreBooks.Core.Connections;
using StoreBooks.Core.Sources;
using StoreBooks.Core.State;
using StoreBooks.Csv;

namespace StoreBooks.Cli.Common;

/// <summary>The store source of a connection, by its kind.</summary>
internal static class SourceFactory
{
    public static Task<IStoreSource> CreateAsync(Connection connection, ICredentialStore credentials, CancellationToken cancellationToken)
    {
        _ = credentials;
        _ = cancellationToken;
        return connection.SourceKind switch
        {
            CsvSource.SourceKind => Task.FromResult<IStoreSource>(CsvSource.FromConnection(connection)),
            _ => throw new CliException($"Connection \"{connection.Name}\" reads from {connection.SourceKind}, which this StoreBooks does not know."),
        };
    }

    /// <summary>Every product the store has, with the rows it could not read.</summary>
    public static async Task<(List<Core.Model.StoreProduct> Products, List<SourceProblem> Problems)> ReadAllProductsAsync(IStoreSource source, CancellationToken cancellationToken)
    {
        var products = new List<Core.Model.StoreProduct>();
        var problems = new List<SourceProblem>();
        await foreach (var page in source.ReadProductsAsync(null, cancellationToken).ConfigureAwait(false))
        {
            products.AddRange(page.Records);
            problems.AddRange(page.Problems);
        }

        return (products, problems);
    }
}
