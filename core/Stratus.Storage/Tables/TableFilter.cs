using System.Globalization;

namespace Stratus.Storage.Tables;

/// <summary>
/// A property filter both adapters understand: the Azure adapter sends it as an OData <c>$filter</c>, the embedded
/// adapter evaluates it. A comparison matches only when the property exists and has the literal's type, as the
/// Table service does.
/// </summary>
public abstract record TableFilter
{
    public const string PartitionKeyProperty = "PartitionKey";
    public const string RowKeyProperty = "RowKey";
    public const string TimestampProperty = "Timestamp";

    public static TableFilter Compare(string property, ComparisonOperator op, object value) => new ComparisonFilter(property, op, Literal(property, value));

    public static TableFilter Equal(string property, object value) => Compare(property, ComparisonOperator.Equal, value);

    public static TableFilter NotEqual(string property, object value) => Compare(property, ComparisonOperator.NotEqual, value);

    public static TableFilter GreaterThan(string property, object value) => Compare(property, ComparisonOperator.GreaterThan, value);

    public static TableFilter GreaterThanOrEqual(string property, object value) => Compare(property, ComparisonOperator.GreaterThanOrEqual, value);

    public static TableFilter LessThan(string property, object value) => Compare(property, ComparisonOperator.LessThan, value);

    public static TableFilter LessThanOrEqual(string property, object value) => Compare(property, ComparisonOperator.LessThanOrEqual, value);

    public static TableFilter And(TableFilter left, TableFilter right) => new AndFilter(left, right);

    public static TableFilter Or(TableFilter left, TableFilter right) => new OrFilter(left, right);

    public static TableFilter Not(TableFilter inner) => new NotFilter(inner);

    public static TableFilter operator &(TableFilter left, TableFilter right) => And(left, right);

    public static TableFilter operator |(TableFilter left, TableFilter right) => Or(left, right);

    public static TableFilter operator !(TableFilter inner) => Not(inner);

    internal static TableFilter AndOptional(TableFilter? left, TableFilter right) => left is null ? right : new AndFilter(left, right);

    /// <summary>The OData <c>$filter</c> text.</summary>
    public abstract string ToOData();

    /// <summary>Evaluates the filter against an entity, with the Table service's typing rules.</summary>
    public abstract bool Matches(TableEntity entity);

    public override string ToString() => ToOData();

    private static object Literal(string property, object value)
    {
        StorageNames.ValidatePropertyName(property, allowSystem: true);
        if (value is double d && !double.IsFinite(d))
        {
            throw new InvalidStorageRequestException("InvalidInput", $"A filter on '{property}' cannot compare with {d}: OData filters have no literal for NaN or infinity.");
        }

        return TableValues.TryNormalize(value)
            ?? throw new InvalidStorageRequestException("InvalidInput", $"A filter on '{property}' cannot compare with a {value.GetType().Name}.");
    }

    private sealed record ComparisonFilter(string Property, ComparisonOperator Op, object Value) : TableFilter
    {
        public override string ToOData() => $"{Property} {OperatorText(Op)} {FormatLiteral(Value)}";

        public override bool Matches(TableEntity entity)
        {
            var actual = Property switch
            {
                PartitionKeyProperty => entity.PartitionKey,
                RowKeyProperty => entity.RowKey,
                TimestampProperty => entity.Timestamp,
                _ => entity[Property],
            };
            if (actual is null || actual.GetType() != Value.GetType())
            {
                return false;
            }

            var order = CompareValues(actual, Value);
            return Op switch
            {
                ComparisonOperator.Equal => order == 0,
                ComparisonOperator.NotEqual => order != 0,
                ComparisonOperator.GreaterThan => order > 0,
                ComparisonOperator.GreaterThanOrEqual => order >= 0,
                ComparisonOperator.LessThan => order < 0,
                _ => order <= 0,
            };
        }

        private static int CompareValues(object actual, object literal) => actual switch
        {
            string s => string.CompareOrdinal(s, (string)literal),
            byte[] b => b.AsSpan().SequenceCompareTo((byte[])literal),
            DateTimeOffset d => d.UtcTicks.CompareTo(((DateTimeOffset)literal).UtcTicks),
            IComparable c => c.CompareTo(literal),
            _ => throw new InvalidOperationException("Unreachable: literals are validated."),
        };

        private static string OperatorText(ComparisonOperator op) => op switch
        {
            ComparisonOperator.Equal => "eq",
            ComparisonOperator.NotEqual => "ne",
            ComparisonOperator.GreaterThan => "gt",
            ComparisonOperator.GreaterThanOrEqual => "ge",
            ComparisonOperator.LessThan => "lt",
            _ => "le",
        };

        private static string FormatLiteral(object value) => value switch
        {
            string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
            int i => i.ToString(CultureInfo.InvariantCulture),
            long l => l.ToString(CultureInfo.InvariantCulture) + "L",
            double d => FormatDouble(d),
            bool b => b ? "true" : "false",
            Guid g => $"guid'{g:D}'",
            DateTimeOffset d => $"datetime'{d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)}'",
            byte[] bytes => $"X'{Convert.ToHexStringLower(bytes)}'",
            _ => throw new InvalidOperationException("Unreachable: literals are validated."),
        };

        // A double without a decimal point would be read back as an Int32 literal.
        private static string FormatDouble(double d)
        {
            var text = d.ToString("R", CultureInfo.InvariantCulture);
            return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
        }
    }

    private sealed record AndFilter(TableFilter Left, TableFilter Right) : TableFilter
    {
        public override string ToOData() => $"({Left.ToOData()}) and ({Right.ToOData()})";

        public override bool Matches(TableEntity entity) => Left.Matches(entity) && Right.Matches(entity);
    }

    private sealed record OrFilter(TableFilter Left, TableFilter Right) : TableFilter
    {
        public override string ToOData() => $"({Left.ToOData()}) or ({Right.ToOData()})";

        public override bool Matches(TableEntity entity) => Left.Matches(entity) || Right.Matches(entity);
    }

    private sealed record NotFilter(TableFilter Inner) : TableFilter
    {
        public override string ToOData() => $"not ({Inner.ToOData()})";

        public override bool Matches(TableEntity entity) => !Inner.Matches(entity);
    }
}
