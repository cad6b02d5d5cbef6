namespace StoreBooks.Core.Workspaces;

/// <summary>Thrown by <see cref="State.IUserStore"/> when a user is added with an email address another user has.</summary>
public sealed class EmailTakenException : InvalidOperationException
{
    public EmailTakenException(string email, Exception innerException)
        : base($"A user with the email {email} already exists. Reset that user's password instead (storebooks users reset-password {email}).", innerException)
    {
        Email = email;
    }

    public string Email { get; }
}
