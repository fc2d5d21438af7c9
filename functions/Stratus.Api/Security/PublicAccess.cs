namespace Stratus.Api.Security;

/// <summary>
/// Anyone may call the endpoint (health probes, the API description, signing in). The reason is for reviewers. An
/// endpoint that <see cref="VerifiesSignature"/> takes no Stratus credentials but proves its caller itself (a VCS
/// provider's webhook signature) and answers 401 to a request without a valid one.
/// </summary>
public sealed record PublicAccess(string Reason, bool VerifiesSignature = false) : EndpointAccess;
