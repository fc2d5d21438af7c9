using System.Text.Json.Serialization;

namespace Stratus.Infra.Variables;

/// <summary>What a variable becomes in a run: a Terraform input variable (<c>TF_VAR_…</c>/tfvars) or an environment variable.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VariableCategory>))]
public enum VariableCategory
{
    [JsonStringEnumMemberName("TERRAFORM")]
    Terraform,

    [JsonStringEnumMemberName("ENV")]
    Env,
}
