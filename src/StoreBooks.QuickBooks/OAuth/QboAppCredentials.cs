namespace StoreBooks.QuickBooks.OAuth;

/// <summary>The Intuit app's client id and secret (from the developer portal, or the emulator's demo app).</summary>
public sealed record QboAppCredentials(string ClientId, string ClientSecret)
{
    /// <summary>Never prints the secret.</summary>
    public override string ToString() => $"QboAppCredentials {{ ClientId = {ClientId} }}";
}
