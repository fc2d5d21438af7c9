using System.Text;
using System.Text.Json;
using Stratus.Containers.Assembly;
using Stratus.Containers.Oci;

namespace Stratus.Containers.Tests.Assembly;

public sealed class ImageConfigEditorTests
{
    private const string DiffId = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private static readonly LayerFile Layer = new("/nonexistent", "sha256:2222222222222222222222222222222222222222222222222222222222222222", DiffId, 10);

    private static readonly byte[] Base = Encoding.UTF8.GetBytes("""
        {"os":"linux","architecture":"amd64","created":"2025-01-01T00:00:00Z","vendor.extension":{"b":2,"a":1},
         "config":{"Env":["PATH=/bin","PORT=8888"],"Cmd":["/bin/httpd","-f"],"WorkingDir":"/","ExposedPorts":{"8888":{}},
                   "Labels":{"z":"1","a":"2"},"Healthcheck":{"Test":["CMD","true"]}},
         "rootfs":{"type":"layers","diff_ids":["sha256:0000000000000000000000000000000000000000000000000000000000000000"]},
         "history":[{"created_by":"base"}]}
        """);

    [Fact]
    public void Apply_Changes_MergedIntoBase()
    {
        var changes = new ImageConfigChanges
        {
            Env = new Dictionary<string, string> { ["PORT"] = "9999", ["APP"] = "web=1" },
            WorkingDir = "/home/application/current",
            ExposedPorts = ["9999", "53/udp"],
            Labels = new Dictionary<string, string> { ["app"] = "web", ["z"] = "9" },
            User = "1000",
        };

        var config = ImageConfig.Parse(ImageConfigEditor.Apply(Base, [Layer], changes));

        Assert.Equal(["PATH=/bin", "PORT=9999", "APP=web=1"], config.Config.Env);
        Assert.Equal("web=1", config.Config.GetEnv("APP"));
        Assert.Equal("/home/application/current", config.Config.WorkingDir);
        Assert.Equal(["53/udp", "8888/tcp", "9999/tcp"], config.Config.ExposedPorts);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "2", ["app"] = "web", ["z"] = "9" }, config.Config.Labels);
        Assert.Equal("1000", config.Config.User);
        Assert.Equal(["/bin/httpd", "-f"], config.Config.Cmd);
        Assert.Equal(["sha256:0000000000000000000000000000000000000000000000000000000000000000", DiffId], config.DiffIds);
        Assert.Equal(["base", changes.HistoryCreatedBy], config.History.Select(h => h.CreatedBy));
        Assert.Equal("2025-01-01T00:00:00Z", config.Created);
    }

    [Fact]
    public void Apply_EntrypointWithoutCmd_ClearsBaseCmd()
    {
        var config = ImageConfig.Parse(ImageConfigEditor.Apply(Base, [], new ImageConfigChanges { Entrypoint = ["/bin/sh", "-c"] }));

        Assert.Equal(["/bin/sh", "-c"], config.Config.Entrypoint);
        Assert.Null(config.Config.Cmd);
    }

    [Fact]
    public void Apply_EntrypointAndCmd_BothSet()
    {
        var config = ImageConfig.Parse(ImageConfigEditor.Apply(Base, [], new ImageConfigChanges { Entrypoint = ["/bin/sh", "-c"], Cmd = ["exec web"] }));

        Assert.Equal(["exec web"], config.Config.Cmd);
    }

    [Fact]
    public void Apply_SameInput_SameCanonicalBytesWithUnknownFieldsKept()
    {
        var changes = new ImageConfigChanges { Env = new Dictionary<string, string> { ["B"] = "2", ["A"] = "1" } };

        var first = ImageConfigEditor.Apply(Base, [Layer], changes);
        var second = ImageConfigEditor.Apply(Base, [Layer], changes with { Env = new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" } });

        Assert.Equal(first, second);
        var text = Encoding.UTF8.GetString(first);
        Assert.StartsWith("{\"architecture\":\"amd64\",\"config\":{", text, StringComparison.Ordinal);
        Assert.Contains("\"vendor.extension\":{\"a\":1,\"b\":2}", text, StringComparison.Ordinal);
        Assert.Contains("\"Healthcheck\":{\"Test\":[\"CMD\",\"true\"]}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_Created_SetsImageAndHistoryTime()
    {
        var changes = new ImageConfigChanges { Created = new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.FromHours(2)) };

        var config = ImageConfig.Parse(ImageConfigEditor.Apply(Base, [Layer], changes));

        Assert.Equal("2026-02-03T02:05:06Z", config.Created);
        Assert.Equal("2026-02-03T02:05:06Z", config.History[^1].Created);
    }

    [Fact]
    public void Apply_MinimalConfig_CreatesRootfsAndHistory()
    {
        var config = ImageConfig.Parse(ImageConfigEditor.Apply("{}"u8, [Layer], new ImageConfigChanges { Cmd = ["x"] }));

        Assert.Equal([DiffId], config.DiffIds);
        Assert.Single(config.History);
        Assert.Equal(["x"], config.Config.Cmd);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("70000")]
    [InlineData("80/http")]
    [InlineData("abc")]
    public void Apply_InvalidPort_Refused(string port) =>
        Assert.Throws<ArgumentException>(() => ImageConfigEditor.Apply(Base, [], new ImageConfigChanges { ExposedPorts = [port] }));

    [Fact]
    public void Apply_InvalidBase_InvalidDataException()
    {
        Assert.Throws<InvalidDataException>(() => ImageConfigEditor.Apply("[1]"u8, [], ImageConfigChanges.None));
        Assert.Throws<InvalidDataException>(() => ImageConfigEditor.Apply("{"u8, [], ImageConfigChanges.None));
    }

    [Fact]
    public void Apply_NoChanges_StillValidJson()
    {
        using var document = JsonDocument.Parse(ImageConfigEditor.Apply(Base, [], ImageConfigChanges.None));

        Assert.Equal("linux", document.RootElement.GetProperty("os").GetString());
    }
}
