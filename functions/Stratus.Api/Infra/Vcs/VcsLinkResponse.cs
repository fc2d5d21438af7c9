using Stratus.Infra.Vcs;

namespace Stratus.Api.Infra.Vcs;

internal sealed record VcsLinkResponse(
    string Workspace, string Connection, string Repository, IReadOnlyList<string> Branches, IReadOnlyList<string> Folders, string? Template, bool SpeculativePlans, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static VcsLinkResponse From(VcsLink l) => new(l.Workspace, l.Connection, l.Repository, l.Branches, l.Folders, l.Template, l.SpeculativePlans, l.CreatedAt, l.CreatedBy);
}
