using System.Text.Json.Nodes;
using DurableTask.Core;
using DurableTask.Core.History;
using Newtonsoft.Json;
using Stratus.Api.Orchestrations;
using OrchestrationInstance = DurableTask.Core.OrchestrationInstance;

namespace Stratus.Api.Tests.Durable;

/// <summary>History arrives as backends hand it over: DTFx events serialized by Newtonsoft.</summary>
public sealed class OrchestrationHistoryJsonTests
{
    [Fact]
    public void ToJson_ExecutionStarted_TypeFirstCamelCaseAndInputAsJson()
    {
        var started = new ExecutionStartedEvent(-1, """{"app":"web"}""")
        {
            Name = "Deploy",
            OrchestrationInstance = new OrchestrationInstance { InstanceId = "i1", ExecutionId = "e1" },
            ParentInstance = new ParentInstance { Name = "Queue", TaskScheduleId = 4, OrchestrationInstance = new OrchestrationInstance { InstanceId = "parent-1" } },
        };

        var json = OrchestrationHistoryJson.ToJson(AsBackendJson(started));

        Assert.Equal("type", json.First().Key);
        Assert.Equal("ExecutionStarted", (string?)json["type"]);
        Assert.Equal("Deploy", (string?)json["name"]);
        Assert.Equal("web", (string?)json["input"]!["app"]);
        Assert.Equal("parent-1", (string?)json["parentInstance"]!["OrchestrationInstance"]!["InstanceId"]);
        Assert.False(json.ContainsKey("eventType"));
        Assert.False(json.ContainsKey("isPlayed"));
    }

    [Fact]
    public void ToJson_FailedTask_KeepsFailureDetails()
    {
        var failed = new TaskFailedEvent(-1, 3, null, null, new FailureDetails("System.IO.IOException", "disk full", null, null, false));

        var json = OrchestrationHistoryJson.ToJson(AsBackendJson(failed));

        Assert.Equal("TaskFailed", (string?)json["type"]);
        Assert.Equal(3, (int?)json["taskScheduledId"]);
        Assert.Equal("disk full", (string?)json["failureDetails"]!["ErrorMessage"]);
    }

    [Fact]
    public void ToJson_ResultThatIsNotJson_IsKeptAsAString()
    {
        var completed = new TaskCompletedEvent(-1, 1, "not json");

        var json = OrchestrationHistoryJson.ToJson(AsBackendJson(completed));

        Assert.Equal("not json", (string?)json["result"]);
    }

    private static JsonObject AsBackendJson(HistoryEvent historyEvent) =>
        JsonNode.Parse(JsonConvert.SerializeObject(historyEvent))!.AsObject();
}
