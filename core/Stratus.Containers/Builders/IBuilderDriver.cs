namespace Stratus.Containers.Builders;

/// <summary>
/// Builds an app image somewhere and pushes it to the app registry. Implementations: <see cref="BuildahBuilderDriver"/>
/// (local, buildah with chroot isolation and vfs storage). Designed, not built yet (see Builders/README.md):
/// <c>BuildKitBuilderDriver</c> (a buildkitd reached with <c>buildctl build --frontend dockerfile.v0
/// --output type=image,name=&lt;target&gt;,push=true</c>; hooks builds become a generated Dockerfile) and
/// <c>AcrTasksBuilderDriver</c> (ACR <c>scheduleRun</c> with a <c>DockerBuildRequest</c> or an
/// <c>EncodedTaskRunRequest</c> over a context uploaded through <c>listBuildSourceUploadUrl</c>, authenticated with
/// the managed identity; the run log is polled from its log SAS URL).
/// </summary>
/// <remarks>
/// Every line the builder prints goes to the log callback as it arrives. Cancelling the token stops the build (and
/// whatever process tree it runs) and ends in <see cref="OperationCanceledException"/>; a failed build ends in
/// <see cref="BuildFailedException"/> carrying the last lines of its log.
/// </remarks>
public interface IBuilderDriver
{
    /// <summary>Builds <see cref="DockerfileBuild.Dockerfile"/> in its context and pushes the result to <see cref="DockerfileBuild.Target"/>.</summary>
    Task<BuiltImage> BuildDockerfileAsync(DockerfileBuild request, Action<string> log, CancellationToken cancellationToken);

    /// <summary>
    /// Starts from <see cref="HookBuild.BaseImage"/>, adds the app source at <c>/home/application/current</c>, runs
    /// the <c>hooks.build</c> commands there, applies the image config and pushes to <see cref="HookBuild.Target"/>.
    /// </summary>
    Task<BuiltImage> BuildWithHooksAsync(HookBuild request, Action<string> log, CancellationToken cancellationToken);
}
