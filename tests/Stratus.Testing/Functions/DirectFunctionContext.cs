using Microsoft.Azure.Functions.Worker;

namespace Stratus.Testing.Functions;

/// <summary>
/// A <see cref="FunctionContext"/> for calling a function's method directly, as the worker would: its services are
/// the invocation's scope, its binding data what the trigger would have supplied. The worker builds the real one from
/// the Functions host's gRPC invocation request, and there is no host here. Members no Stratus function reads throw.
/// </summary>
public sealed class DirectFunctionContext(string functionName, IServiceProvider instanceServices, IReadOnlyDictionary<string, object?>? bindingData = null, CancellationToken cancellationToken = default)
    : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString("N");

    public override string FunctionId => functionName;

    public override TraceContext TraceContext => throw new NotSupportedException("Stratus functions do not read the trace context.");

    public override BindingContext BindingContext { get; } = new DirectBindingContext(bindingData ?? new Dictionary<string, object?>());

    public override RetryContext RetryContext => throw new NotSupportedException("Stratus functions do not read the retry context.");

    public override IServiceProvider InstanceServices { get; set; } = instanceServices;

    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException("Stratus functions do not read their definition.");

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException("Stratus functions do not read invocation features.");

    public override CancellationToken CancellationToken { get; } = cancellationToken;

    private sealed class DirectBindingContext(IReadOnlyDictionary<string, object?> bindingData) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData { get; } = bindingData;
    }
}
