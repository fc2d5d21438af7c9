namespace Stratus.Api.Security;

/// <summary>
/// What an endpoint requires of its caller. Every endpoint carries exactly one kind; the app refuses to start if one
/// does not (<see cref="EndpointAccessValidator"/>), so nothing is reachable by omission.
/// </summary>
public abstract record EndpointAccess;
