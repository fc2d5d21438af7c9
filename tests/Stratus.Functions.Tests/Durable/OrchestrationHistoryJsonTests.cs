using Stratus.Durable;
using Stratus.Durable.History;
using Stratus.Functions.Orchestrations;

namespace Stratus.Functions.Tests.Durable;

public sealed class OrchestrationHistoryJsonTests
{
    [Fact]
    public void ToJson_StartedWithCarriedEvents_TypesFirstAndPayloadsAsJsonAtEveryLevel()
    {
        var started = new ExecutionStartedEvent("Deploy", "e1", new ParentInstance("parent-1", "pe1", 4), [new EventRaisedEvent("approval") { Data = """{"by":"bob"}""" }])
        {
            Data = """{"app":"web"}""",
            Timestamp = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero),
        };

        var json = OrchestrationHistoryJson.ToJson(started);

        Assert.Equal("type", json.First().Key);
        Assert.Equal("ExecutionStarted", (string?)json["type"]);
        Assert.False(json.ContainsKey("$type"));
        Assert.Equal("web", (string?)json["data"]!["app"]);
        Assert.Equal("parent-1", (string?)json["parent"]!["instanceId"]);
        Assert.Equal("approval", (string?)json["carried"]![0]!["name"]);
        Assert.Equal("bob", (string?)json["carried"]![0]!["data"]!["by"]);
    }

    [Fact]
    public void ToJson_FailedTask_KeepsFailureAndDropsBlobName()
    {
        var failed = new TaskFailedEvent(3, new FailureDetails("System.IO.IOException", "disk full")) { DataBlob = "i1/blob.json.gz" };

        var json = OrchestrationHistoryJson.ToJson(failed);

        Assert.Equal("TaskFailed", (string?)json["type"]);
        Assert.Equal(3, (int?)json["taskScheduledId"]);
        Assert.Equal("disk full", (string?)json["failure"]!["errorMessage"]);
        Assert.False(json.ContainsKey("dataBlob"));
    }

    [Fact]
    public void ToJson_DataThatIsNotJson_IsKeptAsAString()
    {
        var raised = new EventRaisedEvent("legacy") { Data = "not json" };

        var json = OrchestrationHistoryJson.ToJson(raised);

        Assert.Equal("not json", (string?)json["data"]);
    }
}
