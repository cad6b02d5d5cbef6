namespace StoreBooks.Emulators.Qbo.OAuth;

/// <summary>What the gate learned about the bearer token of one <c>/v3</c> call.</summary>
public enum TokenCheckOutcome
{
    /// <summary>Known, unexpired, not revoked and issued for the realm in the path.</summary>
    Valid,

    /// <summary>No <c>Authorization: Bearer …</c> header.</summary>
    Missing,

    /// <summary>A token this emulator never issued (or one it forgot with its state).</summary>
    Unknown,

    /// <summary>Older than the access-token lifetime.</summary>
    Expired,

    /// <summary>Revoked through the revoke endpoint.</summary>
    Revoked,

    /// <summary>Valid, but issued for another realm than the one in the path.</summary>
    WrongRealm,
}

/// <summary>The outcome of checking an access token, with the app and realm it belongs to when known.</summary>
public sealed record TokenCheck(TokenCheckOutcome Outcome, string? ClientId = null, string? RealmId = null);
