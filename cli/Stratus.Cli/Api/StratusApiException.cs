namespace Stratus.Cli.Api;

/// <summary>
/// The API refused a request (<see cref="Status"/> 4xx, exit code 1), failed (5xx, exit code 2) or could not be reached
/// (<see cref="Status"/> null, exit code 2). <see cref="Title"/> and <see cref="Detail"/> come from the problem answer.
/// </summary>
internal sealed class StratusApiException(int? status, string title, string? detail) : Exception(detail is null ? title : $"{title}: {detail}")
{
    public int? Status { get; } = status;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    public int ExitCode => Status is >= 400 and < 500 ? 1 : 2;
}
