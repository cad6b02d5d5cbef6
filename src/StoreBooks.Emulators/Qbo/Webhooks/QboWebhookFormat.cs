namespace StoreBooks.Emulators.Qbo.Webhooks;

/// <summary>The payload shapes QBO has used for change notifications.</summary>
public enum QboWebhookFormat
{
    /// <summary><c>{"eventNotifications":[{"realmId":…,"dataChangeEvent":{"entities":[…]}}]}</c>, the long-documented shape.</summary>
    EventNotifications,

    /// <summary>A JSON array of CloudEvents 1.0 (<c>qbo.&lt;entity&gt;.&lt;created|updated|…&gt;.v1</c>), Intuit's newer shape.</summary>
    CloudEvents,
}
