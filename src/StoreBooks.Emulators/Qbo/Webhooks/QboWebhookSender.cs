using StoreBooks.Emulators.Qbo.Api;

namespace StoreBooks.Emulators.Qbo.Webhooks;

/// <summary>SKELETON: POSTs QBO's change notification, signed in <c>intuit-signature</c>, after each change.</summary>
public sealed class QboWebhookSender
{
    public QboWebhookSender(QboEmulatorOptions options, QboCompanies companies, TimeProvider time)
    {
        _ = options;
        _ = companies;
        _ = time;
    }
}
