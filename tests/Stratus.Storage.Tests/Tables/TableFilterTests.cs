using Stratus.Storage.Tables;

namespace Stratus.Storage.Tests.Tables;

public sealed class TableFilterTests
{
    [Fact]
    public void ToOData_TypedLiterals_UseServiceSyntax()
    {
        var when = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

        Assert.Equal("Name eq 'o''brien'", TableFilter.Equal("Name", "o'brien").ToOData());
        Assert.Equal("N gt 5", TableFilter.GreaterThan("N", 5).ToOData());
        Assert.Equal("N ge 5L", TableFilter.GreaterThanOrEqual("N", 5L).ToOData());
        Assert.Equal("D lt 2.0", TableFilter.LessThan("D", 2.0).ToOData());
        Assert.Equal("B ne true", TableFilter.NotEqual("B", true).ToOData());
        Assert.Equal("At le datetime'2026-01-02T01:04:05.0000000Z'", TableFilter.LessThanOrEqual("At", when).ToOData());
        Assert.Equal("Id eq guid'0f8fad5b-d9cb-469f-a165-70867728950e'", TableFilter.Equal("Id", id).ToOData());
        Assert.Equal("Bin eq X'00ff'", TableFilter.Equal("Bin", new byte[] { 0, 255 }).ToOData());
    }

    [Fact]
    public void ToOData_Combinators_Parenthesise()
    {
        var filter = (TableFilter.Equal("A", 1) & TableFilter.Equal("B", 2)) | !TableFilter.Equal("C", 3);

        Assert.Equal("((A eq 1) and (B eq 2)) or (not (C eq 3))", filter.ToOData());
    }

    [Fact]
    public void Matches_TypeMismatchOrMissingProperty_IsFalse()
    {
        var entity = new TableEntity("p", "r") { { "N", 5 } };

        Assert.True(TableFilter.Equal("N", 5).Matches(entity));
        Assert.False(TableFilter.Equal("N", 5L).Matches(entity));
        Assert.False(TableFilter.NotEqual("Missing", 1).Matches(entity));
    }

    [Fact]
    public void Matches_SystemProperties_CompareKeysOrdinally()
    {
        var entity = new TableEntity("p", "b");

        Assert.True(TableFilter.GreaterThan("RowKey", "a").Matches(entity));
        Assert.True(TableFilter.Equal("PartitionKey", "p").Matches(entity));
        Assert.True(TableFilter.GreaterThan("RowKey", "B").Matches(entity)); // ordinal: 'b' (0x62) sorts after 'B' (0x42)
    }

    [Fact]
    public void Compare_InvalidPropertyName_ThrowsInvalidRequest()
    {
        Assert.Throws<InvalidStorageRequestException>(() => TableFilter.Equal("bad name", 1));
        Assert.Throws<InvalidStorageRequestException>(() => TableFilter.Equal("N", new object()));
        Assert.Throws<InvalidStorageRequestException>(() => TableFilter.Equal("D", double.NaN));
    }

    [Fact]
    public void RowKeyPrefix_UpperBound_ExcludesNextPrefix()
    {
        var query = TableQuery.RowKeyPrefix("p", "evt-");

        Assert.Equal("evt-", query.RowKeyFrom);
        Assert.Equal("evt.", query.RowKeyTo);
    }
}
