using System.Globalization;
using System.Text;
using Stratus.Apps.Names;
using Stratus.Storage;
using Stratus.Storage.Blobs;
using Stratus.Storage.Tables;

namespace Stratus.Apps.Events;

/// <summary>
/// Events in <c>StratusEvents</c>, their logs in the <c>stratus-events</c> container.
/// <para>Rows: every event is written to two partitions, keyed by its time-ordered id (newest first):</para>
/// <list type="bullet">
/// <item><c>all</c>, the authoritative copy: <c>GET /events/{id}</c> is a point read, and the unfiltered list reads
/// the partition's first rows. Since/until become a row-key range (the id starts with the inverted start time), and
/// kind, owner, running and errorOnly a property filter the service evaluates, so only rows in range are read.</item>
/// <item><c>t|&lt;type&gt;|&lt;value&gt;</c>, the target's history (<c>?target=app(x)</c>, what an app page shows): the
/// same range and filter within one small partition. It is written after the authoritative row on every change; a
/// crash in between leaves it one change behind until the next change (finishing again re-copies it).</item>
/// </list>
/// <para>Logs: the storage ports have no append blob, so a log is a chain of chunk blobs
/// <c>events/&lt;id&gt;.log/&lt;byte offset&gt;</c>. An append writes the chunk at the log's current end with
/// if-none-match, so concurrent appenders never overwrite each other; a reader follows with a byte offset.</para>
/// </summary>
public sealed class AppEventStore(IStorageAccount storage, TimeProvider time)
{
    public const string TableName = "StratusEvents";
    public const string ContainerName = "stratus-events";
    public const int MaxCustomDataChars = 16 * 1024;
    public const int MaxLogReadBytes = 1024 * 1024;
    private const string AllPartition = "all";
    private readonly ITableClient _table = storage.Tables.GetTable(TableName);
    private readonly IBlobContainerClient _logs = storage.Blobs.GetContainer(ContainerName);
    private readonly AppsTable _ensureTable = new();
    private readonly AppsTable _ensureLogs = new();

    /// <summary>Opens a running event that starts now.</summary>
    /// <param name="id">The event's id when the caller chose it already (an operation takes the app's lock under its event id first); a new one by default.</param>
    /// <exception cref="InvalidAppRequestException">The target, kind, id or custom data is not valid.</exception>
    public async Task<AppEvent> StartAsync(EventTarget target, string kind, string owner, bool cancelable, string? customData, CancellationToken cancellationToken, string? id = null)
    {
        if (id is not null && !TimeOrderedId.IsValid(id))
        {
            throw new InvalidAppRequestException($"The event id '{id}' is not one TimeOrderedId makes.");
        }

        InvalidAppRequestException.ThrowIfProblem(TargetProblem(target));
        if (string.IsNullOrWhiteSpace(kind) || kind.Length > 100)
        {
            throw new InvalidAppRequestException("The event kind is required (at most 100 characters), e.g. app.deploy.");
        }

        CheckCustomData(customData);
        await _ensureTable.EnsureAsync(_table, cancellationToken);
        var now = time.GetUtcNow();
        var started = new AppEvent(id ?? TimeOrderedId.New(now), target, kind, owner, now, null, EventStatus.Running, null, cancelable, EventCancelInfo.None, customData);
        await _table.InsertAsync(ToEntity(AllPartition, started), cancellationToken);
        await _table.UpsertAsync(ToEntity(TargetPartition(target), started), TableUpdateMode.Replace, cancellationToken);
        return started;
    }

    public async Task<AppEvent?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!TimeOrderedId.IsValid(id))
        {
            return null;
        }

        await _ensureTable.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(AllPartition, id, cancellationToken) is { } entity ? FromEntity(entity) : null;
    }

    /// <summary>Events newest first that match every filter given, at most <see cref="AppEventFilter.Limit"/>.</summary>
    public async Task<IReadOnlyList<AppEvent>> ListAsync(AppEventFilter filter, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(filter.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(filter.Limit, AppEventFilter.MaxLimit);
        if (filter.Target is { } target && TargetProblem(target) is not null)
        {
            return [];
        }

        await _ensureTable.EnsureAsync(_table, cancellationToken);
        var query = new TableQuery
        {
            PartitionKey = filter.Target is null ? AllPartition : TargetPartition(filter.Target),

            // Later starts have smaller ids: "until" is the lower row-key bound, "since" the (exclusive) upper one.
            RowKeyFrom = filter.Until is { } until ? TimeOrderedId.InvertedTicks(until) : null,
            RowKeyTo = filter.Since is { } since ? (DateTimeOffset.MaxValue.UtcTicks - since.UtcTicks + 1).ToString("D19", CultureInfo.InvariantCulture) : null,
            Filter = PropertyFilter(filter),
            PageSize = filter.Limit,
        };
        var result = new List<AppEvent>(filter.Limit);
        await foreach (var entity in _table.QueryAsyncEnumerable(query, cancellationToken))
        {
            result.Add(FromEntity(entity));
            if (result.Count == filter.Limit)
            {
                break;
            }
        }

        return result;
    }

    /// <summary>Records a cancel request; the running operation sees it and acknowledges with <see cref="AcknowledgeCancelAsync"/>.</summary>
    public async Task<AppEventCancelOutcome> AskCancelAsync(string id, string by, string? reason, CancellationToken cancellationToken)
    {
        var outcome = AppEventCancelOutcome.NotFound;
        await ChangeAsync(id, e =>
        {
            if (!e.Running)
            {
                outcome = AppEventCancelOutcome.Finished;
                return e;
            }

            if (!e.Cancelable)
            {
                outcome = AppEventCancelOutcome.NotCancelable;
                return e;
            }

            outcome = AppEventCancelOutcome.Asked;
            return e.CancelInfo.Asked ? e : e with { CancelInfo = new EventCancelInfo(true, by, TextClip.Checked(reason, "cancel reason"), time.GetUtcNow(), false) };
        }, cancellationToken);
        return outcome;
    }

    /// <summary>The operation saw the cancel request and is stopping.</summary>
    /// <returns>The event, or <c>null</c> if there is none.</returns>
    public Task<AppEvent?> AcknowledgeCancelAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, e => e.CancelInfo.Asked && !e.CancelInfo.Acknowledged ? e with { CancelInfo = e.CancelInfo with { Acknowledged = true } } : e, cancellationToken);

    /// <summary>Marks whether the operation can still stop (a deploy cannot once its build is done).</summary>
    public Task<AppEvent?> SetCancelableAsync(string id, bool cancelable, CancellationToken cancellationToken) =>
        ChangeAsync(id, e => e.Cancelable == cancelable ? e : e with { Cancelable = cancelable }, cancellationToken);

    /// <exception cref="InvalidAppRequestException">The data is too large.</exception>
    public Task<AppEvent?> SetCustomDataAsync(string id, string? customData, CancellationToken cancellationToken)
    {
        CheckCustomData(customData);
        return ChangeAsync(id, e => e with { CustomData = customData }, cancellationToken);
    }

    /// <summary>
    /// Ends the event now with <paramref name="status"/> (succeeded, failed or canceled). Finishing an ended event
    /// keeps its first result, so a retried activity cannot overwrite how the operation really ended.
    /// </summary>
    /// <returns>The event as stored, or <c>null</c> if there is none.</returns>
    public Task<AppEvent?> FinishAsync(string id, string status, string? error, CancellationToken cancellationToken)
    {
        if (!EventStatus.IsFinal(status))
        {
            throw new ArgumentException($"An event ends as {EventStatus.Succeeded}, {EventStatus.Failed} or {EventStatus.Canceled}, not '{status}'.", nameof(status));
        }

        return ChangeAsync(id, e => e.Running ? e with { Status = status, Error = TextClip.Clip(error), EndedAt = time.GetUtcNow(), Cancelable = false } : e, cancellationToken);
    }

    /// <summary>Appends lines (each ends with a newline) to the event's log.</summary>
    public async Task AppendLogAsync(string id, IEnumerable<string> lines, CancellationToken cancellationToken)
    {
        CheckId(id);
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        if (text.Length == 0)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        await _ensureLogs.EnsureAsync(_logs, cancellationToken);
        while (true)
        {
            var chunks = await ListChunksAsync(id, cancellationToken);
            var end = chunks.Count == 0 ? 0 : chunks[^1].Start + chunks[^1].Length;
            try
            {
                using var content = new MemoryStream(bytes, writable: false);
                await _logs.UploadAsync(ChunkName(id, end), content, new BlobUploadOptions { ContentType = "text/plain; charset=utf-8", Conditions = BlobConditions.IfNotExists }, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is ResourceConflictException or PreconditionFailedException)
            {
                // Another appender wrote at this offset first: append after it.
            }
        }
    }

    /// <summary>The log from byte <paramref name="offset"/> (at most about 1 MiB at a time); an empty text means nothing new yet.</summary>
    public async Task<AppEventLog> ReadLogAsync(string id, long offset, CancellationToken cancellationToken)
    {
        CheckId(id);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        await _ensureLogs.EnsureAsync(_logs, cancellationToken);
        using var buffer = new MemoryStream();
        var position = offset;
        foreach (var chunk in await ListChunksAsync(id, cancellationToken))
        {
            if (chunk.Start + chunk.Length <= position)
            {
                continue;
            }

            if (buffer.Length >= MaxLogReadBytes)
            {
                break;
            }

            var skip = Math.Max(0, position - chunk.Start);
            var options = skip == 0 ? null : new BlobDownloadOptions { Range = new BlobRange(skip) };
            await using (var download = await _logs.DownloadAsync(chunk.Name, options, cancellationToken))
            {
                await download.Content.CopyToAsync(buffer, cancellationToken);
            }

            position = chunk.Start + chunk.Length;
        }

        return new AppEventLog(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), position);
    }

    private async Task<List<LogChunk>> ListChunksAsync(string id, CancellationToken cancellationToken)
    {
        var prefix = ChunkPrefix(id);
        var chunks = new List<LogChunk>();
        string? token = null;
        do
        {
            var page = await _logs.ListAsync(prefix, token, cancellationToken: cancellationToken);
            foreach (var blob in page.Items)
            {
                if (long.TryParse(blob.Name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var start))
                {
                    chunks.Add(new LogChunk(blob.Name, start, blob.ContentLength));
                }
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        chunks.Sort((a, b) => a.Start.CompareTo(b.Start));
        return chunks;
    }

    private async Task<AppEvent?> ChangeAsync(string id, Func<AppEvent, AppEvent> change, CancellationToken cancellationToken)
    {
        if (!TimeOrderedId.IsValid(id))
        {
            return null;
        }

        await _ensureTable.EnsureAsync(_table, cancellationToken);
        while (true)
        {
            if (await _table.GetAsync(AllPartition, id, cancellationToken) is not { } entity)
            {
                return null;
            }

            var current = FromEntity(entity);
            var updated = change(current);
            if (!ReferenceEquals(updated, current))
            {
                try
                {
                    await _table.ReplaceAsync(ToEntity(AllPartition, updated), entity.ETag, cancellationToken);
                }
                catch (Exception ex) when (ex is PreconditionFailedException or ResourceNotFoundException)
                {
                    continue;
                }
            }

            // Unchanged too: a repeated call repairs a target copy that an earlier crash left behind.
            await _table.UpsertAsync(ToEntity(TargetPartition(updated.Target), updated), TableUpdateMode.Replace, cancellationToken);
            return updated;
        }
    }

    private static TableFilter? PropertyFilter(AppEventFilter filter)
    {
        TableFilter? combined = null;
        void And(TableFilter f) => combined = combined is null ? f : combined & f;
        if (filter.Kinds is { Count: > 0 } kinds)
        {
            And(kinds.Select(k => TableFilter.Equal("Kind", k)).Aggregate((a, b) => a | b));
        }

        if (filter.Owner is not null)
        {
            And(TableFilter.Equal("Owner", filter.Owner));
        }

        if (filter.Running is { } running)
        {
            And(running ? TableFilter.Equal("Status", EventStatus.Running) : TableFilter.NotEqual("Status", EventStatus.Running));
        }

        if (filter.ErrorOnly)
        {
            And(TableFilter.Equal("HasError", true));
        }

        return combined;
    }

    private static string? TargetProblem(EventTarget target) =>
        string.IsNullOrEmpty(target.Type) || target.Type.Length > 40 || !target.Type.All(c => char.IsAsciiLetterLower(c) || c == '-')
            ? $"The event target type '{target.Type}' is not valid: use lower-case letters and '-', e.g. app."
            : string.IsNullOrEmpty(target.Value) || target.Value.Length > 256
                ? "The event target needs a value of 1–256 characters, e.g. the app's name."
                : null;

    private static void CheckCustomData(string? customData)
    {
        if (customData is { Length: > MaxCustomDataChars })
        {
            throw new InvalidAppRequestException($"An event's custom data holds at most {MaxCustomDataChars} characters; put large output in the event's log.");
        }
    }

    private static void CheckId(string id)
    {
        if (!TimeOrderedId.IsValid(id))
        {
            throw new InvalidAppRequestException($"'{id}' is not an event id.");
        }
    }

    // Escaped, since values other than app names may hold characters keys forbid ('/', '#', '?', '\').
    private static string TargetPartition(EventTarget target) => $"t|{target.Type}|{Uri.EscapeDataString(target.Value)}";

    private static string ChunkPrefix(string id) => $"events/{id}.log/";

    private static string ChunkName(string id, long start) => ChunkPrefix(id) + start.ToString("D16", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(string partition, AppEvent e) => new(partition, e.Id)
    {
        ["TargetType"] = e.Target.Type,
        ["TargetValue"] = e.Target.Value,
        ["Kind"] = e.Kind,
        ["Owner"] = e.Owner,
        ["StartedAt"] = e.StartedAt,
        ["EndedAt"] = e.EndedAt,
        ["Status"] = e.Status,
        ["Error"] = e.Error,
        ["HasError"] = !string.IsNullOrEmpty(e.Error),
        ["Cancelable"] = e.Cancelable,
        ["CancelAsked"] = e.CancelInfo.Asked,
        ["CancelBy"] = e.CancelInfo.By,
        ["CancelReason"] = e.CancelInfo.Reason,
        ["CancelAskedAt"] = e.CancelInfo.AskedAt,
        ["CancelAcknowledged"] = e.CancelInfo.Acknowledged,
        ["CustomData"] = e.CustomData,
    };

    private static AppEvent FromEntity(TableEntity e) => new(
        e.RowKey,
        new EventTarget(e.GetString("TargetType") ?? "", e.GetString("TargetValue") ?? ""),
        e.GetString("Kind") ?? "",
        e.GetString("Owner") ?? "",
        e.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("EndedAt"),
        e.GetString("Status") ?? EventStatus.Running,
        e.GetString("Error"),
        e.GetBoolean("Cancelable") ?? false,
        new EventCancelInfo(
            e.GetBoolean("CancelAsked") ?? false, e.GetString("CancelBy"), e.GetString("CancelReason"), e.GetDateTimeOffset("CancelAskedAt"), e.GetBoolean("CancelAcknowledged") ?? false),
        e.GetString("CustomData"));

    private sealed record LogChunk(string Name, long Start, long Length);
}
