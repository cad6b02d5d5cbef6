namespace StoreBooks.Storage.Secrets;

/// <summary>
/// The operator's key cannot open (or cannot be used for) the hosted database's key ring: missing, malformed, or not the key
/// the ring was encrypted with. The message says which key was tried, which one the ring needs (by its id, never the key) and
/// what to do; it is all an operator needs to see.
/// </summary>
public sealed class KeyRingException : Exception
{
    public KeyRingException(string message)
        : base(message)
    {
    }

    public KeyRingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
