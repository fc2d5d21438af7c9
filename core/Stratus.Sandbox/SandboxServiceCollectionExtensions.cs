using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Stratus.Containers.Tools;
using Stratus.Sandbox.Podman;
using Stratus.Sandbox.Process;

namespace Stratus.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary>
    /// The step sandbox: the driver <c>Stratus:Infra:Jobs:Sandbox:Driver</c> names, or podman where it is installed.
    /// Without podman and without a driver set, steps fail with a reason instead of running unsandboxed.
    /// </summary>
    public static IServiceCollection AddStratusStepSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SandboxOptions>().Bind(configuration.GetSection(SandboxOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IStepSandbox>(sp => Create(sp.GetRequiredService<IOptions<SandboxOptions>>().Value, () => Tools(sp), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    internal static IStepSandbox Create(SandboxOptions options, Func<ContainerToolsEnvironment> tools, TimeProvider time)
    {
        switch (options.Driver)
        {
            case ProcessStepSandbox.DriverName:
                return new ProcessStepSandbox(options);
            case PodmanStepSandbox.DriverName:
                return Podman(options, tools(), time);
            default:
                var environment = tools();
                return ContainerToolsEnvironment.IsInstalled(environment.Options.PodmanPath)
                    ? Podman(options, environment, time)
                    : new UnavailableStepSandbox($"Job steps run in a podman sandbox, and podman is not installed here. Install podman (and buildah, busybox-static, bash-static), or for development only set {SandboxOptions.SectionName}:Driver=process and :AllowUnsandboxedProcess=true.");
        }
    }

    private static PodmanStepSandbox Podman(SandboxOptions options, ContainerToolsEnvironment tools, TimeProvider time) =>
        new(tools, options, new StepImageBuilder(tools, options), time);

    // The apps' container tools configuration when the host has one (one podman store per host); otherwise a folder of
    // the sandbox's own.
    private static ContainerToolsEnvironment Tools(IServiceProvider services)
    {
        var configured = services.GetService<IOptions<ContainerToolsOptions>>()?.Value;
        var options = configured is { Directory.Length: > 0 } ? configured : new ContainerToolsOptions { Directory = Path.Combine(Path.GetTempPath(), "stratus-sandbox-containers") };
        return ContainerToolsEnvironment.Create(options);
    }
}
