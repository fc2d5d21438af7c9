using System.Text;

namespace Stratus.Infra.Tests.State;

/// <summary>State files shaped as terraform 1.11 writes them (one terraform_data resource and an output).</summary>
internal static class TestStates
{
    public static byte[] Make(long serial, string lineage, string label = "one") => Encoding.UTF8.GetBytes($$"""
        {
          "version": 4,
          "terraform_version": "1.11.4",
          "serial": {{serial}},
          "lineage": "{{lineage}}",
          "outputs": {
            "label": {
              "value": "{{label}}",
              "type": "string"
            }
          },
          "resources": [
            {
              "mode": "managed",
              "type": "terraform_data",
              "name": "item",
              "provider": "provider[\"terraform.io/builtin/terraform\"]",
              "instances": [
                {
                  "schema_version": 0,
                  "attributes": {
                    "id": "{{Guid.NewGuid()}}",
                    "input": { "value": "{{label}}", "type": "string" },
                    "output": { "value": "{{label}}", "type": "string" },
                    "serial": 99,
                    "triggers_replace": null
                  },
                  "sensitive_attributes": []
                }
              ]
            }
          ],
          "check_results": null
        }

        """);

    public static string NewLineage() => Guid.NewGuid().ToString();
}
