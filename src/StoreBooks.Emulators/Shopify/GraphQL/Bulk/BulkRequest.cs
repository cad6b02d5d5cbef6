namespace StoreBooks.Emulators.Shopify.GraphQL;

/// <summary>What a mutation needs from its HTTP request: the API version in its path (it sets how many bulk queries may run) and the emulator's origin (for file URLs).</summary>
internal sealed record BulkRequest(string ApiVersion, Uri Origin);
