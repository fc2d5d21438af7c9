using Azure;
using Stratus.Storage.Azure;
using Stratus.Storage.Blobs;
using Stratus.Storage.Tables;
using Stratus.Testing;

namespace Stratus.Storage.Tests.Azure;

public sealed class ZzProbeTests
{
    private static async Task<IStorageAccount> Account() => AzureStorageAccount.FromConnectionString((await AzuriteServer.Shared).ConnectionString);

    [Fact]
    public async Task P1_Doubles()
    {
        var ct = TestTimeout.Token();
        var t = (await Account()).Tables.GetTable("p" + Guid.NewGuid().ToString("N")[..10]);
        await t.CreateIfNotExistsAsync(ct);
        var e = new TableEntity("p", "r")
        {
            { "Nan", double.NaN }, { "PInf", double.PositiveInfinity }, { "NInf", double.NegativeInfinity },
            { "Max", double.MaxValue }, { "Eps", double.Epsilon }, { "Big", 1e20 }, { "NegZero", -0.0 }, { "Two", 2.0 },
            { "LMin", long.MinValue }, { "LMax", long.MaxValue }, { "IMin", int.MinValue },
            { "When", new DateTimeOffset(637_000_000_000_000_001L, TimeSpan.Zero) }, { "Empty", "" }, { "EB", Array.Empty<byte>() },
            { "G", Guid.Empty }, { "Min", DateTimeOffset.MinValue.AddYears(1700) },
        };
        await t.InsertAsync(e, ct);
        var r = await t.GetAsync("p", "r", ct);
        var page = await t.QueryAsync(TableQuery.Partition("p"), null, ct);
        foreach (var x in new[] { r!, page.Items[0] })
        {
            foreach (var (k, v) in e)
            {
                Assert.True(x.ContainsKey(k), k);
                Assert.True(v.GetType() == x[k]!.GetType(), $"{k}: {v.GetType()} vs {x[k]!.GetType()}");
                Assert.True(v is byte[] b ? b.SequenceEqual((byte[])x[k]!) : v.Equals(x[k]), $"{k}: {v} vs {x[k]}");
            }
        }
    }

    [Fact]
    public async Task P2_Keys()
    {
        var ct = TestTimeout.Token();
        var t = (await Account()).Tables.GetTable("p" + Guid.NewGuid().ToString("N")[..10]);
        await t.CreateIfNotExistsAsync(ct);
        string[] keys = ["a b", "a+b", "a%b", "a&b=c;d", "ü€😀", "'", "''x'", "a~b!*()", "a:b@c$", "[x]{y}|^`\"<>", " lead", "trail "];
        foreach (var k in keys)
        {
            var etag = await t.InsertAsync(new TableEntity(k, k) { { "V", 1 } }, ct);
            var got = await t.GetAsync(k, k, ct);
            Assert.NotNull(got);
            var e2 = await t.ReplaceAsync(new TableEntity(k, k) { { "V", 2 } }, got!.ETag, ct);
            await t.MergeAsync(new TableEntity(k, k) { { "W", 2 } }, e2, ct);
        }

        var tx = keys.Select(k => new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity("same", k) { { "V", 3 } })).ToList();
        await t.SubmitTransactionAsync(tx, ct);
        string? token = null;
        var seen = new List<string>();
        do
        {
            var page = await t.QueryAsync(new TableQuery { PageSize = 1 }, token, ct);
            seen.AddRange(page.Items.Select(i => i.PartitionKey + "|" + i.RowKey));
            token = page.ContinuationToken;
        }
        while (token is not null);
        Assert.Equal(keys.Length * 2, seen.Count);
        var del = keys.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("same", k), ETag.All)).ToList();
        await t.SubmitTransactionAsync(del, ct);
        foreach (var k in keys)
        {
            var got = await t.GetAsync(k, k, ct);
            await t.DeleteAsync(k, k, got!.ETag, ct);
        }
    }

    [Fact]
    public async Task P3_BlobNames()
    {
        var ct = TestTimeout.Token();
        var c = (await Account()).Blobs.GetContainer("p" + Guid.NewGuid().ToString("N")[..10]);
        await c.CreateIfNotExistsAsync(ct);
        string[] names = ["a?b", "a#b", "a'b", "a&b=c;d", "a+b c", "x/y?z#w", "~tilde!*()", "[x]{y}|^`\"<>", "😀", " lead", "a..b", "...x", "a/.x"];
        foreach (var n in names)
        {
            await c.UploadAsync(n, new MemoryStream([1, 2, 3]), cancellationToken: ct);
            Assert.NotNull(await c.GetPropertiesAsync(n, ct));
            var lease = await c.AcquireLeaseAsync(n, TimeSpan.FromSeconds(15), cancellationToken: ct);
            await c.SetMetadataAsync(n, new Dictionary<string, string> { ["k"] = "v" }, new BlobConditions { LeaseId = lease }, ct);
            await c.ReleaseLeaseAsync(n, lease, ct);
            var page = await c.ListAsync(n, null, 10, ct);
            Assert.Contains(n, page.Items.Select(i => i.Name));
        }

        var all = await c.ListAsync(null, null, 1, ct);
        var count = all.Items.Count;
        while (all.ContinuationToken is not null) { all = await c.ListAsync(null, all.ContinuationToken, 1, ct); count += all.Items.Count; }
        Assert.Equal(names.Length, count);
        foreach (var n in names) Assert.True(await c.DeleteAsync(n, null, ct));
    }

    [Fact]
    public async Task P4_Queue()
    {
        var ct = TestTimeout.Token();
        var q = (await Account()).Queues.GetQueue("p" + Guid.NewGuid().ToString("N")[..10]);
        await q.CreateIfNotExistsAsync(ct);
        var text = " a\r\nb\tc\"'&<>]]> ";
        await q.SendAsync(text, cancellationToken: ct);
        var m = Assert.Single(await q.ReceiveAsync(1, TimeSpan.FromSeconds(30), ct));
        Assert.Equal(text, m.Text);
        var u = await q.UpdateMessageAsync(m.MessageId, m.PopReceipt, TimeSpan.Zero, text + "2", ct);
        var m2 = Assert.Single(await q.ReceiveAsync(1, TimeSpan.FromSeconds(30), ct));
        Assert.Equal(text + "2", m2.Text);
        await q.DeleteMessageAsync(m2.MessageId, m2.PopReceipt, ct);
    }
}
