namespace StoreBooks.Core.State;

/// <summary>Per connection and stream ("products", "orders"), how far reading has safely got (a Singer-style bookmark).</summary>
public interface ICursorStore
{
    Task<DateTimeOffset?> GetAsync(Guid connectionId, string stream, CancellationToken cancellationToken);

    Task SetAsync(Guid connectionId, string stream, DateTimeOffset value, CancellationToken cancellationToken);

    /// <summary>Forgets the bookmark of <paramref name="stream"/> (nothing when there is none).</summary>
    Task DeleteAsync(Guid connectionId, string stream, CancellationToken cancellationToken);
}
