using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Apps.Names;
using Stratus.Apps.Platforms;
using Stratus.Api.Api;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;

namespace Stratus.Api.Apps.Platforms;

/// <summary>
/// Platforms (Tsuru's <c>platform</c>): named base images that source deploys build on. Anyone signed in may read
/// them, since choosing one is part of creating an app; changing them is for platform managers.
/// </summary>
internal static class PlatformsApi
{
    private const string Example = """{"name": "static", "image": "127.0.0.1:5000/platforms/static:latest"}""";
    private const string UpdateExample = """{"image": "127.0.0.1:5000/platforms/static:v2", "disabled": false}""";
    private const string PlatformRoute = "/platforms/{platform:appname}";

    public static RouteGroupBuilder MapPlatformsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/platforms").WithTags("Platforms");
        group.MapGet("/", ListPlatforms)
            .WithName("ListPlatforms")
            .WithSummary("Every platform, by name, paged (?limit=, ?continuation=).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireAuthenticatedCaller();
        group.MapPost("/", CreatePlatform)
            .WithName("CreatePlatform")
            .WithSummary("Adds a platform: a name for a base image.")
            .Accepts<PlatformRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.PlatformManage);
        api.MapGet(PlatformRoute, GetPlatform)
            .WithName("GetPlatform")
            .WithSummary("A platform.")
            .WithTags("Platforms")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthenticatedCaller();
        api.MapPut(PlatformRoute, UpdatePlatform)
            .WithName("UpdatePlatform")
            .WithSummary("Changes a platform's image or disables it; omitted fields stay.")
            .WithTags("Platforms")
            .Accepts<PlatformRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.PlatformManage);
        api.MapDelete(PlatformRoute, DeletePlatform)
            .WithName("DeletePlatform")
            .WithSummary("Removes a platform.")
            .WithTags("Platforms")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.PlatformManage);
        return api;
    }

    internal static Task<Results<Ok<PageResponse<PlatformResponse>>, ProblemHttpResult>> ListPlatforms(
        PlatformStore platforms, int? limit, string? continuation, CancellationToken cancellationToken) =>
        Paging.PageAsync(limit, size => platforms.ListAsync(size, continuation, cancellationToken), PlatformResponse.From);

    internal static async Task<Results<Created<PlatformResponse>, ProblemHttpResult>> CreatePlatform(
        HttpContext context, PlatformStore platforms, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<PlatformRequest>(context.Request, Example, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        var platform = new Platform(body!.Name ?? "", body.Image?.Trim() ?? "", body.Disabled ?? false);
        if (platform.Problem() is { } invalid)
        {
            return ApiProblems.Invalid(invalid);
        }

        try
        {
            if (!await platforms.CreateAsync(platform, cancellationToken))
            {
                return ApiProblems.Conflict($"A platform named '{platform.Name}' exists already. Change its image with PUT /api/v1/platforms/{platform.Name} (stratus platform update).");
            }
        }
        catch (InvalidAppRequestException ex)
        {
            return ApiProblems.Invalid(ex.Message);
        }

        var created = await platforms.GetAsync(platform.Name, cancellationToken) ?? platform;
        return TypedResults.Created($"/api/v1/platforms/{platform.Name}", PlatformResponse.From(created));
    }

    internal static async Task<Results<Ok<PlatformResponse>, ProblemHttpResult>> GetPlatform(string platform, PlatformStore platforms, CancellationToken cancellationToken) =>
        await platforms.GetAsync(platform, cancellationToken) is { } found ? TypedResults.Ok(PlatformResponse.From(found)) : NoPlatform(platform);

    internal static async Task<Results<Ok<PlatformResponse>, ProblemHttpResult>> UpdatePlatform(
        string platform, HttpContext context, PlatformStore platforms, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<PlatformRequest>(context.Request, UpdateExample, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (body!.Name is not null && body.Name != platform)
        {
            return ApiProblems.Invalid($"The body names platform '{body.Name}' but the URL names '{platform}'; platforms cannot be renamed.");
        }

        try
        {
            var updated = await platforms.UpdateAsync(
                platform,
                p => p with { Image = body.Image?.Trim() ?? p.Image, Disabled = body.Disabled ?? p.Disabled },
                cancellationToken);
            return updated is null ? NoPlatform(platform) : TypedResults.Ok(PlatformResponse.From(updated));
        }
        catch (InvalidAppRequestException ex)
        {
            return ApiProblems.Invalid(ex.Message);
        }
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeletePlatform(string platform, PlatformStore platforms, CancellationToken cancellationToken) =>
        await platforms.DeleteAsync(platform, cancellationToken) ? TypedResults.NoContent() : NoPlatform(platform);

    private static ProblemHttpResult NoPlatform(string platform) =>
        ApiProblems.NotFound($"There is no platform '{platform}'. List the platforms with 'stratus platform list'.");
}
