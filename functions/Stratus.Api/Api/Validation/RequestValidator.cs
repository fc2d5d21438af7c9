using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Validation;

namespace Stratus.Api.Api.Validation;

/// <summary>
/// Runs the framework's minimal-API validation (Microsoft.Extensions.Validation, its source-generated type info) on a
/// request body the endpoint read itself (<see cref="JsonRequestBody"/>). The endpoints read bodies by hand for strict
/// parsing and their own messages, so the automatic endpoint filter never sees them; this applies the same rules.
/// </summary>
internal static class RequestValidator
{
    /// <returns>A problem text naming each field that breaks its limit, or <c>null</c> when the body is within them.</returns>
    /// <exception cref="InvalidOperationException">The type has no generated validation info (not marked <c>[ValidatableType]</c>).</exception>
    public static async Task<string?> ProblemAsync<T>(T value, IServiceProvider services, CancellationToken cancellationToken)
        where T : class
    {
        var options = services.GetRequiredService<IOptions<ValidationOptions>>().Value;
        if (!options.TryGetValidatableTypeInfo(typeof(T), out var info))
        {
            throw new InvalidOperationException(
                $"{typeof(T).Name} is read as a request body but has no validation info: mark it [ValidatableType] and give each string a [Text] limit.");
        }

        var context = new ValidateContext
        {
            ValidationOptions = options,
            ValidationContext = new ValidationContext(value, services, items: null),
        };
        await info.ValidateAsync(value, context, cancellationToken);
        if (context.ValidationErrors is not { Count: > 0 } errors)
        {
            return null;
        }

        return string.Join(" ", errors.Select(e => $"'{JsonPath(e.Key)}' {string.Join(" ", e.Value)}"));
    }

    /// <summary>The request records' C# names (<c>Envs[0].Value</c>) as the JSON body spells them (<c>envs[0].value</c>).</summary>
    internal static string JsonPath(string path)
    {
        var json = new StringBuilder(path.Length);
        var segmentStart = true;
        foreach (var c in path)
        {
            json.Append(segmentStart ? char.ToLowerInvariant(c) : c);
            segmentStart = c is '.';
        }

        return json.ToString();
    }
}
