namespace StoreBooks.Emulators.Qbo.Api.Query;

internal enum TokenKind
{
    Identifier,
    String,
    Number,
    Symbol,
    End,
}

/// <summary>One token of a QBO query; <see cref="Column"/> is 1-based, as QBO's parser reports it.</summary>
internal sealed record QueryToken(TokenKind Kind, string Text, int Column)
{
    public bool IsKeyword(string keyword) => Kind == TokenKind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(string symbol) => Kind == TokenKind.Symbol && Text == symbol;

    public string Display => Kind switch
    {
        TokenKind.End => "<EOF>",
        TokenKind.String => "'" + Text + "'",
        _ => Text,
    };
}
