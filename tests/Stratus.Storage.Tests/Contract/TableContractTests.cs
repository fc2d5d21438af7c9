using Azure;
using Stratus.Storage.Tables;
using Stratus.Testing;

namespace Stratus.Storage.Tests.Contract;

/// <summary>The table contract: every adapter must pass these unchanged. Azurite's behaviour is the reference.</summary>
public abstract class TableContractTests(StorageTarget target)
{
    private async Task<ITableClient> NewTableAsync(CancellationToken ct)
    {
        var table = target.Account.Tables.GetTable(UniqueNames.Next("t", 20));
        await table.CreateIfNotExistsAsync(ct);
        return table;
    }

    [Fact]
    public async Task InsertAsync_TypedProperties_RoundTripWithTheirTypes()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);
        var when = new DateTimeOffset(2025, 3, 4, 5, 6, 7, 123, TimeSpan.Zero);
        var id = Guid.NewGuid();
        var entity = new TableEntity("p", "r")
        {
            { "Text", "héllo 'quoted' <xml>" },
            { "Int", 42 },
            { "Long", 1L << 40 },
            { "Double", 2.0 },
            { "Fraction", 3.25 },
            { "Flag", true },
            { "When", when },
            { "Id", id },
            { "Bytes", new byte[] { 0, 1, 2, 255 } },
        };

        var etag = await table.InsertAsync(entity, ct);
        var read = await table.GetAsync("p", "r", ct);

        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.NotNull(read.Timestamp);
        Assert.Equal("héllo 'quoted' <xml>", read["Text"]);
        Assert.Equal(42, read["Int"]);
        Assert.Equal(1L << 40, read["Long"]);
        Assert.Equal(2.0, read["Double"]);
        Assert.IsType<double>(read["Double"]);
        Assert.Equal(3.25, read["Fraction"]);
        Assert.Equal(true, read["Flag"]);
        Assert.Equal(when, read["When"]);
        Assert.Equal(id, read["Id"]);
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, read["Bytes"]);
        Assert.Equal(9, read.Count);
    }

    [Fact]
    public async Task GetAsync_MissingEntity_ReturnsNull()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);

        Assert.Null(await table.GetAsync("p", "nothing", ct));
    }

    [Fact]
    public async Task InsertAsync_ExistingEntity_ThrowsConflict()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);
        await table.InsertAsync(new TableEntity("p", "r") { { "V", 1 } }, ct);

        var ex = await Assert.ThrowsAsync<ResourceConflictException>(() => table.InsertAsync(new TableEntity("p", "r") { { "V", 2 } }, ct));

        Assert.Equal("EntityAlreadyExists", ex.ErrorCode);
        Assert.Equal(1, (await table.GetAsync("p", "r", ct))!["V"]);
    }

    [Fact]
    public async Task ReplaceAsync_StaleETag_ThrowsPreconditionFailedAndKeepsWinner()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);
        var first = await table.InsertAsync(new TableEntity("p", "r") { { "V", 1 } }, ct);
        var second = await table.ReplaceAsync(new TableEntity("p", "r") { { "V", 2 } }, first, ct);

        var ex = await Assert.ThrowsAsync<PreconditionFailedException>(() => table.ReplaceAsync(new TableEntity("p", "r") { { "V", 3 } }, first, ct));

        Assert.Equal(412, ex.Status);
        var read = await table.GetAsync("p", "r", ct);
        Assert.Equal(2, read!["V"]);
        Assert.Equal(second, read.ETag);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task ReplaceAsync_RemovesPropertiesNotGiven()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);
        await table.InsertAsync(new TableEntity("p", "r") { { "A", 1 }, { "B", 2 } }, ct);

        await table.ReplaceAsync(new TableEntity("p", "r") { { "A", 10 } }, ETag.All, ct);

        var read = await table.GetAsync("p", "r", ct);
        Assert.Equal(10, read!["A"]);
        Assert.False(read.ContainsKey("B"));
    }

    [Fact]
    public async Task MergeAsync_KeepsPropertiesNotGiven()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);
        var etag = await table.InsertAsync(new TableEntity("p", "r") { { "A", 1 }, { "B", 2 } }, ct);

        await table.MergeAsync(new TableEntity("p", "r") { { "A", 10 }, { "C", "new" } }, etag, ct);

        var read = await table.GetAsync("p", "r", ct);
        Assert.Equal(10, read!["A"]);
        Assert.Equal(2, read["B"]);
        Assert.Equal("new", read["C"]);
    }

    [Fact]
    public async Task MergeAsync_StaleETag_ThrowsPreconditionFailed()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);
        var stale = await table.InsertAsync(new TableEntity("p", "r") { { "A", 1 } }, ct);
        await table.UpsertAsync(new TableEntity("p", "r") { { "A", 2 } }, TableUpdateMode.Replace, ct);

        await Assert.ThrowsAsync<PreconditionFailedException>(() => table.MergeAsync(new TableEntity("p", "r") { { "A", 3 } }, stale, ct));
    }

    [Fact]
    public async Task ReplaceAsync_MissingEntity_ThrowsNotFound()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => table.ReplaceAsync(new TableEntity("p", "none"), ETag.All, ct));
    }

    [Fact]
    public async Task UpsertAsync_MergeMode_InsertsThenMerges()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);

        await table.UpsertAsync(new TableEntity("p", "r") { { "A", 1 } }, TableUpdateMode.Merge, ct);
        await table.UpsertAsync(new TableEntity("p", "r") { { "B", 2 } }, TableUpdateMode.Merge, ct);

        var read = await table.GetAsync("p", "r", ct);
        Assert.Equal(1, read!["A"]);
        Assert.Equal(2, read["B"]);
    }

    [Fact]
    public async Task UpsertAsync_ReplaceMode_DropsOldProperties()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);

        await table.UpsertAsync(new TableEntity("p", "r") { { "A", 1 } }, TableUpdateMode.Replace, ct);
        await table.UpsertAsync(new TableEntity("p", "r") { { "B", 2 } }, TableUpdateMode.Replace, ct);

        var read = await table.GetAsync("p", "r", ct);
        Assert.False(read!.ContainsKey("A"));
        Assert.Equal(2, read["B"]);
    }

    [Fact]
    public async Task DeleteAsync_MatchingETag_RemovesEntity()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);
        var etag = await table.InsertAsync(new TableEntity("p", "r"), ct);

        await table.DeleteAsync("p", "r", etag, ct);

        Assert.Null(await table.GetAsync("p", "r", ct));
    }

    [Fact]
    public async Task DeleteAsync_StaleETag_ThrowsPreconditionFailed()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);
        var stale = await table.InsertAsync(new TableEntity("p", "r") { { "A", 1 } }, ct);
        await table.ReplaceAsync(new TableEntity("p", "r") { { "A", 2 } }, stale, ct);

        await Assert.ThrowsAsync<PreconditionFailedException>(() => table.DeleteAsync("p", "r", stale, ct));
        Assert.NotNull(await table.GetAsync("p", "r", ct));
    }

    [Fact]
    public async Task DeleteAsync_MissingEntity_ThrowsNotFound()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => table.DeleteAsync("p", "none", ETag.All, ct));
    }

    [Fact]
    public async Task InsertAsync_UnknownTable_ThrowsNotFound()
    {
        var ct = TestTimeout.Token();
        var table = target.Account.Tables.GetTable(UniqueNames.Next("missing", 20));

        var ex = await Assert.ThrowsAsync<ResourceNotFoundException>(() => table.InsertAsync(new TableEntity("p", "r"), ct));

        Assert.Equal("TableNotFound", ex.ErrorCode);
    }

    [Fact]
    public async Task CreateIfNotExistsAsync_Twice_Succeeds()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);

        await table.CreateIfNotExistsAsync(ct);
        await table.InsertAsync(new TableEntity("p", "r"), ct);
        Assert.NotNull(await table.GetAsync("p", "r", ct));
    }

    [Fact]
    public async Task DeleteIfExistsAsync_ExistingTable_RemovesItsEntities()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);
        await table.InsertAsync(new TableEntity("p", "r"), ct);

        Assert.True(await table.DeleteIfExistsAsync(ct));
        Assert.False(await table.DeleteIfExistsAsync(ct));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => table.GetAsync("p", "r", ct));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\u0001b")]
    [InlineData("a\u007fb")]
    public async Task InsertAsync_ForbiddenKeyCharacter_ThrowsInvalidRequestBeforeWriting(string key)
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);

        var ex = await Assert.ThrowsAsync<InvalidStorageRequestException>(() => table.InsertAsync(new TableEntity("p", key), ct));

        Assert.Contains("forbidden character", ex.Message, StringComparison.Ordinal);
        Assert.Empty((await table.QueryAsync(TableQuery.Partition("p"), null, ct)).Items);
    }

    [Fact]
    public async Task InsertAsync_EntityOverOneMiB_ThrowsInvalidRequest()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 17; i++)
        {
            entity[$"P{i}"] = new string('x', StorageLimits.MaxTableStringChars);
        }

        var ex = await Assert.ThrowsAsync<InvalidStorageRequestException>(() => table.InsertAsync(entity, ct));

        Assert.Equal("EntityTooLarge", ex.ErrorCode);
        Assert.Null(await table.GetAsync("p", "r", ct));
    }

    [Fact]
    public async Task InsertAsync_KeysWithQuotesAndUnicode_RoundTrip()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);
        const string pk = "o'brien & co ünïcode %20 +";
        const string rk = "row'' (1), = ;";

        await table.InsertAsync(new TableEntity(pk, rk) { { "V", 1 } }, ct);

        var read = await table.GetAsync(pk, rk, ct);
        Assert.NotNull(read);
        Assert.Equal(pk, read.PartitionKey);
        Assert.Equal(rk, read.RowKey);
        var page = await table.QueryAsync(TableQuery.Partition(pk), null, ct);
        Assert.Single(page.Items);
    }

    [Fact]
    public void GetTable_InvalidName_ThrowsInvalidRequest()
    {
        Assert.Throws<InvalidStorageRequestException>(() => target.Account.Tables.GetTable("1bad"));
        Assert.Throws<InvalidStorageRequestException>(() => target.Account.Tables.GetTable("has-dash"));
        Assert.Throws<InvalidStorageRequestException>(() => target.Account.Tables.GetTable("ab"));
    }

    [Fact]
    public async Task QueryAsync_PartitionWithRowKeyRange_ReturnsRowsInOrder()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);
        foreach (var rk in new[] { "e", "a", "c", "b", "d" })
        {
            await table.InsertAsync(new TableEntity("p", rk), ct);
        }

        await table.InsertAsync(new TableEntity("other", "b"), ct);

        var page = await table.QueryAsync(new TableQuery { PartitionKey = "p", RowKeyFrom = "b", RowKeyTo = "e" }, null, ct);

        Assert.Equal(["b", "c", "d"], page.Items.Select(e => e.RowKey));
        Assert.All(page.Items, e => Assert.Equal("p", e.PartitionKey));
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task QueryAsync_RowKeyPrefix_ReturnsOnlyPrefixedRows()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);
        foreach (var rk in new[] { "evt-1", "evt-2", "ev", "evu", "inbox-1" })
        {
            await table.InsertAsync(new TableEntity("p", rk), ct);
        }

        var rows = await table.QueryAllAsync(TableQuery.RowKeyPrefix("p", "evt-"), ct);

        Assert.Equal(["evt-1", "evt-2"], rows.Select(e => e.RowKey));
    }

    [Fact]
    public async Task QueryAsync_PropertyFilter_MatchesTypedComparisons()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);
        for (var i = 0; i < 10; i++)
        {
            await table.InsertAsync(new TableEntity("p", $"r{i}") { { "N", i }, { "Big", (long)i * 1000 }, { "Status", i % 2 == 0 ? "Running" : "Done" } }, ct);
        }

        var filter = TableFilter.Equal("Status", "Running") & TableFilter.GreaterThanOrEqual("N", 4);
        var running = await table.QueryAllAsync(new TableQuery { PartitionKey = "p", Filter = filter }, ct);
        var big = await table.QueryAllAsync(new TableQuery { PartitionKey = "p", Filter = TableFilter.LessThan("Big", 3000L) | TableFilter.Equal("N", 9) }, ct);
        var notDone = await table.QueryAllAsync(new TableQuery { PartitionKey = "p", Filter = !TableFilter.Equal("Status", "Done") }, ct);

        Assert.Equal(["r4", "r6", "r8"], running.Select(e => e.RowKey));
        Assert.Equal(["r0", "r1", "r2", "r9"], big.Select(e => e.RowKey));
        Assert.Equal(5, notDone.Count);
    }

    [Fact]
    public async Task QueryAsync_FilterOnDateTimeAndMissingProperty_FollowsServiceTyping()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await table.InsertAsync(new TableEntity("p", "old") { { "At", t0 } }, ct);
        await table.InsertAsync(new TableEntity("p", "new") { { "At", t0.AddDays(2) } }, ct);
        await table.InsertAsync(new TableEntity("p", "none") { { "Other", 1 } }, ct);

        var recent = await table.QueryAllAsync(new TableQuery { PartitionKey = "p", Filter = TableFilter.GreaterThan("At", t0.AddDays(1)) }, ct);

        Assert.Equal(["new"], recent.Select(e => e.RowKey));
    }

    [Fact]
    public async Task QueryAsync_PagesOfTwo_VisitEveryRowOnce()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);
        for (var i = 0; i < 7; i++)
        {
            await table.InsertAsync(new TableEntity("p", $"r{i}"), ct);
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await table.QueryAsync(new TableQuery { PartitionKey = "p", PageSize = 2 }, token, ct);
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(e => e.RowKey));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"r{i}"), seen);
        Assert.InRange(pages, 4, 5);
    }

    [Fact]
    public async Task QueryAsync_AcrossPartitions_PagesInKeyOrder()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);
        foreach (var pk in new[] { "b", "a", "c" })
        {
            for (var i = 0; i < 3; i++)
            {
                await table.InsertAsync(new TableEntity(pk, $"{i}"), ct);
            }
        }

        var all = await table.QueryAllAsync(new TableQuery { PageSize = 4 }, ct);

        Assert.Equal(["a0", "a1", "a2", "b0", "b1", "b2", "c0", "c1", "c2"], all.Select(e => e.PartitionKey + e.RowKey));
    }

    [Fact]
    public async Task QueryAsync_Select_ReturnsOnlyChosenProperties()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);
        await table.InsertAsync(new TableEntity("p", "r") { { "A", 1 }, { "B", "two" }, { "C", 3.5 } }, ct);

        var page = await table.QueryAsync(new TableQuery { PartitionKey = "p", Select = ["B"] }, null, ct);

        var row = Assert.Single(page.Items);
        Assert.Equal("p", row.PartitionKey);
        Assert.Equal("r", row.RowKey);
        Assert.Equal("two", row["B"]);
        Assert.False(row.ContainsKey("A"));
        Assert.False(row.ContainsKey("C"));
    }

    [Fact]
    public async Task QueryAsync_ReturnedETags_AllowConditionalUpdate()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);
        await table.InsertAsync(new TableEntity("p", "r") { { "A", 1 } }, ct);

        var row = Assert.Single((await table.QueryAsync(TableQuery.Partition("p"), null, ct)).Items);
        row["A"] = 2;
        await table.ReplaceAsync(row, row.ETag, ct);

        Assert.Equal(2, (await table.GetAsync("p", "r", ct))!["A"]);
    }

    [Fact]
    public async Task SubmitTransactionAsync_MixedActions_ApplyTogether()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);
        var toReplace = await table.InsertAsync(new TableEntity("p", "replace") { { "V", 1 } }, ct);
        var toMerge = await table.InsertAsync(new TableEntity("p", "merge") { { "V", 1 }, { "Keep", true } }, ct);
        var toDelete = await table.InsertAsync(new TableEntity("p", "delete"), ct);

        var etags = await table.SubmitTransactionAsync(
        [
            TableTransactionAction.Insert(new TableEntity("p", "insert") { { "V", 1 } }),
            TableTransactionAction.Replace(new TableEntity("p", "replace") { { "V", 2 } }, toReplace),
            TableTransactionAction.Merge(new TableEntity("p", "merge") { { "V", 2 } }, toMerge),
            TableTransactionAction.Upsert(new TableEntity("p", "upsert") { { "V", 1 } }),
            TableTransactionAction.Delete("p", "delete", toDelete),
        ], ct);

        Assert.Equal(5, etags.Count);
        Assert.NotNull(etags[0]);
        Assert.Null(etags[4]);
        var rows = (await table.QueryAllAsync(TableQuery.Partition("p"), ct)).ToDictionary(e => e.RowKey);
        Assert.Equal(["insert", "merge", "replace", "upsert"], rows.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, rows["replace"]["V"]);
        Assert.Equal(true, rows["merge"]["Keep"]);
        Assert.Equal(etags[0], rows["insert"].ETag);
        Assert.Equal(etags[1], rows["replace"].ETag);
    }

    [Fact]
    public async Task SubmitTransactionAsync_OneStaleETag_WritesNothingAndNamesTheAction()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);
        var stale = await table.InsertAsync(new TableEntity("p", "sentinel") { { "V", 1 } }, ct);
        await table.UpsertAsync(new TableEntity("p", "sentinel") { { "V", 2 } }, TableUpdateMode.Replace, ct);

        var ex = await Assert.ThrowsAsync<PreconditionFailedException>(() => table.SubmitTransactionAsync(
        [
            TableTransactionAction.Insert(new TableEntity("p", "e1")),
            TableTransactionAction.Insert(new TableEntity("p", "e2")),
            TableTransactionAction.Replace(new TableEntity("p", "sentinel") { { "V", 3 } }, stale),
        ], ct));

        Assert.Equal(2, ex.FailedActionIndex);
        var rows = await table.QueryAllAsync(TableQuery.Partition("p"), ct);
        Assert.Equal(["sentinel"], rows.Select(e => e.RowKey));
        Assert.Equal(2, rows[0]["V"]);
    }

    [Fact]
    public async Task SubmitTransactionAsync_InsertOfExisting_ThrowsConflictWithIndex()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);
        await table.InsertAsync(new TableEntity("p", "b"), ct);

        var ex = await Assert.ThrowsAsync<ResourceConflictException>(() => table.SubmitTransactionAsync(
            [TableTransactionAction.Insert(new TableEntity("p", "a")), TableTransactionAction.Insert(new TableEntity("p", "b"))], ct));

        Assert.Equal(1, ex.FailedActionIndex);
        Assert.Null(await table.GetAsync("p", "a", ct));
    }

    [Fact]
    public async Task SubmitTransactionAsync_HundredActions_Succeeds()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);

        var etags = await table.SubmitTransactionAsync(
            Enumerable.Range(0, 100).Select(i => TableTransactionAction.Insert(new TableEntity("p", $"r{i:D3}") { { "I", i } })).ToList(), ct);

        Assert.Equal(100, etags.Count);
        Assert.Equal(100, (await table.QueryAllAsync(TableQuery.Partition("p"), ct)).Count);
    }

    [Fact]
    public async Task SubmitTransactionAsync_MoreThanHundredActions_ThrowsBeforeWriting()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);

        var ex = await Assert.ThrowsAsync<InvalidStorageRequestException>(() => table.SubmitTransactionAsync(
            Enumerable.Range(0, 101).Select(i => TableTransactionAction.Insert(new TableEntity("p", $"r{i}"))).ToList(), ct));

        Assert.Contains("101", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await table.QueryAllAsync(TableQuery.Partition("p"), ct));
    }

    [Fact]
    public async Task SubmitTransactionAsync_MixedPartitions_ThrowsBeforeWriting()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);

        var ex = await Assert.ThrowsAsync<InvalidStorageRequestException>(() => table.SubmitTransactionAsync(
            [TableTransactionAction.Insert(new TableEntity("p1", "r")), TableTransactionAction.Insert(new TableEntity("p2", "r"))], ct));

        Assert.Equal(1, ex.FailedActionIndex);
        Assert.Empty(await table.QueryAllAsync(new TableQuery(), ct));
    }

    [Fact]
    public async Task SubmitTransactionAsync_SameRowTwice_ThrowsBeforeWriting()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);

        await Assert.ThrowsAsync<InvalidStorageRequestException>(() => table.SubmitTransactionAsync(
            [TableTransactionAction.Insert(new TableEntity("p", "r")), TableTransactionAction.Upsert(new TableEntity("p", "r"))], ct));
        Assert.Null(await table.GetAsync("p", "r", ct));
    }

    [Fact]
    public async Task ReplaceAsync_ConcurrentWritersWithSameETag_ExactlyOneWins()
    {
        var ct = TestTimeout.Token();
        var table = await NewTableAsync(ct);
        var etag = await table.InsertAsync(new TableEntity("p", "r") { { "Owner", "none" } }, ct);

        var attempts = Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await table.ReplaceAsync(new TableEntity("p", "r") { { "Owner", $"w{i}" } }, etag, ct);
                return true;
            }
            catch (PreconditionFailedException)
            {
                return false;
            }
        }).ToList();
        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(won => won));
        var winner = Array.IndexOf(results, true);
        Assert.Equal($"w{winner}", (await table.GetAsync("p", "r", ct))!["Owner"]);
    }
}

public sealed class EmbeddedTableContractTests(EmbeddedTarget target) : TableContractTests(target), IClassFixture<EmbeddedTarget>;

public sealed class AzuriteTableContractTests(AzuriteTarget target) : TableContractTests(target), IClassFixture<AzuriteTarget>;
