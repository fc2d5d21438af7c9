using Stratus.Storage.Tables;

namespace Stratus.Storage.Tests.Tables;

public sealed class TableEntityValidatorTests
{
    [Fact]
    public void Validate_TooManyProperties_ThrowsAndSaysTheLimit()
    {
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 253; i++)
        {
            entity[$"P{i}"] = i;
        }

        var ex = Assert.Throws<InvalidStorageRequestException>(() => TableEntityValidator.Validate(entity));

        Assert.Contains("252", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_StringOverLimit_ThrowsPropertyValueTooLarge()
    {
        var entity = new TableEntity("p", "r") { { "Big", new string('x', StorageLimits.MaxTableStringChars + 1) } };

        Assert.Equal("PropertyValueTooLarge", Assert.Throws<InvalidStorageRequestException>(() => TableEntityValidator.Validate(entity)).ErrorCode);
    }

    [Fact]
    public void Validate_SystemPropertyAsCustom_Throws()
    {
        var entity = new TableEntity("p", "r") { { "RowKey", "x" } };

        Assert.Throws<InvalidStorageRequestException>(() => TableEntityValidator.Validate(entity));
    }

    [Fact]
    public void Validate_KeyOverLimit_ThrowsKeyValueTooLarge()
    {
        var entity = new TableEntity(new string('k', StorageLimits.MaxTableKeyChars + 1), "r");

        Assert.Equal("KeyValueTooLarge", Assert.Throws<InvalidStorageRequestException>(() => TableEntityValidator.Validate(entity)).ErrorCode);
    }

    [Fact]
    public void TableEntity_UnsupportedValueType_ThrowsOnSet()
    {
        var entity = new TableEntity("p", "r");

        var ex = Assert.Throws<InvalidStorageRequestException>(() => entity["Price"] = 1.5m);

        Assert.Contains("Decimal", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TableEntity_LocalDateTime_IsStoredAsUtc()
    {
        var local = new DateTime(2026, 5, 6, 7, 8, 9, DateTimeKind.Utc);

        var entity = new TableEntity("p", "r") { { "At", local } };

        Assert.Equal(TimeSpan.Zero, entity.GetDateTimeOffset("At")!.Value.Offset);
        Assert.Equal(local, entity.GetDateTimeOffset("At")!.Value.UtcDateTime);
    }
}
