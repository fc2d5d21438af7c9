using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Functions.CustomHandler;
using Stratus.Functions.Functions;
using Stratus.Testing;

namespace Stratus.Functions.Tests.CustomHandler;

public sealed class CustomHandlerInvocationTests(CustomHandlerApiFixture api) : IClassFixture<CustomHandlerApiFixture>
{
    [Fact]
    public async Task Queue_DocsExamplePayload_ReachesHandlerWithMessageAndMetadata()
    {
        // Microsoft's custom-handler request payload example, with the binding named as our function.json names it.
        const string payload = """
            {
              "Data": {
                "msg": "{ message: \"Message sent\" }"
              },
              "Metadata": {
                "DequeueCount": 1,
                "ExpirationTime": "2019-10-16T17:58:31+00:00",
                "Id": "800ae4b3-bdd2-4c08-badd-f08e5a34b865",
                "InsertionTime": "2019-10-09T17:58:31+00:00",
                "NextVisibleTime": "2019-10-09T18:08:32+00:00",
                "PopReceipt": "AgAAAAMAAAAAAAAAAgtnj8x+1QE=",
                "sys": {
                  "MethodName": "QueueTrigger",
                  "UtcNow": "2019-10-09T17:58:32.2205399Z",
                  "RandGuid": "24ad4c06-24ad-4e5b-8294-3da9714877e9"
                }
              }
            }
            """;

        using var response = await PostAsync(CustomHandlerApiFixture.QueueFunction, payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertInvocationResponseShapeAsync(response);
        var invocation = api.Recorder.QueueByMessageText["{ message: \"Message sent\" }"];
        Assert.Equal(
            new QueueInvocation(
                CustomHandlerApiFixture.QueueFunction,
                CustomHandlerApiFixture.QueueName,
                "{ message: \"Message sent\" }",
                "800ae4b3-bdd2-4c08-badd-f08e5a34b865",
                "AgAAAAMAAAAAAAAAAgtnj8x+1QE=",
                1,
                DateTimeOffset.Parse("2019-10-09T17:58:31+00:00", System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset.Parse("2019-10-16T17:58:31+00:00", System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset.Parse("2019-10-09T18:08:32+00:00", System.Globalization.CultureInfo.InvariantCulture)),
            invocation);
    }

    [Fact]
    public async Task Queue_HostEncodedScalars_AreDecodedOnce()
    {
        // What the host really sends: values passed through JsonConvert.SerializeObject before the payload is written.
        const string payload = """
            {
              "Data": { "msg": "\"plain text message\"" },
              "Metadata": {
                "DequeueCount": "3",
                "Id": "\"4e773554-f6b7-4ea2-b07d-4c5fd5aba741\"",
                "PopReceipt": "\"AgAAAAMAAAAAAAAA\"",
                "InsertionTime": "\"2023-10-12T20:13:49.640002+00:00\"",
                "ExpirationTime": "2023-10-19T20:13:49.640002Z",
                "NextVisibleTime": "2023-10-12T20:14:19",
                "sys": { "MethodName": "testQueue", "UtcNow": "2023-10-12T20:13:49.640002Z", "RandGuid": "4e773554-f6b7-4ea2-b07d-4c5fd5aba741" }
              }
            }
            """;

        using var response = await PostAsync(CustomHandlerApiFixture.QueueFunction, payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var invocation = api.Recorder.QueueByMessageText["plain text message"];
        Assert.Equal("4e773554-f6b7-4ea2-b07d-4c5fd5aba741", invocation.MessageId);
        Assert.Equal("AgAAAAMAAAAAAAAA", invocation.PopReceipt);
        Assert.Equal(3, invocation.DequeueCount);
        Assert.Equal(new DateTimeOffset(2023, 10, 12, 20, 13, 49, TimeSpan.Zero).AddTicks(6400020), invocation.InsertionTime);
        Assert.Equal(new DateTimeOffset(2023, 10, 19, 20, 13, 49, TimeSpan.Zero).AddTicks(6400020), invocation.ExpirationTime);
        Assert.Equal(new DateTimeOffset(2023, 10, 12, 20, 14, 19, TimeSpan.Zero), invocation.NextVisibleTime);
    }

    [Fact]
    public async Task Queue_JsonMessageDeserializedByHost_PassesItsJsonText()
    {
        const string payload = """{"Data":{"msg":{"instanceId":"abc-json-object","events":[1,2]}},"Metadata":{"Id":"m-2","DequeueCount":1}}""";

        using var response = await PostAsync(CustomHandlerApiFixture.QueueFunction, payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var invocation = api.Recorder.QueueByMessageText["""{"instanceId":"abc-json-object","events":[1,2]}"""];
        Assert.Equal("m-2", invocation.MessageId);
        Assert.Null(invocation.PopReceipt);
        Assert.Null(invocation.InsertionTime);
    }

    [Fact]
    public async Task Timer_DocsExamplePayload_ReachesHandlerWithScheduleStatus()
    {
        // The timer object from Microsoft's timer trigger docs, in the custom-handler envelope.
        const string payload = """
            {
              "Data": {
                "timer": {
                  "Schedule": {
                    "AdjustForDST": true
                  },
                  "ScheduleStatus": {
                    "Last": "2016-10-04T10:15:00+00:00",
                    "LastUpdated": "2016-10-04T10:16:00+00:00",
                    "Next": "2016-10-04T10:20:00+00:00"
                  },
                  "IsPastDue": true
                }
              },
              "Metadata": {
                "sys": {
                  "MethodName": "testTimer",
                  "UtcNow": "2016-10-04T10:20:00.0172011Z",
                  "RandGuid": "fa3b2fbc-26ed-4fcb-be75-82db8773b519"
                }
              }
            }
            """;

        using var response = await PostAsync(CustomHandlerApiFixture.TimerFunction, payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertInvocationResponseShapeAsync(response);
        Assert.Equal(
            new TimerInvocation(
                CustomHandlerApiFixture.TimerFunction,
                new TimerScheduleStatus(
                    new DateTimeOffset(2016, 10, 4, 10, 15, 0, TimeSpan.Zero),
                    new DateTimeOffset(2016, 10, 4, 10, 20, 0, TimeSpan.Zero),
                    new DateTimeOffset(2016, 10, 4, 10, 16, 0, TimeSpan.Zero)),
                IsPastDue: true),
            api.Recorder.Timers.Last());
    }

    [Fact]
    public async Task Timer_FirstRunWithoutOffsetAndNoStatus_ParsesAsUtcAndNull()
    {
        const string firstRun = """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"0001-01-01T00:00:00","Next":"2024-11-30T14:45:51+00:00","LastUpdated":"2024-11-30T14:43:50.403838+00:00"},"IsPastDue":false}},"Metadata":{}}""";
        const string unmonitored = """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{}}""";

        using var first = await PostAsync(CustomHandlerApiFixture.TimerFunction, firstRun);
        var firstInvocation = api.Recorder.Timers.Last();
        using var second = await PostAsync(CustomHandlerApiFixture.TimerFunction, unmonitored);
        var secondInvocation = api.Recorder.Timers.Last();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(DateTimeOffset.MinValue, firstInvocation.ScheduleStatus?.Last);
        Assert.Equal(new DateTimeOffset(2024, 11, 30, 14, 45, 51, TimeSpan.Zero), firstInvocation.ScheduleStatus?.Next);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Null(secondInvocation.ScheduleStatus);
        Assert.False(secondInvocation.IsPastDue);
    }

    [Fact]
    public async Task Queue_HandlerThrows_Returns500WithErrorInLogs()
    {
        const string payload = """{"Data":{"msg":"doomed"},"Metadata":{"Id":"m-3","DequeueCount":5}}""";

        using var response = await PostAsync(CustomHandlerApiFixture.FailingFunction, payload);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await AssertInvocationResponseShapeAsync(response);
        var log = Assert.Single(body.GetProperty("Logs").EnumerateArray()).GetString();
        Assert.Contains(FailingQueueFunction.Error, log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("[1,2,3]", "must be a JSON object")]
    [InlineData("""{"Metadata":{}}""", "no 'Data' member")]
    [InlineData("""{"Data":{"message":"wrong binding name"}}""", "no 'msg' member")]
    [InlineData("""{"Data":{"msg":null}}""", "it is null")]
    [InlineData("""{"Data":{"msg":"x"},"Metadata":{"DequeueCount":"many"}}""", "Metadata.DequeueCount must be an integer")]
    [InlineData("""{"Data":{"msg":"x"},"Metadata":{"InsertionTime":"yesterday"}}""", "Metadata.InsertionTime must be an ISO 8601 time")]
    public async Task Queue_MalformedPayload_Returns400ProblemDetails(string payload, string expected)
    {
        using var response = await PostAsync(CustomHandlerApiFixture.QueueFunction, payload);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestTimeout.Token());
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Data":{"timer":42}}""", "Data.timer must be the timer object")]
    [InlineData("""{"Data":{"timer":{"ScheduleStatus":{"Last":"2016-10-04T10:15:00Z"},"IsPastDue":false}}}""", "has no 'Next' time")]
    [InlineData("""{"Data":{"timer":{"IsPastDue":"sometimes"}}}""", "IsPastDue must be true or false")]
    public async Task Timer_MalformedPayload_Returns400ProblemDetails(string payload, string expected)
    {
        using var response = await PostAsync(CustomHandlerApiFixture.TimerFunction, payload);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestTimeout.Token());
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_UnknownFunction_Returns404()
    {
        using var response = await PostAsync("noSuchFunction", """{"Data":{"msg":"x"},"Metadata":{}}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Invoke_FromNonLoopbackAddress_Returns403AndSkipsHandler()
    {
        var context = await api.Factory.Server.SendAsync(
            http =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
                http.Request.Method = HttpMethods.Post;
                http.Request.Path = "/" + CustomHandlerApiFixture.QueueFunction;
                http.Request.ContentType = "application/json";
                http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("""{"Data":{"msg":"from afar"},"Metadata":{}}"""));
            },
            TestTimeout.Token());

        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        Assert.False(api.Recorder.QueueByMessageText.ContainsKey("from afar"));
    }

    [Fact]
    public async Task Invoke_BindingNameFromGeneratedFunctionJson_IsTheOneTheEndpointReads()
    {
        var catalog = api.Factory.Services.GetRequiredService<FunctionCatalog>();
        var declaration = catalog.Find(CustomHandlerApiFixture.QueueFunction)!;
        using var functionJson = JsonDocument.Parse(FunctionJsonGenerator.Generate(declaration).Content);
        var bindingName = functionJson.RootElement.GetProperty("bindings")[0].GetProperty("name").GetString()!;
        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Data"] = new Dictionary<string, string> { [bindingName] = "named by function.json" },
            ["Metadata"] = new Dictionary<string, object>(),
        });

        using var response = await PostAsync(CustomHandlerApiFixture.QueueFunction, payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(api.Recorder.QueueByMessageText.ContainsKey("named by function.json"));
    }

    private async Task<HttpResponseMessage> PostAsync(string functionName, string payload)
    {
        using var client = api.Factory.CreateClient();
        using var content = new StringContent(payload, Encoding.UTF8, "application/json");
        return await client.PostAsync(new Uri("/" + functionName, UriKind.Relative), content, TestTimeout.Token());
    }

    private static async Task<JsonElement> AssertInvocationResponseShapeAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestTimeout.Token());
        Assert.Equal(["Outputs", "Logs", "ReturnValue"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Object, body.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Array, body.GetProperty("Logs").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("ReturnValue").ValueKind);
        return body;
    }
}
