using System.Collections.Concurrent;
using System.Globalization;

namespace StoreBooks.Emulators.Tests.Fuzz;

/// <summary>
/// Sends generated requests over loopback and collects every answer of 500 or more (or a dropped connection) with the request
/// that caused it. Request <c>i</c> is drawn from <c>new Random(seed + i)</c>, so a seed and an index repeat one request exactly.
/// </summary>
public static class FuzzRunner
{
    /// <summary>The seed in force: <c>STOREBOOKS_FUZZ_SEED</c> when set, else a fixed one so runs repeat.</summary>
    public static int Seed { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("STOREBOOKS_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : 20260302;

    public static async Task<IReadOnlyList<string>> RunAsync(
        HttpClient http, Uri baseUrl, int count, Func<Random, FuzzRequest> next, CancellationToken cancellationToken, int parallel = 4)
    {
        var failures = new ConcurrentBag<(int Index, string Text)>();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var request = next(new Random(unchecked(Seed + i)));
            using var message = request.ToMessage(baseUrl);
            try
            {
                using var response = await http.SendAsync(message, ct);
                if ((int)response.StatusCode >= 500)
                {
                    var body = await response.Content.ReadAsStringAsync(ct);
                    var cause = response.Headers.TryGetValues("X-StoreBooks-Emulator-Error", out var values) ? " (" + string.Join(" ", values) + ")" : "";
                    failures.Add((i, $"#{i}: {(int)response.StatusCode}{cause} for {request}\n    answer: {(body.Length > 400 ? body[..400] : body)}"));
                }
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                failures.Add((i, $"#{i}: no answer within {http.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s for {request}"));
            }
            catch (HttpRequestException e)
            {
                failures.Add((i, $"#{i}: no answer ({e.Message}) for {request}"));
            }
        });
        return [.. failures.OrderBy(f => f.Index).Select(f => f.Text)];
    }

    public static string Report(string api, int count, IReadOnlyList<string> failures) =>
        $"{api}: {failures.Count} of {count} malformed requests were answered 5xx (seed {Seed}; set STOREBOOKS_FUZZ_SEED={Seed} to repeat):\n"
        + string.Join("\n", failures.Take(40));
}
