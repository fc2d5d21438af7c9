using System.Diagnostics;
using Stratus.Testing;

namespace Stratus.Api.Tests.Fuzz;

/// <summary>
/// Sends the requests one at a time and checks each answer: no 5xx; every 4xx/5xx is a ProblemDetails; and a
/// refused request changed nothing in the store (<see cref="RefusalWriteChecker"/>). The store is read after every
/// request, so each request's snapshot pair is the one around it alone. An accepted operation (202) keeps working
/// after it answers, so the runner waits for the store to settle before the next request.
/// </summary>
internal sealed class FuzzRunner(HttpClient client, RawRequestSender raw, string dataPath, RefusalWriteChecker checker, Func<CancellationToken, Task<bool>> appIdle)
{
    /// <summary>No request may take longer; one that does is reported, not waited for (follow streams are never asked for).</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly List<FuzzFailure> _failures = [];
    private readonly Stopwatch _http = new();
    private readonly Stopwatch _reads = new();
    private readonly Stopwatch _settling = new();
    private readonly SortedDictionary<int, int> _statuses = [];
    private readonly Dictionary<string, TimeSpan> _byMutation = new(StringComparer.Ordinal);
    private StoreSnapshot? _last;

    public IReadOnlyList<FuzzFailure> Failures => _failures;

    public IReadOnlyDictionary<int, int> Statuses => _statuses;

    public int Sent { get; private set; }

    /// <summary>Where the run's time went: answering requests, reading the store, waiting for it to settle.</summary>
    public string Timing => $"requests {_http.Elapsed.TotalSeconds:0.0} s, store reads {_reads.Elapsed.TotalSeconds:0.0} s, settling {_settling.Elapsed.TotalSeconds:0.0} s";

    /// <summary>The mutations (property names left out) that took longest to answer, in all.</summary>
    public string Slowest => string.Join(", ", _byMutation.OrderByDescending(m => m.Value).Take(8).Select(m => $"{m.Key} {m.Value.TotalSeconds:0.0} s"));

    /// <summary>Waits for the work the seed set started, so the first request's "before" is a quiet store.</summary>
    public async Task StartAsync(CancellationToken cancellationToken) => _last = await SettleAsync(cancellationToken);

    public async Task SendAsync(FuzzRequest request, CancellationToken cancellationToken)
    {
        var before = _last ?? Read();
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(request.Target, UriKind.Relative));
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        int status;
        string? mediaType;
        string body;
        var started = _http.Elapsed;
        _http.Start();
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(RequestTimeout);
            try
            {
                using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token);
                status = (int)response.StatusCode;
                mediaType = response.Content.Headers.ContentType?.MediaType;
                body = await response.Content.ReadAsStringAsync(timeout.Token);
            }
            catch (InvalidOperationException) when (request.Target.Contains("%00", StringComparison.Ordinal))
            {
                (status, mediaType, body) = await raw.SendAsync(request, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                _http.Stop();
                Count(0);
                _failures.Add(new FuzzFailure(request, 0, "hang", $"no answer within {RequestTimeout.TotalSeconds:0} s"));
                _last = await SettleAsync(cancellationToken);
                return;
            }
        }

        _http.Stop();
        var kind = request.Mutation.Contains(':', StringComparison.Ordinal) ? request.Mutation[(request.Mutation.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim() : request.Mutation;
        _byMutation[kind] = _byMutation.GetValueOrDefault(kind) + (_http.Elapsed - started);
        Count(status);
        if (status >= 500)
        {
            _failures.Add(new FuzzFailure(request, status, "5xx", Cut(body)));
        }

        if (status >= 400 && ProblemDetailsRule.Problem(status, mediaType, body) is { } notProblem)
        {
            _failures.Add(new FuzzFailure(request, status, "problem-details", notProblem));
        }

        var after = Read();
        if (status >= 400)
        {
            var writes = await checker.UnexplainedAsync(before, after, request, cancellationToken);
            if (writes.Count > 0)
            {
                _failures.Add(new FuzzFailure(request, status, "partial-write", string.Join("; ", writes.Take(8)) + (writes.Count > 8 ? $"; … {writes.Count} changes" : "")));

                // Start the next request from a quiet store, or this refusal's late writes would be blamed on it.
                after = await SettleAsync(cancellationToken);
            }
        }
        else if (status == 202)
        {
            after = await SettleAsync(cancellationToken);
        }

        _last = after;
    }

    /// <summary>Waits until the seed app has no running operation, the events queue is empty and two reads agree.</summary>
    private async Task<StoreSnapshot> SettleAsync(CancellationToken cancellationToken)
    {
        _settling.Start();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        var previous = StoreSnapshot.Read(dataPath);
        var (_, settled) = await Poll.UntilAsync(
            async () =>
            {
                var idle = await appIdle(deadline.Token);
                var current = StoreSnapshot.Read(dataPath);
                var quiet = idle && SameData(previous, current) && !current.Messages.Keys.Any(k => k.Scope == Stratus.Api.Events.EventQueueFunction.QueueName);
                previous = current;
                return (Quiet: quiet, Current: current);
            },
            r => r.Quiet,
            "the store settles after an accepted operation",
            deadline.Token);
        _settling.Stop();
        return settled;
    }

    // The host's timer blobs change on their own clock; everything else must hold still.
    private static bool SameData(StoreSnapshot a, StoreSnapshot b) =>
        a.Entities.Count == b.Entities.Count && a.Entities.All(e => b.Entities.TryGetValue(e.Key, out var v) && v == e.Value)
        && a.Blobs.Where(x => x.Key.Scope != "stratus-hosts").All(x => b.Blobs.TryGetValue(x.Key, out var v) && v == x.Value)
        && a.Blobs.Count(x => x.Key.Scope != "stratus-hosts") == b.Blobs.Count(x => x.Key.Scope != "stratus-hosts");

    private StoreSnapshot Read()
    {
        _reads.Start();
        var snapshot = StoreSnapshot.Read(dataPath);
        _reads.Stop();
        return snapshot;
    }

    private void Count(int status)
    {
        Sent++;
        _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
