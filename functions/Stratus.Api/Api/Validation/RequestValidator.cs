using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;

namespace Stratus.Api.Api.Validation;

/// <summary>
/// Holds a request body that <see cref="JsonRequestBody"/> (or an endpoint's own reader) parsed to the limits its record
/// declares with DataAnnotations (<see cref="TextAttribute"/>, <see cref="TextListAttribute"/>,
/// <see cref="TextMapAttribute"/>, <see cref="MaxLengthAttribute"/>), walking into nested request records and lists of
/// them, and names each failing field by its JSON path (<c>envs[1].value</c>).
/// <para>
/// Why DataAnnotations' <see cref="Validator"/> and not .NET 10's minimal-API validation (<c>AddValidation()</c>): the
/// endpoints read bodies by hand for strict parsing, so the automatic endpoint filter never sees them, and the
/// validations source generator (SDK 10.0.1xx) emits type info for <c>[ValidatableType]</c> types only when they are
/// public; the request records are internal, and making them public for this would only add API surface. The attributes
/// are the same ones either way, so moving to the generator later changes this class only.
/// </para>
/// </summary>
internal static class RequestValidator
{
    /// <returns>A problem text naming each field that breaks its limit, or <c>null</c> when the body is within them.</returns>
    public static string? Problem(object value, IServiceProvider? services) => Check(value, services)?.Detail;

    /// <returns>Each field that breaks its limit, by JSON path, with what is wrong; <c>null</c> when the body is within them.</returns>
    public static RequestLimitViolation? Check(object value, IServiceProvider? services)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Validate(value, "", services, errors, depth: 0);
        return errors.Count == 0 ? null : new RequestLimitViolation(errors);
    }

    private static void Validate(object value, string path, IServiceProvider? services, Dictionary<string, string[]> errors, int depth)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value, services, items: null), results, validateAllProperties: true);
        foreach (var group in results.GroupBy(r => path + JsonName(r.MemberNames.FirstOrDefault() ?? ""), StringComparer.Ordinal))
        {
            errors[group.Key] = group.Select(r => r.ErrorMessage ?? "is not valid.").ToArray();
        }

        // Request records nest a few levels at most (a pool's registry, an env list's entries).
        if (depth == 4)
        {
            return;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetValue(value) is not { } child)
            {
                continue;
            }

            var childPath = path + JsonName(property.Name);
            if (IsRequestRecord(child.GetType()))
            {
                Validate(child, childPath + ".", services, errors, depth + 1);
            }
            else if (child is IEnumerable items and not string and not IDictionary)
            {
                var index = 0;
                foreach (var item in items)
                {
                    if (item is not null && IsRequestRecord(item.GetType()))
                    {
                        Validate(item, $"{childPath}[{index}].", services, errors, depth + 1);
                    }

                    index++;
                }
            }
        }
    }

    // The records the endpoints define live in this assembly; strings, numbers and JsonElement are checked by attributes.
    private static bool IsRequestRecord(Type type) => type.IsClass && type.Assembly == typeof(RequestValidator).Assembly;

    private static string JsonName(string member) => JsonNamingPolicy.CamelCase.ConvertName(member);
}
