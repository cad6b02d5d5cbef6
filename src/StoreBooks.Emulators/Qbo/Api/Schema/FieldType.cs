namespace StoreBooks.Emulators.Qbo.Api.Schema;

/// <summary>The JSON type one property of a QBO object accepts (Jackson's view of the Intuit schema class).</summary>
internal abstract record FieldType;

internal enum ScalarKind
{
    String,
    Decimal,
    Integer,
    Boolean,
    Date,
    DateTime,
}

internal sealed record ScalarField(ScalarKind Kind) : FieldType
{
    public string JavaClass => Kind switch
    {
        ScalarKind.String => "java.lang.String",
        ScalarKind.Decimal => "java.math.BigDecimal",
        ScalarKind.Integer => "java.math.BigInteger",
        ScalarKind.Boolean => "java.lang.Boolean",
        ScalarKind.Date => "java.util.Date",
        _ => "java.util.Calendar",
    };
}

internal sealed record ObjectField(ObjectSchema Schema) : FieldType;

internal sealed record ArrayField(FieldType Element) : FieldType;

/// <summary>Accepted as sent (objects QBO defines but the emulator does not interpret, such as <c>LineEx</c>).</summary>
internal sealed record AnyField : FieldType;

/// <summary>The properties of one Intuit schema class, e.g. <c>com.intuit.schema.finance.v3.Invoice</c>.</summary>
internal sealed class ObjectSchema(string className)
{
    private readonly Dictionary<string, FieldType> _properties = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public string ClassName { get; } = className;

    public string QualifiedClassName => "com.intuit.schema.finance.v3." + ClassName;

    public IReadOnlyList<string> PropertyNames => _order;

    public ObjectSchema Add(string name, FieldType type)
    {
        if (_properties.TryAdd(name, type))
        {
            _order.Add(name);
        }
        else
        {
            _properties[name] = type;
        }

        return this;
    }

    public ObjectSchema Add(params (string Name, FieldType Type)[] properties)
    {
        foreach (var (name, type) in properties)
        {
            Add(name, type);
        }

        return this;
    }

    public ObjectSchema Include(ObjectSchema other)
    {
        foreach (var name in other._order)
        {
            Add(name, other._properties[name]);
        }

        return this;
    }

    public bool TryGet(string name, out FieldType type) => _properties.TryGetValue(name, out type!);
}
