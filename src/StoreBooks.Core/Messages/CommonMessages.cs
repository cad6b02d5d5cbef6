namespace StoreBooks.Core.Messages;

/// <summary>Messages that hold other messages.</summary>
public static class CommonMessages
{
    /// <summary>Several problems of one record, one after another.</summary>
    public static readonly MessageTemplate Joined = new("joined", "{parts}");

    /// <summary>A problem of a record, after the record's name: "order #1043: ...".</summary>
    public static readonly MessageTemplate About = new("about", "{what}: {problem}");
}
