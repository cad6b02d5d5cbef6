namespace StoreBooks.Storage;

/// <summary>
/// The StoreBooks home cannot be used as it is (a folder that is a file, a damaged or read-only database, a bad secret key):
/// the message says what is wrong and what to do, in a merchant's words, and is all a user needs to see.
/// </summary>
public sealed class StoreBooksHomeException : Exception
{
    public StoreBooksHomeException(string message)
        : base(message)
    {
    }

    public StoreBooksHomeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
