using System.Collections.Concurrent;
using System.Globalization;
using StoreBooks.Core.Messages;
using StoreBooks.Core.Products;
using StoreBooks.Core.Sales;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.PaymentMethods;

namespace StoreBooks.Sync.Sales;

/// <summary>Where one gateway's money goes: the QuickBooks payment method and the deposit account.</summary>
public sealed record PaymentRoute(Ref Method, Ref DepositAccount);

/// <summary>
/// Maps each store gateway ("shopify_payments", "paypal", "manual") to a QuickBooks payment method (the one named in the
/// settings, else one named after the gateway, created once when missing) and a deposit account of type Bank or Other Current
/// Asset (the gateway's clearing account from the settings, else the default, else Undeposited Funds).
/// </summary>
public sealed class PaymentRouting
{
    private readonly SyncContext _context;
    private readonly LinkedWrite _writes;
    private readonly ConcurrentDictionary<string, Lazy<Task<(PaymentRoute? Route, SyncMessage? Problem)>>> _routes = new(StringComparer.OrdinalIgnoreCase);
    private Lazy<Task<IReadOnlyList<PaymentMethod>>> _methods;

    /// <summary>The account types QuickBooks deposits a payment into.</summary>
    public static IReadOnlyList<string> DepositAccountTypes { get; } = ["Bank", "Other Current Asset"];

    public PaymentRouting(SyncContext context, LinkedWrite writes)
    {
        _context = context;
        _writes = writes;
        _methods = new(() => LoadMethodsAsync(context.Qbo));
    }

    public async Task<(PaymentRoute? Route, SyncMessage? Problem)> ForAsync(string gateway, CancellationToken cancellationToken)
    {
        var key = gateway.Trim();
        var route = _routes.GetOrAdd(key, g => new(() => ResolveAsync(g, cancellationToken)));
        try
        {
            return await route.Value.ConfigureAwait(false);
        }
        catch
        {
            // A failure (QuickBooks unreachable a moment) is not remembered: the next order asks again.
            _routes.TryRemove(new KeyValuePair<string, Lazy<Task<(PaymentRoute? Route, SyncMessage? Problem)>>>(key, route));
            throw;
        }
    }

    /// <summary>"shopify_payments" → "Shopify Payments", at most 31 characters (QuickBooks' limit).</summary>
    public static string MethodName(string gateway)
    {
        var words = gateway.Replace('_', ' ').Replace('-', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(w.ToLowerInvariant()));
        var name = ItemNames.Clean(string.Join(' ', words));
        return name.Length == 0 ? "Store payment" : name.Length <= 31 ? name : name[..31].TrimEnd();
    }

    private async Task<(PaymentRoute? Route, SyncMessage? Problem)> ResolveAsync(string gateway, CancellationToken cancellationToken)
    {
        var settings = _context.Settings.Sales;
        var mapping = settings.Payments.FirstOrDefault(p => string.Equals(p.Key, gateway, StringComparison.OrdinalIgnoreCase)).Value ?? new PaymentMapping();
        var company = await _context.CompanyAsync(cancellationToken).ConfigureAwait(false);
        var accountChoice = mapping.DepositAccount ?? settings.DefaultDepositAccount;
        var deposit = accountChoice is null
            ? company.Accounts.FirstOrDefault(a => a.Active != false && a.AccountSubType == "UndepositedFunds")
            : company.FindAccount(accountChoice);
        if (deposit?.Id is null)
        {
            return (null, accountChoice is null
                ? SalesMessages.NoUndepositedFunds.With()
                : SalesMessages.DepositAccountMissing.With(("account", accountChoice), ("gateway", gateway)));
        }

        if (!DepositAccountTypes.Contains(deposit.AccountType ?? "", StringComparer.Ordinal))
        {
            return (null, SalesMessages.DepositAccountType.With(("account", deposit.Name ?? ""), ("id", deposit.Id), ("gateway", gateway), ("type", deposit.AccountType ?? "")));
        }

        var method = await MethodAsync(mapping.Method ?? MethodName(gateway), gateway, cancellationToken).ConfigureAwait(false);
        return (new PaymentRoute(method, Ref.To(deposit.Id, deposit.Name)), null);
    }

    /// <summary>QuickBooks' payment methods, read once a run; a failed read is not remembered.</summary>
    private async Task<IReadOnlyList<PaymentMethod>> MethodsAsync()
    {
        var methods = _methods;
        try
        {
            return await methods.Value.ConfigureAwait(false);
        }
        catch
        {
            Interlocked.CompareExchange(ref _methods, new(() => LoadMethodsAsync(_context.Qbo)), methods);
            throw;
        }
    }

    private async Task<Ref> MethodAsync(string name, string gateway, CancellationToken cancellationToken)
    {
        var existing = (await MethodsAsync().ConfigureAwait(false)).FirstOrDefault(m => m.Id == name || MatchKeys.Same(m.Name, name));
        if (existing?.Id is { } id)
        {
            return Ref.To(id, existing.Name);
        }

        var card = gateway.Contains("card", StringComparison.OrdinalIgnoreCase) || gateway.Contains("stripe", StringComparison.OrdinalIgnoreCase)
            || gateway.Contains("shopify_payments", StringComparison.OrdinalIgnoreCase);
        var created = await _writes.EnsureAsync(LinkKind.PaymentMethod, gateway.ToLowerInvariant(), async (requestId, ct) =>
        {
            var method = await _context.Qbo.PaymentMethods.CreateAsync(
                new PaymentMethod { Name = name, Type = card ? "CREDIT_CARD" : "NON_CREDIT_CARD" },
                QboRequestOptions.WithRequestId(requestId), ct).ConfigureAwait(false);
            return (method.Id!, method.SyncToken);
        }, cancellationToken).ConfigureAwait(false);
        return Ref.To(created, name);
    }

    private static async Task<IReadOnlyList<PaymentMethod>> LoadMethodsAsync(QboClient qbo) =>
        await qbo.PaymentMethods.QueryAsync(qbo.PaymentMethods.Where()).ToListAsync().ConfigureAwait(false);
}
