namespace Stratus.Api.Security;

/// <summary>Any signed-in caller may call the endpoint; it only touches the caller's own things (whoami, own tokens).</summary>
public sealed record AuthenticatedAccess : EndpointAccess;
