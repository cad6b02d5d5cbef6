namespace StoreBooks.Core.Connections;

/// <summary>The connections StoreBooks syncs.</summary>
public interface IConnectionStore
{
    /// <summary>Adds a connection; fails with a clear message when the name is taken.</summary>
    Task AddAsync(Connection connection, CancellationToken cancellationToken);

    Task<Connection?> GetAsync(Guid id, CancellationToken cancellationToken);

    Task<Connection?> FindByNameAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<Connection>> ListAsync(CancellationToken cancellationToken);

    Task UpdateAsync(Connection connection, CancellationToken cancellationToken);
}
