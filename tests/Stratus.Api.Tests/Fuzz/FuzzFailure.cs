namespace Stratus.Api.Tests.Fuzz;

/// <summary>One broken rule for one request: a 5xx, an error without a ProblemDetails body, or a refused request that wrote.</summary>
internal sealed record FuzzFailure(FuzzRequest Request, int Status, string Rule, string Detail)
{
    /// <summary>What groups failures of one cause: the operation, the rule and the status (the mutation varies).</summary>
    public string Group => $"{Rule} | {Request.Operation.Name} | {Status}";

    public override string ToString() => $"[{Rule}] {Request.Operation.Name} | mutation: {Request.Mutation} | status {Status} | {Detail}\n      request: {Request.Describe()}";
}
