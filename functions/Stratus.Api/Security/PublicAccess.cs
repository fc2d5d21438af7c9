namespace Stratus.Api.Security;

/// <summary>Anyone may call the endpoint (health probes, the API description, signing in). The reason is for reviewers.</summary>
public sealed record PublicAccess(string Reason) : EndpointAccess;
