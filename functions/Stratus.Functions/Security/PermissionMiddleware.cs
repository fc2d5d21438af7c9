namespace Stratus.Functions.Security;

/// <summary>Checks the endpoint's declared permission before its handler runs; a refusal is a 403 ProblemDetails.</summary>
internal sealed class PermissionMiddleware(RequestDelegate next, IPermissionEvaluator evaluator, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequiredPermission>() is { } required
            && !await evaluator.IsAllowedAsync(context, required.Name, context.RequestAborted))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = "Permission required",
                    Detail = $"This operation needs the '{required.Name}' permission. Ask a platform admin for a role that grants it.",
                },
            });
            return;
        }

        await next(context);
    }
}
