namespace Stratus.Cli.Output;

/// <summary><c>--output</c>: Spectre tables for people, or the API's JSON for scripts.</summary>
internal enum OutputFormat
{
    Table,
    Json,
}
