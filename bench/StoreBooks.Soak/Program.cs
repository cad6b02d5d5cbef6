using StoreBooks.Soak;

// Soak of storebooks serve, as a merchant's server runs it: the built program serves a home connected to the in-process
// Shopify and QuickBooks emulators for --minutes (30) of steady orders, webhooks (duplicated by the shop, replayed, forged,
// oversized), fault windows, and SIGKILLs followed by restarts on the same home and port. At the end: every order placed has
// exactly one sales document, no forged or oversized delivery got into the inbox, and serve's memory and open files per lifetime.
// Exit code 0 only when exactly-once holds and no forged delivery was accepted.
var options = SoakOptions.Parse(args);
await using var rig = await SoakRig.StartAsync(options);
Console.WriteLine($"Home {rig.Home}; emulators on {rig.Emulator.BaseUrl}; serve on {rig.ServeUrl}");
await rig.ConnectAsync();
Console.WriteLine($"Connected and synced the demo shop once; {rig.Templates.Count} order models. Load for {options.Minutes:0.##} min…");

using var serve = new ServeProcess(rig);
await serve.StartAsync();
var load = new Load(rig, serve);
await load.RunAsync(options.Duration);

// Settle: faults are off; the shop delivers what it still holds, serve syncs; then serve stops and one sync catches the rest.
var clock = System.Diagnostics.Stopwatch.StartNew();
Console.WriteLine("Load stopped; letting serve settle…");
await rig.Emulator.Shopify.Webhooks.Dispatcher.WaitIdleAsync(TimeSpan.FromMinutes(2));
var settled = Checks.Books(rig, load.Orders);
for (var until = DateTime.UtcNow.AddMinutes(3); settled.Missing.Count > 0 && DateTime.UtcNow < until; settled = Checks.Books(rig, load.Orders))
{
    serve.SampleNow();
    await Task.Delay(5000);
}

var settleTime = clock.Elapsed;
await serve.KillAsync(count: false);
clock.Restart();
var sync = await rig.RunAsync("sync");
var syncTime = clock.Elapsed;
var final = Checks.Books(rig, load.Orders);
var inbox = await Checks.InboxAsync(rig);
var shopDeliveries = rig.Emulator.Shopify.Webhooks.Dispatcher.Attempts.Where(a => a.Address.StartsWith(rig.ServeUrl.AbsoluteUri, StringComparison.Ordinal)).ToList();

Console.WriteLine();
Figures.Print(options, load, serve, shopDeliveries, settled, final, inbox, (sync.ExitCode, syncTime), settleTime);
if (sync.ExitCode != 0)
{
    Console.WriteLine("The final storebooks sync said:\n" + sync);
}

var exactlyOnce = final.Missing.Count == 0 && final.Duplicated.Count == 0;
var noForged = inbox.ForgedRecorded == 0 && load.Direct.ForgedOther == 0;
Console.WriteLine();
Console.WriteLine($"Exactly once: {(exactlyOnce ? "yes" : "NO")}; no forged delivery accepted: {(noForged ? "yes" : "NO")}");
return exactlyOnce && noForged ? 0 : 1;
