using Microsoft.Extensions.Time.Testing;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Testing;

namespace StoreBooks.Emulators.Tests.Qbo.Api.Support;

/// <summary>
/// An emulator on a fake clock whose tests each make their own realm (so they never see each other's entities):
/// a US company with automated sales tax by default, or Intuit's sandbox-like setup, or a Canadian one.
/// </summary>
public class QboApiFixture : EmulatorFixture
{
    private static long _nextRealm = 9_130_357_000_000_000;

    /// <summary>Monday 2026-03-02 09:00 in California.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 17, 0, 0, TimeSpan.Zero));

    /// <summary>The accounting API's switches; the strict fixture flips the [U] ones.</summary>
    protected virtual StoreBooks.Emulators.Qbo.Api.QboApiOptions ApiOptions => new();

    protected override EmulatorOptions CreateOptions() => new() { Port = 0, Time = Clock, Qbo = new QboEmulatorOptions { Api = ApiOptions } };

    public static string NewRealmId() => Interlocked.Increment(ref _nextRealm).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A new realm with these settings (its RealmId is replaced by a fresh one).</summary>
    public QboApi Realm(QboCompanySettings settings)
    {
        var realm = settings with { RealmId = NewRealmId() };
        Server.Qbo.Companies.Create(realm);
        return new QboApi(CreateQboHttpClient(realm.RealmId), realm.RealmId);
    }

    /// <summary>A fresh token for the same realm (after moving the clock past the old token's lifetime).</summary>
    public QboApi Reconnect(QboApi api) => new(CreateQboHttpClient(api.RealmId), api.RealmId);

    /// <summary>A new US company as QBO sets one up today (automated sales tax on).</summary>
    public QboApi Us(Func<QboCompanySettings, QboCompanySettings>? adjust = null) =>
        Realm((adjust ?? (s => s))(QboCompanySettings.DefaultUs));

    /// <summary>Like Intuit's sandbox companies the recordings come from: no automated sales tax, automatic DocNumbers, custom field "Crew #".</summary>
    public QboApi Sandbox(Func<QboCompanySettings, QboCompanySettings>? adjust = null) =>
        Realm((adjust ?? (s => s))(SandboxSettings));

    public QboApi Canada(Func<QboCompanySettings, QboCompanySettings>? adjust = null) =>
        Realm((adjust ?? (s => s))(QboCompanySettings.DefaultCanada));

    public static QboCompanySettings SandboxSettings { get; } = QboCompanySettings.DefaultUs with
    {
        AutomatedSalesTax = false,
        CustomTxnNumbers = false,
        AllowShipping = false,
        AllowDiscount = true,
        SalesCustomFields = ["Crew #"],
        UserName = "Christian Pelczarski",
    };
}

/// <summary>The same emulator with every switch for unverified QBO behaviour set the other way.</summary>
public sealed class StrictQboApiFixture : QboApiFixture
{
    protected override StoreBooks.Emulators.Qbo.Api.QboApiOptions ApiOptions => new()
    {
        StrictExpenseAccount = true,
        RequireNonInventoryIncomeAccount = false,
        AccountTypeFaultCode = "6430",
        RequestIdReuse = StoreBooks.Emulators.Qbo.Api.RequestIdReuse.Fault600,
        CdcLookBack = StoreBooks.Emulators.Qbo.Api.CdcLookBack.Reject,
        MaxBatchItems = 5,
        MaxRequestBodyBytes = 64 * 1024,
        RequestIdCapacity = 3,
    };
}
