using System.Text.Json.Nodes;

namespace Stratus.Kubernetes.Tests.Fakes;

/// <summary>Pods as the API server reports them, in the states the runtime must recognise.</summary>
public static class FakePods
{
    public static JsonObject Create(
        string app,
        string process,
        int version,
        string name,
        string phase = "Running",
        bool ready = true,
        string? podIp = "10.0.0.5",
        int port = 8888,
        int restartCount = 0,
        string? waitingReason = null,
        int? lastExitCode = null)
    {
        var state = waitingReason is null
            ? new JsonObject { ["running"] = new JsonObject { ["startedAt"] = "2026-01-01T00:00:00Z" } }
            : new JsonObject { ["waiting"] = new JsonObject { ["reason"] = waitingReason, ["message"] = "back-off 40s restarting failed container" } };
        var containerStatus = new JsonObject
        {
            ["name"] = process,
            ["ready"] = ready,
            ["restartCount"] = restartCount,
            ["state"] = state,
        };
        if (lastExitCode is not null)
        {
            containerStatus["lastState"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = lastExitCode, ["reason"] = "Error" } };
        }

        var container = new JsonObject { ["name"] = process, ["image"] = "img" };
        if (port > 0)
        {
            container["ports"] = new JsonArray(new JsonObject { ["containerPort"] = port });
        }

        var status = new JsonObject
        {
            ["phase"] = phase,
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready ? "True" : "False" }),
            ["containerStatuses"] = new JsonArray(containerStatus),
        };
        if (podIp is not null)
        {
            status["podIP"] = podIp;
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = "apps",
                ["labels"] = new JsonObject
                {
                    ["app-name"] = app,
                    ["app-process"] = process,
                    ["app-version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["app.kubernetes.io/managed-by"] = "stratus",
                },
            },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(container) },
            ["status"] = status,
        };
    }
}
