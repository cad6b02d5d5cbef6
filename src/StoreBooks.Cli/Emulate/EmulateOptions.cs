using System.CommandLine;
using System.Globalization;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.Emulators.Qbo.Webhooks;

namespace StoreBooks.Cli.Emulate;

/// <summary>The options of <c>storebooks emulate</c> and how they become <see cref="EmulatorOptions"/>.</summary>
internal sealed class EmulateOptions
{
    public Option<int> Port { get; } = new("--port") { Description = "Port on 127.0.0.1 to listen on (0 picks a free one).", DefaultValueFactory = _ => 5055 };

    public Option<bool> Quiet { get; } = new("--quiet") { Description = "Do not log each request." };

    public Option<FileInfo?> Data { get; } = new("--data") { Description = "JSON file that keeps companies (settings and entities) and OAuth tokens across restarts: loaded at start, saved after changes and at exit. A company in the file replaces the one with the same realm id from the options.", HelpName = "FILE" };

    public Option<string> Country { get; } = new("--country") { Description = "Country of the default company: US (automated sales tax) or another ISO code such as CA (tax codes with rates).", DefaultValueFactory = _ => "US", HelpName = "CODE" };

    public Option<string?> Currency { get; } = new("--currency") { Description = "Home currency of the default company (defaults by country: USD, CAD, GBP, AUD, else USD).", HelpName = "ISO" };

    public Option<string?> CompanyName { get; } = new("--company-name") { Description = "Name of the default company.", HelpName = "NAME" };

    public Option<string?> RealmId { get; } = new("--realm-id") { Description = "Realm id of the default company (default 9130350000000001).", HelpName = "ID" };

    public Option<bool> NoInventory { get; } = new("--no-inventory") { Description = "Turn off quantity-on-hand tracking in the default company: Inventory items are refused." };

    public Option<bool> NoCustomTxnNumbers { get; } = new("--no-custom-txn-numbers") { Description = "Turn off custom transaction numbers in the default company: QBO numbers documents itself." };

    public Option<bool> MultiCurrency { get; } = new("--multicurrency") { Description = "Turn on multicurrency in the default company." };

    public Option<string[]> AddRealm { get; } = new("--add-realm") { Description = "Add another company with a country's defaults (repeatable), e.g. --add-realm CA.", HelpName = "COUNTRY", AllowMultipleArgumentsPerToken = false };

    public Option<string> ClientId { get; } = new("--client-id") { Description = "The OAuth app's client id.", HelpName = "ID", DefaultValueFactory = _ => "demo-client" };

    public Option<string> ClientSecret { get; } = new("--client-secret") { Description = "The OAuth app's client secret.", HelpName = "SECRET", DefaultValueFactory = _ => "demo-secret" };

    public Option<int> TokenLifetime { get; } = new("--token-lifetime") { Description = "Access-token lifetime in seconds (QBO: 3600).", DefaultValueFactory = _ => 3600, HelpName = "SECONDS" };

    public Option<string?> WebhookUrl { get; } = new("--webhook-url") { Description = "POST signed change notifications to this URL.", HelpName = "URL" };

    public Option<string> VerifierToken { get; } = new("--verifier-token") { Description = "Webhook verifier token: the key of the intuit-signature HMAC.", HelpName = "TOKEN", DefaultValueFactory = _ => "demo-verifier-token" };

    public Option<string> WebhookFormat { get; } = new("--webhook-format") { Description = "Notification shape: event-notifications (legacy) or cloud-events.", HelpName = "FORMAT", DefaultValueFactory = _ => "event-notifications" };

    public Option<int> LatencyMs { get; } = new("--latency-ms") { Description = "Add this many milliseconds to every /v3 call.", HelpName = "MS" };

    public Option<int> LatencyJitterMs { get; } = new("--latency-jitter-ms") { Description = "Add up to this many more milliseconds, drawn per call.", HelpName = "MS" };

    public Option<double> FailRate { get; } = new("--fail-rate") { Description = "Probability (0-1) that a /v3 call fails with QBO's SystemFault (code 10000).", HelpName = "P" };

    public Option<int> FailStatus { get; } = new("--fail-status") { Description = "HTTP status of injected failures: 500 or 503.", HelpName = "STATUS", DefaultValueFactory = _ => 500 };

    public Option<double> ThrottleRate { get; } = new("--throttle-rate") { Description = "Probability (0-1) that a /v3 call gets QBO's 429 ThrottleExceeded (code 3001).", HelpName = "P" };

    public Option<double> DropRate { get; } = new("--drop-rate") { Description = "Probability (0-1) that a /v3 call is served (writes kept) and the connection then cut before any reply.", HelpName = "P" };

    public Option<int?> Seed { get; } = new("--seed") { Description = "Seed of the fault draws, so a run faults the same calls again.", HelpName = "N" };

    public Option<int> RequestsPerMinute { get; } = new("--requests-per-minute") { Description = "Requests per minute per realm before 429 (QBO: 500; 0 turns it off).", HelpName = "N", DefaultValueFactory = _ => 500 };

    public Option<int> MaxInFlight { get; } = new("--max-in-flight") { Description = "Requests in flight per realm and app before 429 (QBO: 10; 0 turns it off).", HelpName = "N", DefaultValueFactory = _ => 10 };

    public Option<bool> NoRetryAfter { get; } = new("--no-retry-after") { Description = "Send 429s without a Retry-After header (QBO documents none)." };

    public IEnumerable<Option> All =>
    [
        Port, Quiet, Data, Country, Currency, CompanyName, RealmId, NoInventory, NoCustomTxnNumbers, MultiCurrency, AddRealm,
        ClientId, ClientSecret, TokenLifetime, WebhookUrl, VerifierToken, WebhookFormat,
        LatencyMs, LatencyJitterMs, FailRate, FailStatus, ThrottleRate, DropRate, Seed, RequestsPerMinute, MaxInFlight, NoRetryAfter,
    ];

    /// <summary>The emulator's options, or a message saying which option is wrong.</summary>
    public (EmulatorOptions? Options, string? Problem) Bind(ParseResult parse)
    {
        var country = parse.GetValue(Country)!.ToUpperInvariant();
        var main = new QboCompanySettings
        {
            RealmId = parse.GetValue(RealmId) ?? QboCompanySettings.DefaultUs.RealmId,
            CompanyName = parse.GetValue(CompanyName) ?? QboCompanySettings.DefaultUs.CompanyName,
            Country = country,
            HomeCurrency = (parse.GetValue(Currency) ?? CurrencyOf(country)).ToUpperInvariant(),
            TrackInventory = !parse.GetValue(NoInventory),
            CustomTxnNumbers = !parse.GetValue(NoCustomTxnNumbers),
            MultiCurrency = parse.GetValue(MultiCurrency),
        };
        var realms = new List<QboCompanySettings> { main };
        foreach (var extra in parse.GetValue(AddRealm) ?? [])
        {
            var code = extra.ToUpperInvariant();
            var id = (long.Parse(realms[^1].RealmId, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
            realms.Add(new QboCompanySettings { RealmId = id, CompanyName = $"StoreBooks Demo {code}", Country = code, HomeCurrency = CurrencyOf(code) });
        }

        var faults = new QboFaultSettings
        {
            LatencyMs = parse.GetValue(LatencyMs),
            LatencyJitterMs = parse.GetValue(LatencyJitterMs),
            FailRate = parse.GetValue(FailRate),
            FailStatus = parse.GetValue(FailStatus),
            ThrottleRate = parse.GetValue(ThrottleRate),
            DropRate = parse.GetValue(DropRate),
            Seed = parse.GetValue(Seed),
        };
        if (faults.Problem() is { } faultProblem)
        {
            return (null, "Fault options: " + faultProblem.Replace("failRate", "--fail-rate", StringComparison.Ordinal).Replace("throttleRate", "--throttle-rate", StringComparison.Ordinal).Replace("dropRate", "--drop-rate", StringComparison.Ordinal).Replace("failStatus", "--fail-status", StringComparison.Ordinal));
        }

        if (parse.GetValue(TokenLifetime) <= 0)
        {
            return (null, "--token-lifetime must be a positive number of seconds.");
        }

        var format = parse.GetValue(WebhookFormat) switch
        {
            "event-notifications" => QboWebhookFormat.EventNotifications,
            "cloud-events" => (QboWebhookFormat?)QboWebhookFormat.CloudEvents,
            _ => null,
        };
        if (format is null)
        {
            return (null, $"--webhook-format must be event-notifications or cloud-events; got '{parse.GetValue(WebhookFormat)}'.");
        }

        Uri? webhookUrl = null;
        if (parse.GetValue(WebhookUrl) is { } hook
            && !(Uri.TryCreate(hook, UriKind.Absolute, out webhookUrl) && webhookUrl.Scheme is "http" or "https"))
        {
            return (null, $"--webhook-url must be an absolute http or https URL; got '{hook}'.");
        }

        return (new EmulatorOptions
        {
            Port = parse.GetValue(Port),
            LogRequests = !parse.GetValue(Quiet),
            Qbo = new QboEmulatorOptions
            {
                Realms = realms,
                ClientId = parse.GetValue(ClientId)!,
                ClientSecret = parse.GetValue(ClientSecret)!,
                AccessTokenLifetime = TimeSpan.FromSeconds(parse.GetValue(TokenLifetime)),
                WebhookUrl = webhookUrl,
                WebhookVerifierToken = parse.GetValue(VerifierToken)!,
                WebhookFormat = format.Value,
                DataFile = parse.GetValue(Data)?.FullName,
                Faults = faults,
                Limits = new QboLimits
                {
                    RequestsPerWindow = parse.GetValue(RequestsPerMinute),
                    MaxInFlight = parse.GetValue(MaxInFlight),
                    SendRetryAfter = !parse.GetValue(NoRetryAfter),
                },
            },
        }, null);
    }

    private static string CurrencyOf(string country) => country switch
    {
        "CA" => "CAD",
        "GB" or "UK" => "GBP",
        "AU" => "AUD",
        _ => "USD",
    };
}
