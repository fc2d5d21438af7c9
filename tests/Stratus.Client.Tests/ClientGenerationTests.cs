using Stratus.Testing;

namespace Stratus.Client.Tests;

/// <summary>
/// The checked-in client is what kiota makes from the live API document, so the API and its client cannot drift: a
/// changed endpoint fails here until <c>scripts/generate-client.sh</c> is run. With <c>STRATUS_CLIENT_REGENERATE=1</c>
/// (what that script sets) the test writes the client instead of comparing.
/// </summary>
public sealed class ClientGenerationTests(ClientApiFixture api) : IClassFixture<ClientApiFixture>
{
    [Fact]
    public async Task Generate_FromLiveDocument_MatchesCheckedInClient()
    {
        using var client = api.CreateClient();
        var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestTimeout.Token());
        var output = Directory.CreateTempSubdirectory("stratus-client-");
        try
        {
            var generated = Path.Combine(output.FullName, "Generated");
            await ClientGenerator.GenerateAsync(document, generated, TestTimeout.Token(300));
            var checkedIn = Path.Combine(RepositoryPaths.Root, ClientGenerator.CheckedInFolder);
            if (Environment.GetEnvironmentVariable("STRATUS_CLIENT_REGENERATE") == "1")
            {
                Replace(checkedIn, generated);
            }

            var diff = FolderDiff.Of(checkedIn, generated);

            Assert.True(Directory.EnumerateFiles(generated, "*.cs", SearchOption.AllDirectories).Count() > 100, "kiota generated almost nothing");
            Assert.True(diff.IsEmpty, $"{ClientGenerator.CheckedInFolder} is not what the API's document generates; run scripts/generate-client.sh and commit the result.\n{diff}");
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static void Replace(string target, string source)
    {
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
