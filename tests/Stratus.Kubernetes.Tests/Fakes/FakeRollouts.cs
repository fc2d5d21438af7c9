using System.Text.Json.Nodes;

namespace Stratus.Kubernetes.Tests.Fakes;

/// <summary>
/// Scripted Deployment status, computed on every GET of a Deployment from the stored object and how many times it has
/// been read since it was last applied.
/// </summary>
public delegate JsonObject RolloutScript(JsonObject deployment, int reads);

public static class FakeRollouts
{
    /// <summary>Every unit of the applied generation ready at once.</summary>
    public static RolloutScript Ready { get; } = (deployment, _) => Status(deployment, ready: Replicas(deployment));

    /// <summary>Units come up one per read; complete after the <paramref name="reads"/>th read.</summary>
    public static RolloutScript ReadyAfter(int reads) => (deployment, read) =>
        read >= reads ? Status(deployment, ready: Replicas(deployment)) : Status(deployment, ready: Math.Min(read * Replicas(deployment) / reads, Replicas(deployment) - 1));

    /// <summary>New units exist but never become ready (a failing readiness probe); the status never moves.</summary>
    public static RolloutScript NeverReady { get; } = (deployment, _) => Status(deployment, ready: 0);

    /// <summary>Kubernetes has given up: Progressing=False, ProgressDeadlineExceeded.</summary>
    public static RolloutScript DeadlineExceeded { get; } = (deployment, _) =>
    {
        var status = Status(deployment, ready: 0);
        status["conditions"] = new JsonArray(new JsonObject
        {
            ["type"] = "Progressing",
            ["status"] = "False",
            ["reason"] = "ProgressDeadlineExceeded",
            ["message"] = $"ReplicaSet \"{deployment["metadata"]!["name"]}-abc\" has timed out progressing.",
        });
        return status;
    };

    /// <summary>Different behaviour per <c>app-version</c> of the pod template (the previous version restored is ready, say).</summary>
    public static RolloutScript ByVersion(IReadOnlyDictionary<string, RolloutScript> scripts, RolloutScript otherwise) => (deployment, reads) =>
    {
        var version = deployment["spec"]?["template"]?["metadata"]?["labels"]?["app-version"]?.GetValue<string>() ?? "";
        return (scripts.GetValueOrDefault(version) ?? otherwise)(deployment, reads);
    };

    public static int Replicas(JsonObject deployment) => deployment["spec"]?["replicas"]?.GetValue<int>() ?? 1;

    private static JsonObject Status(JsonObject deployment, int ready) => new()
    {
        ["observedGeneration"] = deployment["metadata"]?["generation"]?.GetValue<long>() ?? 1,
        ["replicas"] = Replicas(deployment),
        ["updatedReplicas"] = Replicas(deployment),
        ["readyReplicas"] = ready,
        ["availableReplicas"] = ready,
    };
}
