namespace StoreBooks.Emulators.Shopify.Data;

/// <summary>
/// The 64-bit ids the demo and generated data use. Orders have 13 digits like real ones; line items and refunds lie above
/// 2^53, and demo order 29 does too, so a client that parses ids as doubles gets them wrong.
/// </summary>
internal static class ShopifyIds
{
    public const long AboveDoublePrecision = 9_007_199_254_741_001;

    public static long Order(int index) => index == 29 ? AboveDoublePrecision : 5_800_000_000_000 + (index * 97L);

    public static long LineItem(int index, int line) => 9_007_199_300_000_000 + (index * 32L) + line;

    public static long Refund(int index) => 9_100_000_000_000_000 + (index * 4L);

    public static long Transaction(int index, int kind) => 7_300_000_000_000 + (index * 8L) + kind;

    public static long ShippingLine(int index) => 4_400_000_000_000 + index;

    public static long Customer(int key) => 7_100_000_000_000 + key;

    public static long Product(int key) => 8_100_000_000_000 + key;

    public static long Variant(int key) => 44_000_000_000_000 + key;

    public static long InventoryItem(int key) => 46_000_000_000_000 + key;

    public static long Location(int n) => 70_000_000_000 + n;

    public static string Gid(string type, long id) => $"gid://shopify/{type}/{id}";
}
