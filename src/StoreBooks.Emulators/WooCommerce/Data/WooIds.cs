namespace StoreBooks.Emulators.WooCommerce.Data;

/// <summary>The integer ids of the demo and generated WooCommerce data (orders and refunds share WordPress's post ids).</summary>
internal static class WooIds
{
    public static long Order(int index) => 1000 + (index * 4L);

    public static long Refund(int index) => Order(index) + 1;

    public static long LineItem(int index, int line) => 100_000 + (index * 16L) + line;

    public static long Product(int key) => 10 + (key * 10L);

    public static long Variation(int variantKey) => 500 + variantKey;

    public static long Customer(int key) => 100 + key;
}
