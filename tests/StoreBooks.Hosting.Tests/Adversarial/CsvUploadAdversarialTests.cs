using StoreBooks.Core.Connections;
using StoreBooks.Core.Products;
using StoreBooks.Core.Sources;
using StoreBooks.Core.State;
using StoreBooks.Csv;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Hosting.Connections;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.Hosting.Sources;
using StoreBooks.Hosting.Tests.Support;
using StoreBooks.Sync;
using StoreBooks.Sync.Connections;
using StoreBooks.Testing;
using Xunit;
using static StoreBooks.Hosting.Tests.Adversarial.AdversarialRig;
using static StoreBooks.Hosting.Tests.Adversarial.WooAdversarialSite;

namespace StoreBooks.Hosting.Tests.Adversarial;

/// <summary>
/// CSV exports uploaded through the dashboard and synced in slices by a worker with a home of its own, attacked from the README:
/// "CSV exports uploaded in the dashboard are kept in the database with their connection ...: a worker on another machine copies
/// them into its own home's uploads folder before it syncs, and again after a new upload"; "A CSV export is read the same way,
/// oldest placed first, 2,000 orders at a time"; a broken record "is one issue naming its lines, while every readable order before
/// and after it syncs", and posts once it is fixed. The stored upload is the truth: what the sliced company ends with is compared,
/// document by document and to the cent, with a control company synced in one run from the last upload.
/// </summary>
public sealed class CsvUploadAdversarialTests
{
    private static readonly string DemoOrders = File.ReadAllText(RepositoryFiles.Path("demo/orders.csv"));

    /// <summary>The demo store's settings (as <c>storebooks demo</c> has them; DocNumbers are WEB-1001...).</summary>
    private static ConnectionSettings DemoStore => DemoStoreSettings.WithoutPayouts;

    private static CsvUpload Upload(string name, byte[] content) => new(name, content.Length, () => new MemoryStream(content));

    /// <summary>
    /// A CSV connection made as the dashboard makes one (the web process's home takes the files, publishes them to the state store
    /// and, being another machine than the worker, its copy is gone), with <paramref name="orders"/> as its orders export.
    /// </summary>
    private static async Task<Guid> UploadAsync(HostedRig rig, TemporaryHomes homes, string name, string realm, string orders)
    {
        rig.Emulator.Qbo.Companies.Create(QboCompanySettings.DefaultCanada with { RealmId = realm });
        var web = new CsvUploads(Path.Combine(homes.New("web-" + name), "uploads"), 50 * 1024 * 1024);
        var id = Guid.NewGuid();
        var (productsPath, ordersPath) = await web.SaveAsync(id,
            Upload("products.csv", await File.ReadAllBytesAsync(RepositoryFiles.Path("demo/products.csv"), Ct)),
            Upload("orders.csv", System.Text.Encoding.UTF8.GetBytes(orders)), Ct);
        var connection = await rig.AddConnectedAsync(name, realm, CsvSource.SourceKind,
            new() { [CsvSource.ProductsPathSetting] = productsPath, [CsvSource.OrdersPathSetting] = ordersPath }, "", id: id);
        await rig.State.Connections.UpdateAsync(connection with { Settings = DemoStore.ToJson() }, Ct);
        await web.PublishAsync(rig.State.Uploads, id, Ct);
        web.Forget(id);
        return id;
    }

    /// <summary>A worker with a home of its own (<paramref name="uploads"/>), the CSV export read in windows of <paramref name="window"/> when given.</summary>
    private static SyncJobs Worker(HostedRig rig, UploadedCsvFiles uploads, int? window = null)
    {
        var factory = new SourceFactory(uploads: uploads);
        if (window is { } size)
        {
            factory = factory.Use(CsvSource.SourceKind, async (connection, credentials, cancellationToken) =>
            {
                var local = await uploads.LocalAsync(connection, cancellationToken);
                return (IStoreSource)new CsvSource(new CsvSourceOptions
                {
                    ProductsPath = (string?)local.SourceSettings[CsvSource.ProductsPathSetting],
                    OrdersPath = (string?)local.SourceSettings[CsvSource.OrdersPathSetting],
                    PageSize = 3,
                    PlacingWindow = size,
                });
            });
        }

        return new SyncJobs(rig.State, new QuickBooksConnections(rig.State), factory, new InProcessConnectionLock());
    }

    private static async Task<List<SyncJobResult>> SliceAsync(SyncJobs worker, Guid connection, int orders, int most, Func<int, Task>? between = null, bool allowAttention = false, TimeSpan? duration = null)
    {
        var results = new List<SyncJobResult>();
        while (results.Count == 0 || results[^1].MoreToDo)
        {
            Assert.True(results.Count < most, $"the sync did not end in {most} slices of {orders}: {Describe(results)}");
            if (results.Count > 0 && between is not null)
            {
                await between(results.Count);
            }

            var result = await worker.RunAsync(connection, "schedule", new SyncSlice(orders, duration ?? TimeSpan.FromHours(1)), Ct);
            Assert.True(result.Status == SyncJobStatus.Ran && result.Run is not null, $"slice {results.Count + 1} ended {result.Status}");
            Assert.True(result.Run!.Outcome == RunOutcome.Succeeded || (allowAttention && result.Run.Outcome == RunOutcome.NeedsAttention),
                $"slice {results.Count + 1} ended {result.Run.Outcome}: {result.Run.Error} (counts {string.Join(", ", result.Run.Counts.Select(c => $"{c.Key}={c.Value}"))})");
            results.Add(result);
        }

        return results;
    }

    /// <summary>A sync after the pass (it may pick up what changed during it), then one that must post and update nothing.</summary>
    private static async Task SettleAsync(SyncJobs worker, Guid connection, int orders, bool allowAttention = false)
    {
        var second = await SliceAsync(worker, connection, orders, 100, allowAttention: allowAttention);
        var third = await SliceAsync(worker, connection, orders, 100, allowAttention: allowAttention);
        Log($"second sync: {Describe(second)}");
        Log($"third sync: {Describe(third)}");
        Assert.True(Posted(third) == 0 && Updated(third) == 0, $"a sync after the passes still posted {Posted(third)} and updated {Updated(third)}: {Describe(third)}");
    }

    private static async Task<SyncRun> ControlAsync(HostedRig rig, TemporaryHomes homes, string realm, string orders)
    {
        var id = await UploadAsync(rig, homes, "control-" + realm, realm, orders);
        var worker = Worker(rig, new UploadedCsvFiles(rig.State.Uploads, Path.Combine(homes.New("control-worker-" + realm), "uploads")));
        var result = await worker.RunAsync(id, "schedule", new SyncSlice(100_000, TimeSpan.FromHours(1)), Ct);
        Assert.False(result.MoreToDo);
        Assert.True(result.Run!.Outcome is RunOutcome.Succeeded or RunOutcome.NeedsAttention, $"control {result.Run.Outcome}: {result.Run.Error}");
        return result.Run;
    }

    [Fact]
    public async Task An_export_uploaded_again_in_the_middle_of_a_sliced_pass_ends_as_the_new_upload_says()
    {
        // After two slices of five the merchant uploads a new export: an order more placed after all others (#2001), one more
        // placed before the pass's position (#2002), an order the pass has not reached removed (#1040), one it has not reached
        // with its amount changed (#1035, +1.00 shipping), and one it already posted with its amount changed (#1002, +2.00).
        // Expected: the worker reads the new upload from the next slice on; the company ends as a control synced from the new
        // upload alone has it: every order once, to the cent.
        await using var rig = await HostedRig.CreateAsync();
        using var homes = new TemporaryHomes();
        var second = SecondUpload;
        const string realm = "9131600000000011";
        var id = await UploadAsync(rig, homes, "reuploaded", realm, DemoOrders);
        var worker = Worker(rig, new UploadedCsvFiles(rig.State.Uploads, Path.Combine(homes.New("worker"), "uploads")));

        var first = await SliceAsync(worker, id, 5, 40, async n =>
        {
            if (n == 2)
            {
                await rig.State.Uploads.SaveAsync(id, CsvUploads.OrdersFile, System.Text.Encoding.UTF8.GetBytes(second), Ct);
            }
        });
        Log($"first sync: {Describe(first)}");
        await SettleAsync(worker, id, 5);
        await ControlAsync(rig, homes, "9131600000000012", second);

        await ExpectNewUploadAsync(rig, realm, "9131600000000012");
    }

    [Fact]
    public async Task An_export_uploaded_again_after_a_whole_sync_ends_as_the_new_upload_says()
    {
        // The same new upload as above, given to a connection that is not sliced: synced to its end, then the new upload, then
        // syncs. This tells whether what the sliced case loses is lost by slicing or by every CSV sync.
        await using var rig = await HostedRig.CreateAsync();
        using var homes = new TemporaryHomes();
        const string realm = "9131600000000013";
        var id = await UploadAsync(rig, homes, "reuploaded-whole", realm, DemoOrders);
        var worker = Worker(rig, new UploadedCsvFiles(rig.State.Uploads, Path.Combine(homes.New("worker"), "uploads")));
        var first = await SliceAsync(worker, id, 100_000, 3);
        Log($"first sync: {Describe(first)}");
        await rig.State.Uploads.SaveAsync(id, CsvUploads.OrdersFile, System.Text.Encoding.UTF8.GetBytes(SecondUpload), Ct);
        await SettleAsync(worker, id, 100_000);
        await ControlAsync(rig, homes, "9131600000000014", SecondUpload);

        // #1040 was posted by the first sync, before the new upload left it out: absence never ends an order, so it stays.
        await ExpectNewUploadAsync(rig, realm, "9131600000000014", alsoPosted: "WEB-1040");
    }

    /// <summary>The new upload of the re-upload cases: #2001 placed after all, #2002 placed before most, #1040 gone, #1035 and #1002 dearer.</summary>
    private static string SecondUpload => OrdersExportText.Parse(DemoOrders)
        .Clone("#1001", "#2001", "6209990000001", "2025-12-01 10:00:00 -0500")
        .Clone("#1003", "#2002", "6209990000002", "2025-10-01 16:00:00 -0400")
        .Remove("#1040")
        .AddToShipping("#1035", 1.00m)
        .AddToShipping("#1002", 2.00m)
        .ToString();

    /// <summary>Every expectation of the new upload checked, then all that failed said at once.</summary>
    private static async Task ExpectNewUploadAsync(HostedRig rig, string realm, string controlRealm, string? alsoPosted = null)
    {
        var problems = new List<string>();
        var documents = await DocumentsAsync(rig, realm);
        decimal? Total(string number) => documents.Where(d => (string?)d["DocNumber"] == number).Select(d => (decimal?)d["TotalAmt"]).FirstOrDefault();
        int Count(string number) => documents.Count(d => (string?)d["DocNumber"] == number);
        if (Count("WEB-2001") != 1)
        {
            problems.Add($"#2001 (added, placed after every order) is in QuickBooks {Count("WEB-2001")} time(s)");
        }

        if (Count("WEB-2002") != 1)
        {
            problems.Add($"#2002 (added, placed 2025-10-01, before the orders already synced) is in QuickBooks {Count("WEB-2002")} time(s)");
        }

        if (Total("WEB-1035") != 151.65m)
        {
            problems.Add($"#1035 (not synced yet when uploaded again, total 150.65 -> 151.65) is in QuickBooks at {Total("WEB-1035")}");
        }

        if (Total("WEB-1002") != 78.65m)
        {
            problems.Add($"#1002 (synced before the new upload raised its total 76.65 -> 78.65) is in QuickBooks at {Total("WEB-1002")}");
        }

        var duplicates = documents.GroupBy(d => (string?)d["DocNumber"]).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            problems.Add($"posted twice: {string.Join(",", duplicates)}");
        }

        var control = (await DocumentsAsync(rig, controlRealm)).Select(d => (string)d["DocNumber"]!).ToHashSet();
        var numbers = documents.Select(d => (string)d["DocNumber"]!).ToHashSet();
        Log($"{numbers.Count} documents; the control has {control.Count}; missing {string.Join(",", control.Except(numbers))}; not in the control {string.Join(",", numbers.Except(control))}");
        Assert.True(problems.Count == 0, string.Join("; ", problems));
        if (alsoPosted is null)
        {
            await AssertSameBooksAsync(rig, realm, controlRealm);
        }
        else
        {
            Assert.Equal(control.Append(alsoPosted).Order(), numbers.Order());
        }
    }

    [Theory]
    [InlineData("deleted")]
    [InlineData("truncated")]
    [InlineData("emptied")]
    [InlineData("hand-edited")]
    public async Task A_workers_copy_of_the_upload_damaged_between_slices_never_posts_garbage_and_the_stored_upload_wins(string damage)
    {
        // Between two slices something in the worker's home damages its copy of orders.csv (an operator's clean-up, a full disk,
        // someone "fixing" a total in an editor). The stored upload is the truth: the worker copies it again, or at least posts
        // nothing that is not in it. Expected: the company ends as the control synced from the stored upload, every order once.
        await using var rig = await HostedRig.CreateAsync();
        using var homes = new TemporaryHomes();
        var realm = damage switch { "deleted" => "9131600000000021", "truncated" => "9131600000000023", "emptied" => "9131600000000025", _ => "9131600000000027" };
        var controlRealm = realm[..^1] + (char)(realm[^1] + 1);
        var id = await UploadAsync(rig, homes, "damaged-" + damage, realm, DemoOrders);
        var workerUploads = Path.Combine(homes.New("worker"), "uploads");
        var worker = Worker(rig, new UploadedCsvFiles(rig.State.Uploads, workerUploads));
        var copy = Path.Combine(workerUploads, id.ToString("N"), CsvUploads.OrdersFile);

        var first = await SliceAsync(worker, id, 5, 40, async n =>
        {
            if (n != 2)
            {
                return;
            }

            Assert.True(File.Exists(copy), $"the worker's copy is not at {copy}");
            switch (damage)
            {
                case "deleted":
                    File.Delete(copy);
                    break;
                case "truncated":
                    var bytes = await File.ReadAllBytesAsync(copy, Ct);
                    await File.WriteAllBytesAsync(copy, bytes[..(bytes.Length / 2)], Ct);
                    break;
                case "emptied":
                    await File.WriteAllBytesAsync(copy, [], Ct);
                    break;
                default:
                    var edited = OrdersExportText.Parse(await File.ReadAllTextAsync(copy, Ct)).AddToShipping("#1030", 100m).AddToShipping("#1036", 100m);
                    await File.WriteAllTextAsync(copy, edited.ToString(), Ct);
                    break;
            }
        }, allowAttention: false);
        Log($"first sync: {Describe(first)}");
        await SettleAsync(worker, id, 5);
        await ControlAsync(rig, homes, controlRealm, DemoOrders);

        await AssertSameBooksAsync(rig, realm, controlRealm);
        Assert.Equal(DemoOrders, await File.ReadAllTextAsync(copy, Ct));
    }

    /// <summary>A large export (the demo's 40 orders and 60 copies of each) and four new uploads of it with one more order each.</summary>
    private static List<string> LargeVersions()
    {
        var large = OrdersExportText.Parse(DemoOrders);
        var names = large.OrderNames.ToList();
        for (var k = 1; k <= 60; k++)
        {
            foreach (var name in names)
            {
                large.Clone(name, $"#{k}{name[1..]}", $"62{k:000}{name[2..]}0000");
            }
        }

        var versions = new List<string> { large.ToString() };
        for (var v = 1; v <= 4; v++)
        {
            versions.Add(OrdersExportText.Parse(versions[0]).Clone("#1001", $"#{9000 + v}", $"6299990000{v:000}", "2025-12-01 10:00:00 -0500").ToString());
        }

        return versions;
    }

    [Fact]
    public async Task Two_workers_sharing_a_home_copy_the_same_upload_at_once_without_failing()
    {
        // Two worker processes on one machine with one home (the default ~/.storebooks) take two connections' jobs, or a job each
        // of a company handed over, and both copy the same upload at the same moment, first and after each new upload. Expected:
        // every copy succeeds (a sync that cannot copy its files cannot run) and leaves the stored upload whole in the home.
        await using var rig = await HostedRig.CreateAsync();
        using var homes = new TemporaryHomes();
        var versions = LargeVersions();
        Log($"the export is {versions[0].Length / 1024} KiB");
        var id = await UploadAsync(rig, homes, "shared-home", "9131600000000031", versions[0]);
        var shared = Path.Combine(homes.New("shared"), "uploads");
        var workers = new[] { new UploadedCsvFiles(rig.State.Uploads, shared), new UploadedCsvFiles(rig.State.Uploads, shared) };
        var connection = (await rig.State.Connections.GetAsync(id, Ct))!;
        var failures = new List<string>();
        for (var v = 0; v < versions.Count; v++)
        {
            if (v > 0)
            {
                await rig.State.Uploads.SaveAsync(id, CsvUploads.OrdersFile, System.Text.Encoding.UTF8.GetBytes(versions[v]), Ct);
            }

            var reads = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
            {
                try
                {
                    var local = await workers[i % 2].LocalAsync(connection, Ct);
                    return await File.ReadAllTextAsync((string)local.SourceSettings[CsvSource.OrdersPathSetting]!, Ct);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    failures.Add($"upload {v + 1}, worker {i % 2 + 1}: {e.GetType().Name}: {e.Message}");
                    return null;
                }
            }));
            foreach (var text in reads.OfType<string>())
            {
                if (text != versions[v])
                {
                    failures.Add($"upload {v + 1}: a worker read {text.Length} characters of the {versions[v].Length} uploaded");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {versions.Count * 6} copies failed: {string.Join("; ", failures.Take(6))}");
    }

    [Fact]
    public async Task A_sync_reading_the_copy_while_the_other_worker_copies_a_new_upload_reads_one_whole_export()
    {
        // One worker's sync is reading its home's copy of a large export when the other worker of the same home copies a new
        // upload over it (one copy at a time here). Expected: no torn file: every read, and the read that was under way, is one
        // whole upload, the old or the new, never a mix or a part.
        await using var rig = await HostedRig.CreateAsync();
        using var homes = new TemporaryHomes();
        var versions = LargeVersions();
        var id = await UploadAsync(rig, homes, "shared-home-reader", "9131600000000033", versions[0]);
        var shared = Path.Combine(homes.New("shared"), "uploads");
        var workers = new[] { new UploadedCsvFiles(rig.State.Uploads, shared), new UploadedCsvFiles(rig.State.Uploads, shared) };
        var connection = (await rig.State.Connections.GetAsync(id, Ct))!;
        var copy = (string)(await workers[0].LocalAsync(connection, Ct)).SourceSettings[CsvSource.OrdersPathSetting]!;
        Assert.Equal(versions[0], await File.ReadAllTextAsync(copy, Ct));

        using var stop = new CancellationTokenSource();
        var torn = new List<string>();
        var reads = 0;
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var text = await File.ReadAllTextAsync(copy, Ct);
                    reads++;
                    if (!versions.Contains(text))
                    {
                        torn.Add($"read {reads}: {text.Length} characters");
                    }
                }
                catch (IOException e)
                {
                    torn.Add($"read {reads}: {e.GetType().Name} {e.Message}");
                }
            }
        }, Ct);
        string whole;
        await using (var held = File.OpenRead(copy))
        {
            var head = new byte[64 * 1024];
            await held.ReadExactlyAsync(head, Ct);
            for (var v = 1; v < versions.Count; v++)
            {
                await rig.State.Uploads.SaveAsync(id, CsvUploads.OrdersFile, System.Text.Encoding.UTF8.GetBytes(versions[v]), Ct);
                await workers[v % 2].LocalAsync(connection, Ct);
                Assert.Equal(versions[v], await File.ReadAllTextAsync(copy, Ct));
            }

            using var rest = new MemoryStream();
            rest.Write(head);
            await held.CopyToAsync(rest, Ct);
            whole = System.Text.Encoding.UTF8.GetString(rest.ToArray());
        }

        await stop.CancelAsync();
        await reader;
        Log($"{reads} reads while copying");
        Assert.True(versions.Contains(whole), $"the sync reading the copy while it was copied again read {whole.Length} characters, no whole upload");
        Assert.True(torn.Count == 0, $"{torn.Count} of {reads} reads saw no whole upload: {string.Join("; ", torn.Take(5))}");
    }

    [Fact]
    public async Task Uploads_saved_one_right_after_another_are_each_copied_before_the_next_read()
    {
        // "again after a new upload": the copy is renewed when the upload's time differs. Uploads saved within the same
        // millisecond-ish (a merchant double-submitting, two tabs) must still be told apart: after each, the worker's copy is the
        // upload just saved.
        await using var rig = await HostedRig.CreateAsync();
        using var homes = new TemporaryHomes();
        var id = await UploadAsync(rig, homes, "rapid", "9131600000000041", DemoOrders);
        var files = new UploadedCsvFiles(rig.State.Uploads, Path.Combine(homes.New("worker"), "uploads"));
        var connection = (await rig.State.Connections.GetAsync(id, Ct))!;
        for (var i = 0; i < 25; i++)
        {
            var content = OrdersExportText.Parse(DemoOrders).Clone("#1001", $"#{5000 + i}", $"62955500{i:00000}").ToString();
            await rig.State.Uploads.SaveAsync(id, CsvUploads.OrdersFile, System.Text.Encoding.UTF8.GetBytes(content), Ct);
            var local = await files.LocalAsync(connection, Ct);
            var text = await File.ReadAllTextAsync((string)local.SourceSettings[CsvSource.OrdersPathSetting]!, Ct);
            Assert.True(text == content, $"after upload {i + 1} the worker's copy is {(text.Contains($"#{5000 + i - 1},", StringComparison.Ordinal) ? "the previous upload" : "another text")}");
        }
    }

    [Fact]
    public async Task A_broken_row_in_the_middle_of_a_window_refuses_its_order_alone_and_a_fixed_upload_posts_it()
    {
        // Windows of 4, slices of 5; order #1010's total is mistyped "62.O9" (a letter O). Expected (README "When an order cannot
        // post"): the rest of the run goes on, #1010 has one issue naming it and the file's line; the merchant uploads the fixed
        // export and the next sync posts #1010 once, closes the issue, and the company ends as the control.
        await using var rig = await HostedRig.CreateAsync();
        using var homes = new TemporaryHomes();
        const string realm = "9131600000000051";
        var broken = OrdersExportText.Parse(DemoOrders).Set("#1010", "Total", "62.O9").ToString();
        var id = await UploadAsync(rig, homes, "broken-row", realm, broken);
        var worker = Worker(rig, new UploadedCsvFiles(rig.State.Uploads, Path.Combine(homes.New("worker"), "uploads")), window: 4);

        var first = await SliceAsync(worker, id, 5, 40, allowAttention: true);
        Log($"first sync: {Describe(first)}");
        var issues = await rig.State.Runs.ListOpenIssuesAsync(id, Ct);
        Log(string.Join("\n", issues.Select(i => $"{i.Reference}: {i.Message}")));
        var issue = Assert.Single(issues);
        Assert.Contains("1010", issue.Reference + issue.Message, StringComparison.Ordinal);
        Assert.Contains("orders.csv line", issue.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(rig, realm, "WEB-1010"));
        var numbers = (await DocumentsAsync(rig, realm)).Select(d => (string)d["DocNumber"]!).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.Contains("WEB-1011", numbers);
        Assert.Contains("WEB-1040", numbers);

        await rig.State.Uploads.SaveAsync(id, CsvUploads.OrdersFile, System.Text.Encoding.UTF8.GetBytes(DemoOrders), Ct);
        var fixedRun = await SliceAsync(worker, id, 5, 40, allowAttention: true);
        Log($"after the fix: {Describe(fixedRun)}");
        await SettleAsync(worker, id, 5);
        await ControlAsync(rig, homes, "9131600000000052", DemoOrders);

        Assert.Empty(await rig.State.Runs.ListOpenIssuesAsync(id, Ct));
        Assert.Equal(1, await CountAsync(rig, realm, "WEB-1010"));
        await AssertSameBooksAsync(rig, realm, "9131600000000052");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(2)]
    public async Task Slices_of_one_order_over_an_uploaded_export_with_five_orders_in_one_second_post_each_once(int? window)
    {
        // Slices of one order (and windows of two, or the default): five more orders placed in #1020's very second straddle every
        // slice and window boundary. Expected: the sync ends, each order once, as the control.
        await using var rig = await HostedRig.CreateAsync();
        using var homes = new TemporaryHomes();
        var second = OrdersExportText.Parse(DemoOrders);
        var created = second.Field("#1020", "Created at");
        for (var i = 1; i <= 5; i++)
        {
            second.Clone("#1019", $"#30{i:00}", $"62077700000{i:00}", created);
        }

        var text = second.ToString();
        var realm = window is null ? "9131600000000061" : "9131600000000063";
        var id = await UploadAsync(rig, homes, "slice-one", realm, text);
        var worker = Worker(rig, new UploadedCsvFiles(rig.State.Uploads, Path.Combine(homes.New("worker"), "uploads")), window);

        var first = await SliceAsync(worker, id, 1, 120);
        Log($"first sync ({first.Count} slices): {Describe(first)}");
        Assert.All(first, r => Assert.InRange(r.Run!.Counts.GetValueOrDefault("orders.posted"), 0, 1));
        await SettleAsync(worker, id, 1);
        var control = await ControlAsync(rig, homes, realm[..^1] + (char)(realm[^1] + 1), text);

        Assert.Equal(control.Counts.GetValueOrDefault("orders.posted"), Posted(first));
        for (var i = 1; i <= 5; i++)
        {
            Assert.Equal(1, await CountAsync(rig, realm, $"WEB-30{i:00}"));
        }

        await AssertSameBooksAsync(rig, realm, realm[..^1] + (char)(realm[^1] + 1));
    }

    [Fact]
    public async Task Slices_of_an_uploaded_export_cut_by_time_before_their_first_order_still_end()
    {
        // Slices of one millisecond over an uploaded export read in windows of 3: each slice must move the pass on, so the sync
        // ends with every order once, as the control.
        await using var rig = await HostedRig.CreateAsync();
        using var homes = new TemporaryHomes();
        const string realm = "9131600000000071";
        var id = await UploadAsync(rig, homes, "time-slices", realm, DemoOrders);
        var worker = Worker(rig, new UploadedCsvFiles(rig.State.Uploads, Path.Combine(homes.New("worker"), "uploads")), window: 3);

        var first = await SliceAsync(worker, id, 1000, 120, duration: TimeSpan.FromMilliseconds(1));
        Log($"first sync ({first.Count} slices): {Describe(first)}");
        var control = await ControlAsync(rig, homes, "9131600000000072", DemoOrders);

        Assert.Equal(control.Counts.GetValueOrDefault("orders.posted"), Posted(first));
        await AssertSameBooksAsync(rig, realm, "9131600000000072");
    }

    [Fact]
    public async Task An_uploaded_export_with_payouts_synced_in_slices_deposits_each_payout_once_as_the_control()
    {
        // README: "Payouts and per-order fees are booked by the slice that reaches the end of the orders." The demo's export with
        // its payment transactions, uploaded and synced in slices of 5 by a worker that never saw the files: the company ends with
        // the control's deposits, each once and to the cent, and a sync afterwards deposits nothing more.
        await using var rig = await HostedRig.CreateAsync();
        using var homes = new TemporaryHomes();
        var settings = DemoStore with
        {
            Payouts = new Core.Payouts.PayoutSettings { Enabled = true, BankAccount = "Checking", FeesAccount = "Bank Charges", AdjustmentsAccount = "Uncategorized Expense" },
        };

        async Task<Guid> WithPayoutsAsync(string name, string realm)
        {
            rig.Emulator.Qbo.Companies.Create(QboCompanySettings.DefaultCanada with { RealmId = realm });
            var web = new CsvUploads(Path.Combine(homes.New("web-" + name), "uploads"), 50 * 1024 * 1024);
            var id = Guid.NewGuid();
            var (productsPath, ordersPath, payoutsPath) = await web.SaveAsync(id,
                Upload("products.csv", await File.ReadAllBytesAsync(RepositoryFiles.Path("demo/products.csv"), Ct)),
                Upload("orders.csv", await File.ReadAllBytesAsync(RepositoryFiles.Path("demo/orders.csv"), Ct)),
                Upload("payouts.csv", await File.ReadAllBytesAsync(RepositoryFiles.Path("demo/payouts.csv"), Ct)), Ct);
            var connection = await rig.AddConnectedAsync(name, realm, CsvSource.SourceKind,
                new() { [CsvSource.ProductsPathSetting] = productsPath, [CsvSource.OrdersPathSetting] = ordersPath, [CsvSource.PayoutsPathSetting] = payoutsPath }, "", id: id);
            await rig.State.Connections.UpdateAsync(connection with { Settings = settings.ToJson() }, Ct);
            await web.PublishAsync(rig.State.Uploads, id, Ct);
            web.Forget(id);
            return id;
        }

        var sliced = await WithPayoutsAsync("payouts-sliced", "9131600000000081");
        var control = await WithPayoutsAsync("payouts-control", "9131600000000082");
        var worker = Worker(rig, new UploadedCsvFiles(rig.State.Uploads, Path.Combine(homes.New("worker"), "uploads")));

        var first = await SliceAsync(worker, sliced, 5, 40, allowAttention: true);
        Log($"first sync: {Describe(first)}");
        await SliceAsync(worker, sliced, 5, 40, allowAttention: true);
        var whole = await worker.RunAsync(control, "schedule", new SyncSlice(100_000, TimeSpan.FromHours(1)), Ct);
        Log($"control: {whole.Run!.Outcome} {string.Join(", ", whole.Run.Counts.Select(c => $"{c.Key}={c.Value}"))}");

        using var books = new QboBooks(rig.Emulator, "9131600000000081");
        using var controlBooks = new QboBooks(rig.Emulator, "9131600000000082");
        var deposits = (await books.AllAsync("Deposit", Ct)).Select(d => $"{d["TxnDate"]} {d["TotalAmt"]}").Order().ToList();
        var controlDeposits = (await controlBooks.AllAsync("Deposit", Ct)).Select(d => $"{d["TxnDate"]} {d["TotalAmt"]}").Order().ToList();
        Log($"deposits: {string.Join("; ", deposits)} | control: {string.Join("; ", controlDeposits)}");
        Assert.NotEmpty(controlDeposits);
        Assert.Equal(controlDeposits, deposits);
        await AssertSameBooksAsync(rig, "9131600000000081", "9131600000000082");
    }
}
