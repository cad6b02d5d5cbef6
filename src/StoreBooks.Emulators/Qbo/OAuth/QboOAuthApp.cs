namespace StoreBooks.Emulators.Qbo.OAuth;

/// <summary>
/// An app registered with Intuit: its client id and secret. QBO meters some limits per realm and app
/// (10 in flight, 40 batch requests a minute), so the emulator can know more than one.
/// </summary>
public sealed record QboOAuthApp(string ClientId, string ClientSecret);
