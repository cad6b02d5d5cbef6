using Xunit;

namespace StoreBooks.Testing;

/// <summary>
/// Real payloads kept beside the checkout in <c>../shared/fixtures</c> (CI always has them).
/// On a machine without that folder, conformance tests say so and skip.
/// </summary>
public static class SharedFixtures
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>The fixtures folder, or null when this checkout has no <c>../shared</c> beside it.</summary>
    public static string? Directory => Root.Value;

    /// <summary>The fixtures folder; skips the calling test when it is absent.</summary>
    public static string RequireDirectory()
    {
        var root = Root.Value;
        if (root is null)
        {
            Assert.Skip("../shared/fixtures is not beside this checkout; conformance tests that read real payloads are skipped.");
        }

        return root!;
    }

    /// <summary>Full path of one fixture file (e.g. <c>qbo/oauth/discovery-document.json</c>); skips when fixtures are absent.</summary>
    public static string Path(string relative) => System.IO.Path.Combine(RequireDirectory(), relative);

    private static string? FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("STOREBOOKS_SHARED_FIXTURES");
        if (!string.IsNullOrEmpty(fromEnv) && System.IO.Directory.Exists(fromEnv))
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "StoreBooks.slnx")))
            {
                var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "fixtures"));
                return System.IO.Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }
}
