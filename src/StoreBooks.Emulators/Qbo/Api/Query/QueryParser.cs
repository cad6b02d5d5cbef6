using System.Globalization;
using StoreBooks.Emulators.Qbo.Api.Faults;

namespace StoreBooks.Emulators.Qbo.Api.Query;

/// <summary>
/// Parses QBO's query language (reference §2.16). Keywords and entity names are case-insensitive; only AND joins
/// conditions (OR, GROUP BY and JOIN do not parse: fault 4000); STARTPOSITION and MAXRESULTS come in either order.
/// </summary>
internal sealed class QueryParser
{
    private readonly IReadOnlyList<QueryToken> _tokens;
    private int _at;

    private QueryParser(IReadOnlyList<QueryToken> tokens) => _tokens = tokens;

    private QueryToken Current => _tokens[_at];

    public static QueryStatement Parse(string query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            throw Fault.QueryParse("Encountered \"<EOF>\" at line 1, column 1. Was expecting: \"select\" (the query is empty)");
        }

        return new QueryParser(QueryTokenizer.Tokenize(query)).Statement();
    }

    private QueryStatement Statement()
    {
        Keyword("select");
        bool isCount;
        if (Current.IsSymbol("*"))
        {
            _at++;
            isCount = false;
        }
        else if (Current.IsKeyword("count"))
        {
            _at++;
            Symbol("(");
            Symbol("*");
            Symbol(")");
            isCount = true;
        }
        else
        {
            throw Unexpected("\"*\"", "\"count(*)\"");
        }

        Keyword("from");
        if (Current.Kind != TokenKind.Identifier)
        {
            throw Unexpected("an entity name");
        }

        var entity = Current.Text;
        _at++;

        var where = new List<QueryCondition>();
        if (Current.IsKeyword("where"))
        {
            _at++;
            where.Add(Condition());
            while (Current.IsKeyword("and"))
            {
                _at++;
                where.Add(Condition());
            }
        }

        var order = new List<QueryOrder>();
        if (Current.IsKeyword("orderby"))
        {
            _at++;
            do
            {
                if (Current.Kind != TokenKind.Identifier)
                {
                    throw Unexpected("a property name");
                }

                var property = Current.Text;
                _at++;
                var descending = false;
                if (Current.IsKeyword("desc"))
                {
                    descending = true;
                    _at++;
                }
                else if (Current.IsKeyword("asc"))
                {
                    _at++;
                }

                order.Add(new QueryOrder(property, descending));
            }
            while (TrySymbol(","));
        }

        int? start = null;
        int? max = null;
        for (var i = 0; i < 2; i++)
        {
            if (start is null && Current.IsKeyword("startposition"))
            {
                _at++;
                start = Integer();
            }
            else if (max is null && Current.IsKeyword("maxresults"))
            {
                _at++;
                max = Integer();
            }
        }

        if (Current.Kind != TokenKind.End)
        {
            var expected = new List<string> { "<EOF>" };
            if (order.Count == 0)
            {
                expected.AddRange(where.Count == 0 ? ["\"where\"", "\"orderby\""] : ["\"and\"", "\"orderby\""]);
            }

            if (start is null)
            {
                expected.Add("\"startposition\"");
            }

            if (max is null)
            {
                expected.Add("\"maxresults\"");
            }

            throw Unexpected([.. expected]);
        }

        return new QueryStatement(entity, isCount, where, order, start, max);
    }

    private QueryCondition Condition()
    {
        if (Current.Kind != TokenKind.Identifier)
        {
            throw Unexpected("a property name");
        }

        var property = Current.Text;
        _at++;
        if (Current.IsKeyword("in"))
        {
            _at++;
            Symbol("(");
            var values = new List<QueryValue> { Value() };
            while (TrySymbol(","))
            {
                values.Add(Value());
            }

            Symbol(")");
            return new QueryCondition(property, QueryOperator.In, values);
        }

        if (Current.IsKeyword("like"))
        {
            _at++;
            if (Current.Kind != TokenKind.String)
            {
                throw Unexpected("a quoted pattern");
            }

            return new QueryCondition(property, QueryOperator.Like, [Value()]);
        }

        QueryOperator op = Current.Kind == TokenKind.Symbol ? Current.Text switch
        {
            "=" => QueryOperator.Equal,
            "<" => QueryOperator.Less,
            ">" => QueryOperator.Greater,
            "<=" => QueryOperator.LessOrEqual,
            ">=" => QueryOperator.GreaterOrEqual,
            _ => throw Unexpected("\"=\"", "\"<\"", "\">\"", "\"<=\"", "\">=\"", "\"in\"", "\"like\""),
        } : throw Unexpected("\"=\"", "\"<\"", "\">\"", "\"<=\"", "\">=\"", "\"in\"", "\"like\"");
        _at++;
        return new QueryCondition(property, op, [Value()]);
    }

    private QueryValue Value()
    {
        var token = Current;
        _at++;
        return token.Kind switch
        {
            TokenKind.String => new QueryValue(token.Text, QueryValueKind.String),
            TokenKind.Number => new QueryValue(token.Text, QueryValueKind.Number),
            TokenKind.Identifier when token.IsKeyword("true") || token.IsKeyword("false") => new QueryValue(token.Text.ToLowerInvariant(), QueryValueKind.Boolean),
            TokenKind.Identifier => new QueryValue(token.Text, QueryValueKind.Bare),
            _ => throw UnexpectedAt(token, "a value"),
        };
    }

    private int Integer()
    {
        var token = Current;
        if (token.Kind != TokenKind.Number || !int.TryParse(token.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Unexpected("<INTEGER>");
        }

        _at++;
        return value;
    }

    private void Keyword(string keyword)
    {
        if (!Current.IsKeyword(keyword))
        {
            throw Unexpected($"\"{keyword}\"");
        }

        _at++;
    }

    private void Symbol(string symbol)
    {
        if (!TrySymbol(symbol))
        {
            throw Unexpected($"\"{symbol}\"");
        }
    }

    private bool TrySymbol(string symbol)
    {
        if (!Current.IsSymbol(symbol))
        {
            return false;
        }

        _at++;
        return true;
    }

    private QboFaultException Unexpected(params string[] expected) => UnexpectedAt(Current, expected);

    private static QboFaultException UnexpectedAt(QueryToken token, params string[] expected) =>
        Fault.QueryParse($"Encountered \"{token.Display}\" at line 1, column {token.Column}. Was expecting one of: {string.Join(", ", expected)}");
}
