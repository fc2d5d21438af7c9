using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stratus.Api.Tests.Fuzz;

/// <summary>
/// A body the operation should accept, from its schema: every property the schema lists, with a value chosen by the
/// property's name where the schema's type alone cannot say what is valid (names of seed resources, a cron, a TCL
/// template, an email). Mutations then change one thing at a time, so a refusal is about that one thing.
/// </summary>
internal sealed class ValidBodyBuilder(FuzzSeedSet seed)
{
    private int _names;

    public JsonObject Build(OpenApiOperation operation, JsonElement schema, IReadOnlyDictionary<string, string> path)
    {
        var body = new JsonObject();
        if (!schema.TryGetProperty("properties", out var properties))
        {
            return body;
        }

        foreach (var property in properties.EnumerateObject())
        {
            body[property.Name] = Value(operation, property.Name, property.Value, path);
        }

        return body;
    }

    /// <summary>A fresh resource name, so creating never collides with an earlier request.</summary>
    public string NewName() => $"fz{++_names}";

    private JsonNode? Value(OpenApiOperation operation, string name, JsonElement schema, IReadOnlyDictionary<string, string> path)
    {
        var creating = operation.Method == "POST" && !operation.PathTemplate.EndsWith('}');
        switch (name)
        {
            case "name":
                // PUT/PATCH name the resource in the route; a body naming another would be refused for that alone.
                return path.Count > 0 && !creating ? path.Last().Value : NewName();
            case "key":
                return $"fz_key_{++_names}";
            case "id":
                return path.TryGetValue("template", out var template) ? template : null;
            case "email":
                return "fz@example.com";
            case "password":
                return FuzzSeedSet.Password;
            case "teamOwner" or "team":
                return seed.Team;
            case "teams":
                return new JsonArray(seed.Team);
            case "pool":
                return seed.Pool;
            case "plan":
                return seed.Plan;
            case "platform":
                return seed.Platform;
            case "role":
                return seed.Role;
            case "principal":
                return $"user:{seed.User}";
            case "scope":
                return $"team:{seed.Team}";
            case "permissions":
                return new JsonArray(seed.Permission);
            case "provisioner":
                return "podman";
            case "router":
                return "local";
            case "kubernetes":
                return null;
            case "address":
                return "127.0.0.1:5999";
            case "namespace":
                return "fz";
            case "image":
                return "127.0.0.1:5999/fz/image:1";
            case "cron":
                return "0 0 3 1 1 ? 2099";
            case "enabled" or "default" or "disabled" or "disable" or "insecure" or "private" or "sensitive" or "hcl" or "pruneUnused":
                return false;
            case "noRestart":
                return true;
            case "template":
                // Jobs are capped: no request may start a real terraform job, so a job's template never exists.
                return operation.PathTemplate.EndsWith("/jobs", StringComparison.Ordinal) ? "fz-no-such-template" : "plan";
            case "tcl":
                return FuzzSeedSet.Tcl;
            case "category":
                return "TERRAFORM";
            case "cpuMilli":
                return 100;
            case "memory":
                return "128Mi";
            case "units" or "priority" or "expiresInDays" or "version":
                return 1;
            case "process":
                return "web";
            case "cname":
                return new JsonArray($"{NewName()}.example.com");
            case "envs":
                return new JsonArray(new JsonObject { ["name"] = "FZ_ENV", ["value"] = "1", ["private"] = false });
            case "iacType":
                return "terraform";
            case "source" or "branch" or "commit" or "folder" or "terraformVersion" or "defaultTemplate" or "executionMode" or "displayName" or "groups":
                return null;
            default:
                break;
        }

        return OpenApiDocument.TypeOf(schema) switch
        {
            "string" => "fz",
            "integer" or "number" => 1,
            "boolean" => false,
            "array" => new JsonArray(),
            "object" when schema.TryGetProperty("properties", out _) => Build(operation, schema, path),
            "object" => new JsonObject(),
            _ => JsonSerializer.SerializeToNode("fz"),
        };
    }
}
