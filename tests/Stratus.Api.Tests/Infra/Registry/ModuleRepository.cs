using Stratus.Processes;

namespace Stratus.Api.Tests.Infra.Registry;

/// <summary>A git repository on disk for module publishes: each <see cref="CommitAndTagAsync"/> commits the files given and tags the commit.</summary>
internal sealed class ModuleRepository : IDisposable
{
    private ModuleRepository(string path) => Path = path;

    public string Path { get; }

    public string Url => "file://" + Path;

    public static async Task<ModuleRepository> CreateAsync(CancellationToken cancellationToken)
    {
        var repository = new ModuleRepository(Directory.CreateTempSubdirectory("stratus-module-repo-").FullName);
        await repository.GitAsync(cancellationToken, "init", "-q", "-b", "main");
        return repository;
    }

    /// <summary>Writes the files (a null content removes the file, a content starting with "-> " makes a symbolic link), commits and tags.</summary>
    public async Task CommitAndTagAsync(string tag, IReadOnlyDictionary<string, string?> files, CancellationToken cancellationToken)
    {
        foreach (var (name, content) in files)
        {
            var file = System.IO.Path.Combine(Path, name);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
            if (content is null)
            {
                File.Delete(file);
            }
            else if (content.StartsWith("-> ", StringComparison.Ordinal))
            {
                File.CreateSymbolicLink(file, content[3..]);
            }
            else
            {
                await File.WriteAllTextAsync(file, content, cancellationToken);
            }
        }

        await GitAsync(cancellationToken, "add", "-A");
        await GitAsync(cancellationToken, "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "commit", "-q", "--allow-empty", "-m", tag);
        await GitAsync(cancellationToken, "tag", tag);
    }

    public void Dispose() => Stratus.Archives.LocalFiles.DeleteQuietly(Path);

    private async Task GitAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var output = new List<string>();
        var exit = await ProcessRunner.RunAsync(new ProcessSpec("git", arguments, Path), output.Add, cancellationToken);
        Assert.True(exit == 0, $"git {string.Join(' ', arguments)} failed: {string.Join('\n', output)}");
    }
}
