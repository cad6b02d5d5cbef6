using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Shopify.Webhooks;

namespace StoreBooks.Soak;

/// <summary>serve's answers to the deliveries the load sends it directly (not the shop's own).</summary>
internal sealed class DirectCounts
{
    public int Sent;
    public int Unreachable;
    public int ReplaysSent;
    public int ReplaysDuplicate;
    public int ReplaysAccepted;
    public int ForgedSent;
    public int ForgedRefused;
    public int ForgedOther;
    public int OversizedSent;
    public int Oversized413;
    public int OversizedOther;
    public ConcurrentQueue<string> Surprises { get; } = new();
}

/// <summary>
/// The merchant's day, sped up, in four loops until the deadline: orders placed in the shop (its webhooks go to serve),
/// deliveries sent to serve directly (a real one replayed under a new event id, a forged one, an oversized one), fault windows,
/// and SIGKILL + restart of serve; a fifth samples serve's memory and open files.
/// </summary>
internal sealed class Load(SoakRig rig, ServeProcess serve)
{
    /// <summary>Event ids of the forged and oversized deliveries start so; none may reach the inbox.</summary>
    public const string ForgedPrefix = "soak-forged-";
    public const string OversizedPrefix = "soak-oversized-";

    private readonly SemaphoreSlim _restart = new(1, 1);
    private readonly HttpClient _emulator = new() { BaseAddress = rig.Emulator.BaseUrl };
    private readonly HttpClient _serve = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    /// <summary>Ids of the orders the load placed in the shop.</summary>
    public ConcurrentBag<string> Orders { get; } = [];

    public int OrderFailures;

    public DirectCounts Direct { get; } = new();

    public int FaultWindows { get; private set; }

    public async Task RunAsync(TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        await Task.WhenAll(
            Every(rig.Options.OrderEvery, PlaceOrderAsync, stop.Token),
            Every(rig.Options.DirectWebhooksEvery, SendDirectAsync, stop.Token),
            Every(rig.Options.FaultPeriod, FaultWindowAsync, stop.Token),
            rig.Options.Kills == 0 ? Task.CompletedTask : Every(rig.Options.KillEvery, KillAndRestartAsync, stop.Token),
            Every(rig.Options.SampleEvery, SampleAsync, stop.Token));
        rig.FaultsOff();
    }

    private static async Task Every(TimeSpan period, Func<int, Task> act, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            for (var tick = 1; await timer.WaitForNextTickAsync(stop); tick++)
            {
                await act(tick);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task PlaceOrderAsync(int tick)
    {
        var order = (JsonObject)rig.Templates[tick % rig.Templates.Count].DeepClone();
        order["name"] = "#S" + tick.ToString(CultureInfo.InvariantCulture);
        try
        {
            using var placed = await _emulator.PostAsJsonAsync("emulator/shopify/orders", order);
            placed.EnsureSuccessStatusCode();
            var id = (await placed.Content.ReadFromJsonAsync<JsonObject>())!["order"]!["id"]!.GetValue<long>();
            Orders.Add(id.ToString(CultureInfo.InvariantCulture));
        }
        catch (HttpRequestException e)
        {
            Interlocked.Increment(ref OrderFailures);
            Direct.Surprises.Enqueue($"placing order {order["name"]} in the shop failed: {e.Message}");
        }
    }

    /// <summary>A real orders/create delivery replayed under a new event id, a forged one, and a validly signed 3 MB one.</summary>
    private async Task SendDirectAsync(int tick)
    {
        var real = rig.Receiver.Received.LastOrDefault();
        if (real is not null)
        {
            var headers = real.Headers.Where(h => h.Key.StartsWith("X-Shopify-", StringComparison.OrdinalIgnoreCase) && !h.Key.Equals("X-Shopify-Event-Id", StringComparison.OrdinalIgnoreCase))
                .Append(new("X-Shopify-Event-Id", Guid.NewGuid().ToString()));
            var answer = await PostAsync(real.Body, headers);
            if (answer is not null)
            {
                Interlocked.Increment(ref Direct.ReplaysSent);
                if (answer.Value.Status == HttpStatusCode.OK && answer.Value.Text.Contains("duplicate", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref Direct.ReplaysDuplicate);
                }
                else
                {
                    Interlocked.Increment(ref Direct.ReplaysAccepted);
                    Direct.Surprises.Enqueue($"replay answered {(int)answer.Value.Status}: {answer.Value.Text.Trim()}");
                }
            }
        }

        // Forged: a new paid order's body signed with a key that is not the shop's.
        var forgedBody = Encoding.UTF8.GetBytes(
            $$"""{"id":{{9_000_000_000 + tick}},"name":"#F{{tick}}","financial_status":"paid","total_price":"999.00","currency":"USD","line_items":[]}""");
        var forged = await PostAsync(forgedBody, ShopHeaders(ForgedPrefix, ShopifyWebhookSender.Sign(forgedBody, "not-the-client-secret")));
        if (forged is not null)
        {
            Interlocked.Increment(ref Direct.ForgedSent);
            if (forged.Value.Status == HttpStatusCode.Unauthorized)
            {
                Interlocked.Increment(ref Direct.ForgedRefused);
            }
            else
            {
                Interlocked.Increment(ref Direct.ForgedOther);
                Direct.Surprises.Enqueue($"forged delivery answered {(int)forged.Value.Status}: {forged.Value.Text.Trim()}");
            }
        }

        // Oversized: validly signed, so only the size limit can refuse it.
        var big = new byte[rig.Options.OversizedBytes];
        Encoding.ASCII.GetBytes("{\"note\":\"").CopyTo(big, 0);
        big.AsSpan(9, big.Length - 11).Fill((byte)'x');
        Encoding.ASCII.GetBytes("\"}").CopyTo(big, big.Length - 2);
        var oversized = await PostAsync(big, ShopHeaders(OversizedPrefix, ShopifyWebhookSender.Sign(big, rig.Emulator.Shopify.Options.ClientSecret)));
        if (oversized is not null)
        {
            Interlocked.Increment(ref Direct.OversizedSent);
            if (oversized.Value.Status == HttpStatusCode.RequestEntityTooLarge)
            {
                Interlocked.Increment(ref Direct.Oversized413);
            }
            else
            {
                Interlocked.Increment(ref Direct.OversizedOther);
                Direct.Surprises.Enqueue($"oversized delivery answered {(int)oversized.Value.Status}: {oversized.Value.Text.Trim()}");
            }
        }
    }

    private IEnumerable<KeyValuePair<string, string>> ShopHeaders(string prefix, string signature) =>
    [
        new("X-Shopify-Topic", "orders/create"),
        new("X-Shopify-Hmac-Sha256", signature),
        new("X-Shopify-Shop-Domain", rig.Emulator.Shopify.Options.ShopDomain),
        new("X-Shopify-API-Version", "2025-07"),
        new("X-Shopify-Webhook-Id", Guid.NewGuid().ToString()),
        new("X-Shopify-Event-Id", prefix + Guid.NewGuid().ToString("N")),
    ];

    /// <summary>Posts to serve's Shopify address; null when serve is down (between a kill and its restart).</summary>
    private async Task<(HttpStatusCode Status, string Text)?> PostAsync(byte[] body, IEnumerable<KeyValuePair<string, string>> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, rig.ShopifyWebhookUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        Interlocked.Increment(ref Direct.Sent);
        try
        {
            using var response = await _serve.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Interlocked.Increment(ref Direct.Unreachable);
            return null;
        }
    }

    private async Task FaultWindowAsync(int tick)
    {
        FaultWindows++;
        rig.FaultsOn();
        await Task.Delay(rig.Options.FaultWindow);
        rig.FaultsOff();
    }

    private async Task KillAndRestartAsync(int tick)
    {
        await _restart.WaitAsync();
        try
        {
            await serve.KillAsync();
            await serve.StartAsync();
            Console.WriteLine($"  [{_clock.Elapsed:mm\\:ss}] serve killed and restarted ({serve.Kills} kills, {Orders.Count} orders, {FaultWindows} fault windows so far)");
        }
        finally
        {
            _restart.Release();
        }
    }

    /// <summary>Samples serve; if it has ended by itself (a crash, recorded), starts it again.</summary>
    private async Task SampleAsync(int tick)
    {
        await _restart.WaitAsync();
        try
        {
            serve.SampleNow();
            if (!serve.Up)
            {
                await serve.KillAsync();
                await serve.StartAsync();
            }
        }
        finally
        {
            _restart.Release();
        }
    }
}
