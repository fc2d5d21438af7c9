namespace Stratus.Kubernetes.Routing;

/// <summary>Tsuru's <c>HealthcheckData</c> for <c>PUT /backend/{name}/healthcheck</c>.</summary>
/// <param name="Status">The status the path must answer with; 0 leaves it to the router.</param>
/// <param name="Body">A regular expression the answer's body must match, when set.</param>
public sealed record RouterHealthcheck(string Path, int Status = 0, string? Body = null);
