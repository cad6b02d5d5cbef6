namespace StoreBooks.Storage.Moving;

/// <summary>A home cannot be moved into the hosted database as things are; the message says why and what to do. Nothing was written.</summary>
public sealed class HomeMoveException : Exception
{
    public HomeMoveException(string message)
        : base(message)
    {
    }

    public HomeMoveException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
