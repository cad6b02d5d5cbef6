using System.Text;
using StoreBooks.Emulators.Qbo.Api.Faults;

namespace StoreBooks.Emulators.Qbo.Api.Query;

/// <summary>
/// Splits a query into tokens: identifiers (dotted paths such as <c>MetaData.LastUpdatedTime</c> stay one token),
/// single-quoted strings with backslash escapes (<c>'Amy\'s Bird Sanctuary'</c>), numbers, and the symbols
/// <c>( ) , * = &lt; &gt; &lt;= &gt;=</c>.
/// </summary>
internal static class QueryTokenizer
{
    public static IReadOnlyList<QueryToken> Tokenize(string query)
    {
        var tokens = new List<QueryToken>();
        var i = 0;
        while (i < query.Length)
        {
            var c = query[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var column = i + 1;
            if (c == '\'')
            {
                var text = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= query.Length)
                    {
                        throw Fault.QueryParse($"Lexical error at line 1, column {query.Length + 1}. Encountered: <EOF> after : \"'{text}\" (a string starting at column {column} is not closed with ')");
                    }

                    var ch = query[i];
                    if (ch == '\\' && i + 1 < query.Length)
                    {
                        text.Append(query[i + 1]);
                        i += 2;
                        continue;
                    }

                    if (ch == '\'')
                    {
                        i++;
                        break;
                    }

                    text.Append(ch);
                    i++;
                }

                tokens.Add(new QueryToken(TokenKind.String, text.ToString(), column));
                continue;
            }

            if (char.IsDigit(c) || (c == '-' && i + 1 < query.Length && char.IsDigit(query[i + 1])))
            {
                var start = i++;
                while (i < query.Length && (char.IsDigit(query[i]) || query[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new QueryToken(TokenKind.Number, query[start..i], column));
                continue;
            }

            if (char.IsLetter(c) || c == '_')
            {
                var start = i++;
                while (i < query.Length && (char.IsLetterOrDigit(query[i]) || query[i] is '_' or '.'))
                {
                    i++;
                }

                tokens.Add(new QueryToken(TokenKind.Identifier, query[start..i], column));
                continue;
            }

            if ((c is '<' or '>') && i + 1 < query.Length && query[i + 1] == '=')
            {
                tokens.Add(new QueryToken(TokenKind.Symbol, query.Substring(i, 2), column));
                i += 2;
                continue;
            }

            if (c is '(' or ')' or ',' or '*' or '=' or '<' or '>')
            {
                tokens.Add(new QueryToken(TokenKind.Symbol, c.ToString(), column));
                i++;
                continue;
            }

            throw Fault.QueryParse($"Lexical error at line 1, column {column}. Encountered: \"{c}\" after : \"\"");
        }

        tokens.Add(new QueryToken(TokenKind.End, "", query.Length + 1));
        return tokens;
    }
}
