using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Csv;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Hosting.Connections;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.Hosting.Sources;
using StoreBooks.Hosting.Tests.Support;
using StoreBooks.Storage;
using StoreBooks.Sync.Connections;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Hosting.Tests;

/// <summary>
/// A CSV store uploaded through one process (the web role, its home on one machine) is synced by another with a home of its own,
/// which has never seen the files: it copies them from the database, and a new upload replaces its copy before the next sync;
/// synced in slices, the export is read oldest placed first and every order is posted once.
/// </summary>
public sealed class UploadedCsvTests
{
    private const string Realm = "9130410000000001";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_worker_with_its_own_home_syncs_the_files_uploaded_through_the_web_process_and_their_replacement()
    {
        await using var rig = await HostedRig.CreateAsync();
        rig.Emulator.Qbo.Companies.Create(QboCompanySettings.DefaultCanada with { RealmId = Realm });
        using var homes = new TemporaryHomes();
        var webUploads = new CsvUploads(Path.Combine(homes.New("web"), "uploads"), 10 * 1024 * 1024);
        var workerUploads = Path.Combine(homes.New("worker"), "uploads");

        // The web process takes the upload, saves the connection, and keeps the files with it.
        var id = Guid.NewGuid();
        var (productsPath, ordersPath) = await webUploads.SaveAsync(id, File("products.csv", "demo/products.csv"), File("orders.csv", "demo/orders.csv"), Ct);
        var connection = await rig.AddConnectedAsync("uploaded", Realm, CsvSource.SourceKind,
            new() { [CsvSource.ProductsPathSetting] = productsPath, [CsvSource.OrdersPathSetting] = ordersPath }, "", id: id);
        await rig.State.Connections.UpdateAsync(connection with { Settings = DemoStore.ToJson() }, Ct);
        await webUploads.PublishAsync(rig.State.Uploads, id, Ct);
        var uploaded = await System.IO.File.ReadAllTextAsync(ordersPath, Ct);
        // The worker is another machine: the web home's files are not there.
        webUploads.Forget(id);
        Assert.False(System.IO.File.Exists(ordersPath));

        var worker = new SyncJobs(rig.State, new QuickBooksConnections(rig.State), new SourceFactory(uploads: new UploadedCsvFiles(rig.State.Uploads, workerUploads)), new InProcessConnectionLock());
        var first = await worker.RunAsync(id, "schedule", Ct);

        Assert.True(first.Run!.Outcome == RunOutcome.Succeeded, $"{first.Run.Outcome}: {first.Run.Error}");
        var posted = first.Run.Counts["orders.posted"];
        Assert.True(posted > 20, $"the first run posted {posted} orders");
        var copy = Path.Combine(workerUploads, id.ToString("N"), CsvUploads.OrdersFile);
        Assert.Equal(uploaded, await System.IO.File.ReadAllTextAsync(copy, Ct));

        // The merchant uploads the orders again with one more order; the worker's copy is replaced before its next sync.
        var template = uploaded.Split('\n').Single(l => l.StartsWith("#1001,", StringComparison.Ordinal));
        var added = template.Replace("#1001", "#2001", StringComparison.Ordinal)
            .Replace("2025-10-01", "2025-12-01", StringComparison.Ordinal)
            .Replace("2025-10-02", "2025-12-02", StringComparison.Ordinal)
            .Replace("6201453019142", "6201453099999", StringComparison.Ordinal);
        await rig.State.Uploads.SaveAsync(id, CsvUploads.OrdersFile, System.Text.Encoding.UTF8.GetBytes(uploaded.TrimEnd('\n') + "\n" + added + "\n"), Ct);
        var second = await worker.RunAsync(id, "schedule", Ct);

        Assert.True(second.Run!.Outcome == RunOutcome.Succeeded, $"{second.Run.Outcome}: {second.Run.Error}");
        Assert.Equal(1, second.Run.Counts.GetValueOrDefault("orders.posted"));
        Assert.Contains("#2001,", await System.IO.File.ReadAllTextAsync(copy, Ct), StringComparison.Ordinal);
        Assert.Contains("WEB-2001", await rig.DocNumbersAsync(Realm));
    }

    [Fact]
    public async Task An_uploaded_export_synced_in_slices_posts_every_order_once_as_an_unsliced_control_does()
    {
        await using var rig = await HostedRig.CreateAsync();
        using var homes = new TemporaryHomes();
        var web = new CsvUploads(Path.Combine(homes.New("web"), "uploads"), 10 * 1024 * 1024);
        var worker = new SyncJobs(rig.State, new QuickBooksConnections(rig.State),
            new SourceFactory(uploads: new UploadedCsvFiles(rig.State.Uploads, Path.Combine(homes.New("worker"), "uploads"))), new InProcessConnectionLock());
        var sliced = await UploadAsync(rig, web, "sliced", "9130410000000002");
        var control = await UploadAsync(rig, web, "control", "9130410000000003");

        var slices = new List<SyncJobResult>();
        do
        {
            Assert.True(slices.Count < 40, "the slices did not end");
            slices.Add(await worker.RunAsync(sliced, "schedule", new StoreBooks.Sync.SyncSlice(5, TimeSpan.FromHours(1)), Ct));
        }
        while (slices[^1].MoreToDo);
        var whole = await worker.RunAsync(control, "schedule", Ct);

        Assert.All(slices.Append(whole), r => Assert.True(r.Run!.Outcome == RunOutcome.Succeeded, $"{r.Run.Outcome}: {r.Run.Error}"));
        Assert.All(slices, r => Assert.InRange(r.Run!.Counts.GetValueOrDefault("orders.posted"), 0, 5));
        Assert.True(slices.Count >= 5, $"{slices.Count} slices");
        var numbers = await rig.DocNumbersAsync("9130410000000002");
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.Equal((await rig.DocNumbersAsync("9130410000000003")).Order(), numbers.Order());
        Assert.Equal(whole.Run!.Counts["orders.posted"], slices.Sum(r => r.Run!.Counts.GetValueOrDefault("orders.posted")));
    }

    [Fact]
    public async Task In_the_web_process_home_the_uploaded_file_is_the_copy_and_a_sync_leaves_it_as_it_is()
    {
        await using var rig = await HostedRig.CreateAsync();
        rig.Emulator.Qbo.Companies.Create(QboCompanySettings.DefaultCanada with { RealmId = "9130410000000004" });
        using var homes = new TemporaryHomes();
        var directory = Path.Combine(homes.New("one"), "uploads");
        var web = new CsvUploads(directory, 10 * 1024 * 1024);
        var id = Guid.NewGuid();
        var (productsPath, ordersPath) = await web.SaveAsync(id, File("products.csv", "demo/products.csv"), File("orders.csv", "demo/orders.csv"), Ct);
        await rig.AddConnectedAsync("one home", "9130410000000004", CsvSource.SourceKind,
            new() { [CsvSource.ProductsPathSetting] = productsPath, [CsvSource.OrdersPathSetting] = ordersPath }, "", id: id);
        await web.PublishAsync(rig.State.Uploads, id, Ct);
        var saved = await rig.State.Uploads.SavedAtAsync(id, Ct);
        Assert.Equal(saved[CsvUploads.OrdersFile].UtcDateTime, System.IO.File.GetLastWriteTimeUtc(ordersPath));

        // A mark the copy would not have, written without changing the file's time: only a rewrite would take it away.
        await System.IO.File.AppendAllTextAsync(ordersPath, "\n", Ct);
        System.IO.File.SetLastWriteTimeUtc(ordersPath, saved[CsvUploads.OrdersFile].UtcDateTime);
        var local = await new UploadedCsvFiles(rig.State.Uploads, directory).LocalAsync((await rig.State.Connections.GetAsync(id, Ct))!, Ct);

        Assert.Equal(ordersPath, local.SourceSettings[CsvSource.OrdersPathSetting]!.GetValue<string>());
        Assert.EndsWith("\n\n", await System.IO.File.ReadAllTextAsync(ordersPath, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Processes_sharing_a_home_that_copy_each_new_upload_at_once_always_read_a_whole_file()
    {
        await using var rig = await HostedRig.CreateAsync();
        rig.Emulator.Qbo.Companies.Create(QboCompanySettings.DefaultCanada with { RealmId = "9130410000000005" });
        using var homes = new TemporaryHomes();
        var directory = Path.Combine(homes.New("shared"), "uploads");
        var id = Guid.NewGuid();
        var connection = await rig.AddConnectedAsync("shared home", "9130410000000005", CsvSource.SourceKind,
            new() { [CsvSource.ProductsPathSetting] = "/nowhere/products.csv", [CsvSource.OrdersPathSetting] = "/nowhere/orders.csv" }, "", id: id);
        var processes = Enumerable.Range(0, 4).Select(_ => new UploadedCsvFiles(rig.State.Uploads, directory)).ToArray();

        for (var round = 0; round < 10; round++)
        {
            // Each upload is a different size, so a copy torn between two writers would not match it.
            var content = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat($"upload {round};", 20_000 + (round * 997))));
            await rig.State.Uploads.SaveAsync(id, CsvUploads.OrdersFile, content, Ct);

            var copies = await Task.WhenAll(processes.SelectMany(p => new[] { p, p }).Select(p => Task.Run(() => p.LocalAsync(connection, Ct), Ct)));

            foreach (var copy in copies)
            {
                var path = copy.SourceSettings[CsvSource.OrdersPathSetting]!.GetValue<string>();
                Assert.Equal(content, await System.IO.File.ReadAllBytesAsync(path, Ct));
            }
        }

        Assert.Equal([CsvUploads.OrdersFile], Directory.GetFiles(Path.Combine(directory, id.ToString("N"))).Select(Path.GetFileName));
    }

    /// <summary>A CSV connection made from the demo exports uploaded through <paramref name="web"/>, kept in the state store, its web copy gone.</summary>
    private static async Task<Guid> UploadAsync(HostedRig rig, CsvUploads web, string name, string realm)
    {
        rig.Emulator.Qbo.Companies.Create(QboCompanySettings.DefaultCanada with { RealmId = realm });
        var id = Guid.NewGuid();
        var (productsPath, ordersPath) = await web.SaveAsync(id, File("products.csv", "demo/products.csv"), File("orders.csv", "demo/orders.csv"), Ct);
        var connection = await rig.AddConnectedAsync(name, realm, CsvSource.SourceKind,
            new() { [CsvSource.ProductsPathSetting] = productsPath, [CsvSource.OrdersPathSetting] = ordersPath }, "", id: id);
        await rig.State.Connections.UpdateAsync(connection with { Settings = DemoStore.ToJson() }, Ct);
        await web.PublishAsync(rig.State.Uploads, id, Ct);
        web.Forget(id);
        return id;
    }

    /// <summary>The demo store's settings (as <c>storebooks demo</c> has them).</summary>
    private static ConnectionSettings DemoStore => DemoStoreSettings.WithoutPayouts;

    private static CsvUpload File(string name, string repositoryPath)
    {
        var path = RepositoryFiles.Path(repositoryPath);
        return new CsvUpload(name, new FileInfo(path).Length, () => System.IO.File.OpenRead(path));
    }
}
