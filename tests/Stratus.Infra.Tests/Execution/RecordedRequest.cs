namespace Stratus.Infra.Tests.Execution;

public sealed record RecordedRequest(string Method, string PathAndQuery, string? Authorization, byte[] Body)
{
    public string Path => PathAndQuery.Split('?')[0];
}
