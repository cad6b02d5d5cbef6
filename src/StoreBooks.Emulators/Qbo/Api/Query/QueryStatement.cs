namespace StoreBooks.Emulators.Qbo.Api.Query;

internal enum QueryOperator
{
    Equal,
    Less,
    Greater,
    LessOrEqual,
    GreaterOrEqual,
    In,
    Like,
}

internal enum QueryValueKind
{
    String,
    Number,
    Boolean,
    Bare,
}

/// <summary>A literal in a condition: <c>'text'</c>, <c>12.5</c>, <c>true</c>, or an unquoted word.</summary>
internal sealed record QueryValue(string Text, QueryValueKind Kind);

/// <summary><c>Property op value</c>; IN carries several values.</summary>
internal sealed record QueryCondition(string Property, QueryOperator Operator, IReadOnlyList<QueryValue> Values);

internal sealed record QueryOrder(string Property, bool Descending);

/// <summary>
/// <c>SELECT * | count(*) FROM Entity [WHERE c AND …] [ORDERBY p [ASC|DESC], …] [STARTPOSITION n] [MAXRESULTS n]</c>.
/// </summary>
internal sealed record QueryStatement(
    string Entity,
    bool IsCount,
    IReadOnlyList<QueryCondition> Where,
    IReadOnlyList<QueryOrder> OrderBy,
    int? StartPosition,
    int? MaxResults);
