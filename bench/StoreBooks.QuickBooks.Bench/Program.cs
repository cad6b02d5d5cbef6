using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Bench;
using StoreBooks.QuickBooks.Http;
using StoreBooks.QuickBooks.OAuth;

// storebooks QBO client benchmark.
//   overhead:   sequential GET companyinfo against the emulator with no added latency and no limits,
//               StoreBooks' client vs a raw HttpClient in the same run.
//   throughput: many callers against one realm with 150 ms added latency under a 500-per-minute ceiling.
//               By default the window is scaled to 50 requests per 6 s (the same 500/min ceiling) and run for
//               60 s, so ten windows are seen; --full-window uses 500 per 60 s (run it for several minutes).
var options = BenchOptions.Parse(args);
var invariant = CultureInfo.InvariantCulture;

await using (var server = await EmulatorServer.StartAsync(new EmulatorOptions
{
    Port = 0,
    Qbo = new() { Limits = new QboLimits { RequestsPerWindow = 0, MaxInFlight = 0, BatchesPerWindow = 0, BatchesPerWindowPerApp = 0 } },
}))
{
    var realm = server.Qbo.Companies.DefaultRealmId;
    await using var rig = await BenchRig.CreateAsync(server, realm, new QboLimitsOptions { RequestsPerWindow = 1_000_000, MaxInFlight = 64 });
    using var raw = new HttpClient { BaseAddress = server.BaseUrl };
    raw.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", rig.AccessToken);
    raw.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    var path = $"v3/company/{realm}/companyinfo/{realm}?minorversion=75";
    using var client = rig.CreateClient();

    async Task RawCall()
    {
        using var response = await raw.GetAsync(path);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }

    async Task ClientCall() => _ = await client.GetCompanyInfoAsync();

    // The same GET through the client's handler chain (retry, token, limits, logging) without reading the JSON into types.
    using var pipeline = new HttpClient(QboHttpPipeline.Create(rig.Keeper, rig.Limits, new QboRetryOptions(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, TimeProvider.System)) { BaseAddress = server.BaseUrl };
    async Task PipelineCall()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Options.Set(QboCall.Key, new QboCall(realm, "CompanyInfo", "read", true, null));
        using var response = await pipeline.SendAsync(request);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }

    for (var i = 0; i < 300; i++)
    {
        await RawCall();
        await PipelineCall();
        await ClientCall();
    }

    Console.WriteLine($"Overhead per call: {options.OverheadCalls} sequential GET companyinfo, no added latency, emulator limits off");
    var rawSamples = new List<double>();
    var pipelineSamples = new List<double>();
    var clientSamples = new List<double>();
    for (var round = 0; round < 5; round++)
    {
        rawSamples.AddRange(await Measure.Sequential(options.OverheadCalls / 5, RawCall));
        pipelineSamples.AddRange(await Measure.Sequential(options.OverheadCalls / 5, PipelineCall));
        clientSamples.AddRange(await Measure.Sequential(options.OverheadCalls / 5, ClientCall));
    }

    Measure.Print("raw HttpClient", rawSamples);
    Measure.Print("handler chain", pipelineSamples);
    Measure.Print("QboClient", clientSamples);
    Console.WriteLine(string.Create(invariant, $"  overhead: mean {clientSamples.Average() - rawSamples.Average():F1} µs, median {Measure.Percentile(clientSamples, 50) - Measure.Percentile(rawSamples, 50):F1} µs per call"));
}

var window = options.FullWindow ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(6);
var perWindow = options.FullWindow ? 500 : 50;
await using (var server = await EmulatorServer.StartAsync(new EmulatorOptions
{
    Port = 0,
    Qbo = new() { Limits = new QboLimits { RequestsPerWindow = perWindow, Window = window, MaxInFlight = 10 } },
}))
{
    var realm = server.Qbo.Companies.DefaultRealmId;
    using (var admin = new HttpClient { BaseAddress = server.BaseUrl })
    {
        (await admin.PutAsJsonAsync($"emulator/qbo/{realm}/faults", new { latencyMs = 150 })).EnsureSuccessStatusCode();
    }

    // The safety margin scales with the window (1 s on QBO's 60 s).
    await using var rig = await BenchRig.CreateAsync(server, realm, new QboLimitsOptions { RequestsPerWindow = perWindow, Window = window, MaxInFlight = 10, SafetyMargin = window / 60 });
    using var client = rig.CreateClient();
    var duration = TimeSpan.FromSeconds(options.ThroughputSeconds);
    Console.WriteLine();
    Console.WriteLine(string.Create(invariant, $"Throughput to one realm: 150 ms added latency, ceiling {perWindow} per {window.TotalSeconds:F0} s (= 500/min), client limits the same, {options.Callers} callers, {duration.TotalSeconds:F0} s"));
    var completions = new List<double>();
    var gate = new object();
    var started = Stopwatch.StartNew();
    var failures = 0;
    async Task Caller()
    {
        while (started.Elapsed < duration)
        {
            try
            {
                _ = await client.GetCompanyInfoAsync();
                lock (gate)
                {
                    completions.Add(started.Elapsed.TotalSeconds);
                }
            }
            catch (Exception)
            {
                Interlocked.Increment(ref failures);
            }
        }
    }

    await Task.WhenAll(Enumerable.Range(0, options.Callers).Select(_ => Caller()));
    var elapsed = started.Elapsed.TotalSeconds;
    using var counters = new HttpClient { BaseAddress = server.BaseUrl };
    var traffic = await counters.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"emulator/qbo/{realm}/counters");
    // The limiter lets each window's budget out as a burst, so the sustained rate is measured from the cycle: the time
    // from the first completion to the first completion of the k-th following budget, over k.
    var sorted = completions.Order().ToList();
    var cycles = (sorted.Count - 1) / perWindow;
    var cycleSeconds = cycles < 1 ? double.NaN : (sorted[cycles * perWindow] - sorted[0]) / cycles;
    var sustained = perWindow * 60 / cycleSeconds;
    Console.WriteLine(string.Create(invariant, $"  completed {completions.Count} calls in {elapsed:F1} s"));
    Console.WriteLine(string.Create(invariant, $"  budget cycle {cycleSeconds:F2} s over {cycles} cycles (window {window.TotalSeconds:F0} s): sustained {sustained:F0} per minute ({sustained / 500 * 100:F1} % of the 500/min ceiling)"));
    Console.WriteLine(string.Create(invariant, $"  busiest sliding window seen: {Measure.BusiestWindow(completions, window.TotalSeconds)} completions in any {window.TotalSeconds:F0} s"));
    Console.WriteLine($"  emulator: {traffic!["served"]} served, {traffic["throttled"]} throttled (429); client failures: {failures}");
}
