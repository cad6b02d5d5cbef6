using System.Security.Cryptography;

namespace StoreBooks.Emulators.Qbo.Traffic;

/// <summary>Intuit's transaction id header value (<c>intuit_tid</c>), shaped like the recorded <c>1-5f7349e0-0fd2bee86a8a83c67a77fbb2</c>.</summary>
internal static class IntuitTid
{
    public static string New() =>
        $"1-{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x8}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";
}
