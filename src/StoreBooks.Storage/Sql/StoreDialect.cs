using System.Data.Common;

namespace StoreBooks.Storage.Sql;

/// <summary>
/// What the state store's two databases do differently, and nothing else: how a connection is opened and a write transaction
/// begun, how ids and times are bound and read (SQLite keeps them as text, PostgreSQL as <c>uuid</c> and <c>timestamptz</c>),
/// how a constraint failure is recognised, and the few bits of SQL that must differ. The stores in <c>Stores/</c> are written
/// once over it; <see cref="SqliteDialect"/> and <see cref="PostgresDialect"/> fill it in.
/// </summary>
internal abstract class StoreDialect
{
    /// <summary>Takes a connection from the pool (give it back by disposing it).</summary>
    public async Task<StoreConnection> OpenAsync(CancellationToken cancellationToken) =>
        new(await OpenConnectionAsync(cancellationToken).ConfigureAwait(false), this);

    /// <summary>A time as this database gives it back once written (PostgreSQL cuts it to the microsecond).</summary>
    public abstract DateTimeOffset Kept(DateTimeOffset time);

    /// <summary>The most values one <see cref="InList"/> may hold; longer lists are asked in chunks of this many.</summary>
    public abstract int MaxListLength { get; }

    /// <summary>The column giving the rows of <c>webhook_inbox</c> in their order of arrival.</summary>
    public abstract string ArrivalOrder { get; }

    /// <summary><paramref name="column"/> to sort by byte order (as .NET's ordinal comparison does), not the database's locale.</summary>
    public abstract string Ordinal(string column);

    /// <summary>
    /// A condition true when <paramref name="column"/> is one of <paramref name="values"/> (at most <see cref="MaxListLength"/>),
    /// binding them on <paramref name="command"/> under parameters named from <paramref name="name"/>.
    /// </summary>
    public abstract string InList(StoreCommand command, string column, string name, IReadOnlyList<string> values);

    /// <summary>
    /// Makes the other writers of <paramref name="table"/> wait for <paramref name="transaction"/> to end (SQLite: nothing to do,
    /// a write transaction already holds the whole file's only write lock).
    /// </summary>
    public abstract Task LockTableAsync(DbTransaction transaction, string table, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the other transactions taking the same (<paramref name="lockClass"/>, <paramref name="key"/>) wait for
    /// <paramref name="transaction"/> to end (SQLite: nothing to do, as for <see cref="LockTableAsync"/>).
    /// </summary>
    public abstract Task LockKeyAsync(DbTransaction transaction, int lockClass, string key, CancellationToken cancellationToken);

    /// <summary>A foreign key failure: the row a write points to (a connection, a workspace) does not exist.</summary>
    public abstract bool IsForeignKeyViolation(DbException e);

    /// <summary>A failure of the unique constraint <paramref name="constraint"/> (SQLite names none: any unique index).</summary>
    public abstract bool IsUniqueViolation(DbException e, string constraint);

    /// <summary>A failure of <paramref name="table"/>'s primary key: a row with that key exists.</summary>
    public abstract bool IsPrimaryKeyViolation(DbException e, string table);

    /// <summary>What a write pointing to a connection the store does not have fails with.</summary>
    public static InvalidOperationException MissingConnection(Guid connectionId, DbException e) =>
        new($"Connection {connectionId} does not exist in the state store; add the connection first.", e);

    /// <summary>A pooled connection to the database (<see cref="OpenAsync"/> wraps it with this dialect).</summary>
    public abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>A transaction whose writes other writers wait for (SQLite: <c>BEGIN IMMEDIATE</c>).</summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    // Values as the stores bind and read them, through StoreCommand and StoreReader; a null binds as SQL NULL.
    public abstract DbParameter Id(string name, Guid? value);

    public abstract DbParameter Text(string name, string? value);

    public abstract DbParameter Time(string name, DateTimeOffset? value);

    public abstract DbParameter Json(string name, string? json);

    public abstract DbParameter Long(string name, long value);

    public abstract DbParameter Bytes(string name, byte[] value);

    public abstract Guid ReadId(DbDataReader reader, int ordinal);

    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);
}
